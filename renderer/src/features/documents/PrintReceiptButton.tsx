import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { usePrintReceipt } from './usePrintReceipt';

/**
 * "In giấy hẹn" for a saved dossier: one key (F9) prints the receipt on the default printer without
 * a dialog and reports with a toast. A preview opened over it takes F9 for itself (app/shortcuts.ts).
 */
export function PrintReceiptButton({ code, variant = 'primary', shortcut = true }: { code: string; variant?: 'primary' | 'secondary'; shortcut?: boolean }) {
  const { printReceipt, busy } = usePrintReceipt(code);
  useShortcuts(shortcut ? [{ keys: 'F9', description: vi.documentsUi.printReceipt, run: () => void printReceipt() }] : []);
  return (
    <Button variant={variant} busy={busy} shortcut={shortcut ? 'F9' : undefined} onClick={() => void printReceipt()} data-testid="print-receipt">
      {busy ? vi.documentsUi.printing : vi.documentsUi.printReceipt}
    </Button>
  );
}
