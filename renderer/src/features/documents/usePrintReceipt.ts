import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { DocumentTarget, PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';

const t = vi.documentsUi;

/** Query key of a dossier's (or notice's) print history, shared by every list that shows it. */
export const historyKey = (subject: string) => ['documents.history', subject.trim().toUpperCase()] as const;

/** The toast for a print outcome: a printer problem is an error toast with the core's Vietnamese message. */
export function printToast(show: ReturnType<typeof useToast>, doc: PrintedDocument): void {
  const form = t.formShort(doc.formKind);
  if (doc.status === 'failed') show('error', t.printFailed(doc.error?.message ?? vi.errors.device_unavailable));
  else if (doc.printer === 'Lưu thành tệp PDF') show('success', t.savedToFile(form));
  else show('success', t.printed(form, doc.printer ?? ''));
}

/**
 * Print a document silently (default printer, copies and paper from the print settings) and tell
 * the clerk with a toast. A dead printer does not lose anything: the core keeps the document and the
 * history offers "In lại".
 */
export function usePrintDocument() {
  const toast = useToast();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const print = useCallback(
    async (target: DocumentTarget, subject: string): Promise<PrintedDocument | null> => {
      // One key press prints once, even if the key repeats while the first job is on its way.
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      try {
        const r = await rpc.call('documents.print', { target });
        if (!r.ok) {
          toast('error', r.error.message);
          return null;
        }
        printToast(toast, r.value);
        return r.value;
      } finally {
        inFlight.current = false;
        setBusy(false);
        void qc.invalidateQueries({ queryKey: historyKey(subject) });
      }
    },
    [qc, toast],
  );
  return { print, busy };
}

/** Print the receipt (Mẫu 01) of a saved dossier: what the intake screen calls right after save. */
export function usePrintReceipt() {
  const { print, busy } = usePrintDocument();
  const printReceipt = useCallback((code: string) => print({ kind: 'dossier', code, form: '01' }, code), [print]);
  return { printReceipt, busy };
}

/** Send the stored bytes of an earlier document to the printer again (from the history). */
export function useReprint(subject: string) {
  const toast = useToast();
  const qc = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const reprint = useCallback(
    async (doc: PrintedDocument): Promise<PrintedDocument | null> => {
      setBusyId(doc.id);
      try {
        const r = await rpc.call('documents.reprint', { documentId: doc.id });
        if (!r.ok) {
          toast('error', r.error.message);
          return null;
        }
        printToast(toast, r.value);
        return r.value;
      } finally {
        setBusyId(null);
        void qc.invalidateQueries({ queryKey: historyKey(subject) });
      }
    },
    [qc, subject, toast],
  );
  return { reprint, busyId };
}
