import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { DocumentTarget, Paper, PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { PdfPages } from '../../components/PdfPages';
import { useToast } from '../../components/Toast';
import { fileUrl, rpc } from '../../rpc/client';
import { queryKeys } from '../../rpc/query-keys';
import { historyKey, usePrintDocument, useReprint } from './usePrintReceipt';

const t = vi.documentsUi;

type Source = { target: DocumentTarget; document?: never } | { document: PrintedDocument; target?: never };

type Props = Source & {
  open: boolean;
  onClose(): void;
  /** Dossier code or notice id: whose print history to refresh after printing. */
  subject: string;
};

/** Save a stored file through the browser's download (Electron shows its save dialog). */
function download(doc: PrintedDocument): void {
  const a = window.document.createElement('a');
  a.href = fileUrl(doc.fileId);
  a.download = doc.fileName;
  window.document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The document as it will come out of the printer. Looking writes nothing: the core draws a preview
 * in memory (or shows the copy issued before). "In" (F9) issues exactly the previewed bytes once and
 * prints them; "Lưu tệp PDF…" issues them without printing and downloads the file. Opened on a
 * stored document (history), it shows and reprints that one.
 */
export function DocumentPreviewDialog({ open, onClose, subject, target, document }: Props) {
  const toast = useToast();
  const qc = useQueryClient();
  const [paper, setPaper] = useState<Paper | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const { print: printTarget, busy: printingTarget } = usePrintDocument(subject);
  const { reprint, busyId } = useReprint(subject);
  const busy = printingTarget || busyId !== null || saving;
  const busyRef = useRef(false);
  const isReceipt = target ? target.kind === 'dossier' && target.form === '01' : document?.formKind === '01';

  const rendered = useQuery({
    queryKey: queryKeys.documentPreview(target ?? null, paper),
    queryFn: () => rpc.invoke('documents.render', { target: target!, ...(paper ? { paper } : {}) }),
    enabled: open && !!target,
    // A preview is what the clerk opened: never re-drawn behind their back (rpc/query-keys.ts).
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const doc = document ?? rendered.data;
  const name = doc ? `${t.formShort(doc.formKind)} – ${doc.formName}` : t.preview;

  const once = async (work: () => Promise<unknown>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    try {
      await work();
    } finally {
      busyRef.current = false;
    }
  };

  const print = () =>
    once(async () => {
      if (!doc) return;
      const result = target
        ? await printTarget(target, { ...(paper ? { paper } : {}), ...(doc.status === 'preview' ? { previewId: doc.id } : {}) })
        : await reprint(doc);
      if (result?.status === 'printed') onClose();
    });

  const savePdf = () =>
    once(async () => {
      if (!doc) return;
      if (!target || doc.status !== 'preview') return download(doc);
      setSaving(true);
      try {
        const r = await rpc.call('documents.save', { target, ...(paper ? { paper } : {}), previewId: doc.id });
        if (!r.ok) return toast('error', r.error.message);
        download(r.value);
        toast('success', t.savedCopy(t.formShort(r.value.formKind)));
      } finally {
        setSaving(false);
        void qc.invalidateQueries({ queryKey: historyKey(subject) });
      }
    });

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
              <select className="field__input field__input--inline" value={paper ?? doc?.paper ?? 'A4'} onChange={(e) => setPaper(e.target.value as Paper)} aria-label={t.paper}>
                <option value="A4">A4 (2 liên trên 2 trang)</option>
                <option value="A5">A5</option>
              </select>
            </label>
          ) : null}
          <Button onClick={onClose}>{vi.common.close}</Button>
          <Button busy={saving} disabled={!doc || busy} onClick={() => void savePdf()} data-testid="preview-save-pdf">
            {t.savePdf}
          </Button>
          <Button variant="primary" shortcut="F9" busy={printingTarget || busyId !== null} disabled={!doc || saving} onClick={() => void print()} data-testid="preview-print">
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
