import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PrintedDocument } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { rpc } from '../../rpc/client';
import { DocumentPreviewDialog } from './DocumentPreviewDialog';
import { historyKey, useReprint } from './usePrintReceipt';

const t = vi.documentsUi;

function when(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** Every document printed (or only stored) for a dossier or notice, newest first, with view and reprint. */
export function PrintHistory({ subject }: { subject: string }) {
  const history = useQuery({ queryKey: historyKey(subject), queryFn: () => rpc.invoke('documents.history', { subject }) });
  const [viewing, setViewing] = useState<PrintedDocument | null>(null);
  const { reprint, busyId } = useReprint(subject);

  const columns: Column<PrintedDocument>[] = [
    { key: 'at', header: t.colTime, render: (d) => when(d.at) },
    { key: 'form', header: t.colForm, render: (d) => `${t.formShort(d.formKind)}${d.reprintOf ? ` ${t.reprintMark}` : ''}` },
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
    { key: 'user', header: t.colUser, render: (d) => d.actor },
    {
      key: 'actions',
      header: t.colActions,
      render: (d) => (
        <span className="row-actions">
          <Button variant="ghost" onClick={() => setViewing(d)}>
            {t.view}
          </Button>
          <Button variant="ghost" busy={busyId === d.id} onClick={() => void reprint(d)} data-testid={`reprint-${d.id}`}>
            {t.reprint}
          </Button>
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
