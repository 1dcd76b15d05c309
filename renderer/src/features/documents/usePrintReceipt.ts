import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { DocumentTarget, PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { useToast, type ShowToast, type ToastAction } from '../../components/Toast';
import { fileUrl, rpc } from '../../rpc/client';
import { queryKeys } from '../../rpc/query-keys';

const t = vi.documentsUi;

/** Query key of a dossier's (or notice's) print history (from rpc/query-keys.ts, the one place). */
export const historyKey = queryKeys.documentHistory;

/** Links to the stored copy: save it as a PDF file, or open it in the browser's PDF viewer. */
export function fileActions(doc: Pick<PrintedDocument, 'fileId' | 'fileName'>): ToastAction[] {
  const url = fileUrl(doc.fileId);
  return [
    { label: t.savePdf, href: url, download: doc.fileName },
    { label: t.openPdf, href: url },
  ];
}

/**
 * The one toast for a print outcome. A printer problem is an error that stays until handled and
 * offers the ways out: save the stored copy as PDF, open it, or print it again.
 */
export function printToast(show: ShowToast, doc: PrintedDocument, retry?: (doc: PrintedDocument) => void): void {
  const form = t.formShort(doc.formKind);
  if (doc.status === 'failed') {
    show('error', t.printFailed(doc.error?.message ?? vi.errors.device_unavailable), {
      actions: [...(retry ? [{ label: t.reprint, run: () => retry(doc) }] : []), ...fileActions(doc)],
    });
  } else if (doc.printer === 'Lưu thành tệp PDF') show('success', t.savedToFile(form));
  else show('success', t.printed(form, doc.printer ?? ''));
}

/** Send the stored bytes of an issued document to the printer again (history, "In lại" in a toast). */
export function useReprint(subject: string) {
  const toast = useToast();
  const qc = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const inFlight = useRef(false);
  const reprint = useCallback(
    async (doc: PrintedDocument): Promise<PrintedDocument | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusyId(doc.id);
      try {
        const r = await rpc.call('documents.reprint', { documentId: doc.id });
        if (!r.ok) {
          toast('error', r.error.message);
          return null;
        }
        printToast(toast, r.value, (d) => void reprint(d));
        return r.value;
      } finally {
        inFlight.current = false;
        setBusyId(null);
        void qc.invalidateQueries({ queryKey: historyKey(subject) });
      }
    },
    [qc, subject, toast],
  );
  return { reprint, busyId };
}

/**
 * Print a document silently (default printer, copies and paper from the print settings) and tell
 * the clerk with one toast. The core stores it once; printing it again is a reprint of that copy.
 * `previewId`: the preview the clerk is looking at, so exactly those bytes are issued.
 */
export function usePrintDocument(subject: string) {
  const toast = useToast();
  const qc = useQueryClient();
  const { reprint } = useReprint(subject);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const print = useCallback(
    async (target: DocumentTarget, extra: { paper?: 'A4' | 'A5'; previewId?: string } = {}): Promise<PrintedDocument | null> => {
      // One key press prints once, even if the key repeats while the first job is on its way.
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      try {
        const r = await rpc.call('documents.print', { target, ...extra });
        if (!r.ok) {
          toast('error', r.error.message);
          return null;
        }
        printToast(toast, r.value, (d) => void reprint(d));
        return r.value;
      } finally {
        inFlight.current = false;
        setBusy(false);
        void qc.invalidateQueries({ queryKey: historyKey(subject) });
      }
    },
    [qc, reprint, subject, toast],
  );
  return { print, busy };
}

/** Print the receipt (Mẫu 01) of a saved dossier: what the intake screen calls right after save. */
export function usePrintReceipt(code: string) {
  const { print, busy } = usePrintDocument(code);
  const printReceipt = useCallback(() => print({ kind: 'dossier', code, form: '01' }), [code, print]);
  return { printReceipt, busy };
}
