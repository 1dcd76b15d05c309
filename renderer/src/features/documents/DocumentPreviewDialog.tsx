import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DocumentTarget, Paper, PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { PdfPages } from '../../components/PdfPages';
import { useToast } from '../../components/Toast';
import { fileUrl, rpc } from '../../rpc/client';
import { historyKey, printToast } from './usePrintReceipt';

const t = vi.documentsUi;

type Source = { target: DocumentTarget; document?: never } | { document: PrintedDocument; target?: never };

type Props = Source & {
  open: boolean;
  onClose(): void;
  /** Dossier code or notice id: whose print history to refresh after printing. */
  subject: string;
};

/**
 * The document as it will come out of the printer: the core renders and stores it, the PDF is shown
 * from the files route, and "In" (F9) sends exactly those stored bytes. Opened on a stored document
 * (history), it shows and reprints that one.
 */
export function DocumentPreviewDialog({ open, onClose, subject, target, document }: Props) {
  const toast = useToast();
  const qc = useQueryClient();
  const [paper, setPaper] = useState<Paper | undefined>(undefined);
  const [printing, setPrinting] = useState(false);
  const isReceipt = target ? target.kind === 'dossier' && target.form === '01' : document?.formKind === '01';

  const rendered = useQuery({
    queryKey: ['documents.render', JSON.stringify(target ?? null), paper ?? 'default'],
    queryFn: () => rpc.invoke('documents.render', { target: target!, ...(paper ? { paper } : {}) }),
    enabled: open && !!target,
    // Each render stores a document; never re-render behind the clerk's back.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const doc = document ?? rendered.data;
  const name = doc ? `${t.formShort(doc.formKind)} – ${doc.formName}` : t.preview;

  const print = async () => {
    if (!doc || printing) return;
    setPrinting(true);
    try {
      const r = await rpc.call('documents.reprint', { documentId: doc.id });
      if (!r.ok) toast('error', r.error.message);
      else {
        printToast(toast, r.value);
        if (r.value.status === 'printed') onClose();
      }
    } finally {
      setPrinting(false);
      void qc.invalidateQueries({ queryKey: historyKey(subject) });
    }
  };
  useShortcuts(open ? [{ keys: 'F9', description: t.print, run: () => void print() }] : []);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={doc ? t.previewTitle(name) : t.preview}
      footer={
        <>
          {isReceipt && target ? (
            <label className="documents-paper">
              {t.paper}{' '}
              <select value={paper ?? doc?.paper ?? 'A4'} onChange={(e) => setPaper(e.target.value as Paper)} aria-label={t.paper}>
                <option value="A4">A4 (2 liên trên 2 trang)</option>
                <option value="A5">A5</option>
              </select>
            </label>
          ) : null}
          <Button onClick={onClose}>{vi.common.close}</Button>
          <Button variant="primary" shortcut="F9" busy={printing} disabled={!doc} onClick={() => void print()} data-testid="preview-print">
            {document ? t.reprint : t.print}
          </Button>
        </>
      }
    >
      <div className="documents-preview">
        {rendered.isError ? (
          <p className="form__error" role="alert">
            {(rendered.error as Error).message}
          </p>
        ) : !doc ? (
          <p className="documents-preview__wait">{t.rendering}</p>
        ) : (
          <>
            <p className="form__hint">
              {t.pages(doc.pages)} · {doc.paper} · {doc.fileName}
            </p>
            <PdfPages url={fileUrl(doc.fileId)} title={t.previewFrame(name)} testId="document-preview-frame" />
          </>
        )}
      </div>
    </Dialog>
  );
}
