import { useState } from 'react';
import { DOSSIER_FORM_KINDS, type DocumentTarget } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DocumentPreviewDialog } from './DocumentPreviewDialog';
import { PrintHistory } from './PrintHistory';
import { PrintReceiptButton } from './PrintReceiptButton';

const t = vi.documentsUi;

/**
 * A dossier's documents: preview any of its forms (Mẫu 01–06), print the receipt with one key, and
 * the print history with reprint. For the dossier detail screens (tracking, search) to mount.
 */
export function DossierDocuments({ code, forms = DOSSIER_FORM_KINDS }: { code: string; forms?: ReadonlyArray<(typeof DOSSIER_FORM_KINDS)[number]> }) {
  const [target, setTarget] = useState<DocumentTarget | null>(null);
  return (
    <section className="documents-dossier" aria-label={t.formsTitle}>
      <div className="toolbar">
        <PrintReceiptButton code={code} />
        {forms.map((form) => (
          <Button key={form} onClick={() => setTarget({ kind: 'dossier', code, form })} title={t.formNames[form]}>
            {t.preview} {t.formShort(form)}
          </Button>
        ))}
      </div>
      <PrintHistory subject={code} />
      {target ? <DocumentPreviewDialog open subject={code} target={target} onClose={() => setTarget(null)} /> : null}
    </section>
  );
}
