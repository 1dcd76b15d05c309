import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { fileUrl, rpc } from '../../rpc/client';
import { DocumentPreviewDialog } from './DocumentPreviewDialog';
import { historyKey, useReprint } from './usePrintReceipt';

const t = vi.documentsUi;

/** dd/mm/yyyy hh:mm in Vietnam time, whatever the PC's zone. */
function when(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * Every document issued for a dossier or notice and every time it was printed, newest first: an
 * original row, then one row per reprint (time, officer, printer). Each offers view, reprint and
 * the stored PDF, so a printer that was down is never a dead end.
 */
export function PrintHistory({ subject }: { subject: string }) {
  const history = useQuery({ queryKey: historyKey(subject), queryFn: () => rpc.invoke('documents.history', { subject }) });
  const [viewing, setViewing] = useState<PrintedDocument | null>(null);
  const { reprint, busyId } = useReprint(subject);

  const columns: Column<PrintedDocument>[] = [
    { key: 'at', header: t.colTime, render: (d) => when(d.at) },
    { key: 'form', header: t.colForm, render: (d) => `${t.formShort(d.formKind)} · ${d.reprintOf ? t.reprintRow : t.original}` },
    {
      key: 'status',
      header: t.colStatus,
      render: (d) => (
        <span className={`documents-status documents-status--${d.status}`} title={d.error?.message ?? undefined}>
          {t.status[d.status] ?? d.status}
          {d.error ? `: ${d.error.message}` : ''}
        </span>
      ),
    },
    { key: 'printer', header: t.colPrinter, render: (d) => d.printer ?? '—' },
    { key: 'copies', header: t.colCopies, align: 'right', render: (d) => (d.copies > 0 ? String(d.copies) : '—') },
    { key: 'user', header: t.colOfficer, render: (d) => d.officer },
    {
      key: 'actions',
      header: t.colActions,
      render: (d) => (
        <span className="row-actions">
          <Button variant="ghost" onClick={() => setViewing(d)}>
            {t.view}
          </Button>
          <Button variant={d.status === 'failed' ? 'secondary' : 'ghost'} busy={busyId === d.id} onClick={() => void reprint(d)} data-testid={`reprint-${d.id}`}>
            {t.reprint}
          </Button>
          <a className="btn btn--ghost" href={fileUrl(d.fileId)} download={d.fileName} data-testid={`save-pdf-${d.id}`}>
            {t.savePdf}
          </a>
          {/* The stored copy in the browser's (or the system's) PDF viewer, to print from there. */}
          <a className="btn btn--ghost" href={fileUrl(d.fileId)} target="_blank" rel="noreferrer" data-testid={`open-pdf-${d.id}`}>
            {t.openPdf}
          </a>
        </span>
      ),
    },
  ];

  return (
    <section className="documents-history" aria-label={t.historyTitle}>
      {history.isError ? (
        <p className="form__error" role="alert">
          {(history.error as Error).message}
        </p>
      ) : (
        <DataTable caption={t.historyTitle} columns={columns} rows={history.data ?? []} rowKey={(d) => d.id} empty={history.isPending ? vi.common.loading : t.historyEmpty} />
      )}
      {viewing ? <DocumentPreviewDialog open subject={subject} document={viewing} onClose={() => setViewing(null)} /> : null}
    </section>
  );
}
