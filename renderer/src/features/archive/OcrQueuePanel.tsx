/**
 * The OCR queue at a glance (issue 18): which engine, how many pages are read, waiting or failed, the
 * dossiers still waiting, and every failed page with its reason and "Nhận dạng lại". Refreshes when a page
 * finishes (data.changed 'ocr_pages') and on job progress; nothing here blocks the desk.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { rpc } from '../../rpc/client';

const t = vi.archiveUi;

export function OcrQueuePanel({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['ocr.status', 'all'], queryFn: () => rpc.invoke('ocr.status', {}), refetchInterval: 15_000 });
  const [message, setMessage] = useState('');
  const retry = useMutation({
    mutationFn: (where: { scanId?: string; page?: number }) => rpc.invoke('ocr.retry', where),
    onSuccess: (r) => {
      setMessage(t.retried(r.retried));
      void qc.invalidateQueries({ queryKey: ['ocr.status'] });
    },
    onError: (e: Error) => setMessage(e.message),
  });
  const run = useMutation({
    mutationFn: () => rpc.invoke('ocr.run', {}),
    onSuccess: (r) => {
      setMessage(t.ran(r.processed));
      void qc.invalidateQueries({ queryKey: ['ocr.status'] });
    },
    onError: (e: Error) => setMessage(e.message),
  });
  const s = status.data;
  if (status.isError) return <p role="alert">{status.error.message}</p>;
  if (!s) return <p>{vi.common.loading}</p>;
  const finished = s.counts.done + s.counts.empty + s.counts.failed;
  const failed = s.pages.filter((p) => p.status === 'failed');
  return (
    <section className="archive__queue" aria-labelledby="ocr-queue-title">
      <h2 id="ocr-queue-title">{t.queueTitle}</h2>
      <p className={s.engine.available ? undefined : 'archive__warn'}>{t.engine(s.engine.kind, s.engine.available, s.engine.detail)}</p>
      <ProgressBar label={t.progress} done={finished} total={s.counts.total} />
      <p>{t.counts(s.counts)}</p>
      <div className="archive__actions">
        {failed.length > 0 ? (
          <Button onClick={() => retry.mutate({})} disabled={retry.isPending}>
            {t.retryAll}
          </Button>
        ) : null}
        {isAdmin ? (
          <Button onClick={() => run.mutate()} disabled={run.isPending || s.counts.queued === 0}>
            {t.runNow}
          </Button>
        ) : null}
      </div>
      {message ? <p role="status">{message}</p> : null}
      {s.dossiers.length > 0 ? (
        <>
          <h3>{t.dossiersTitle}</h3>
          <ul className="archive__dossiers">
            {s.dossiers.map((d) => (
              <li key={d.dossierCode}>
                <a href={`#/tracking?code=${encodeURIComponent(d.dossierCode)}`}>{d.dossierCode}</a> — {t.counts(d.counts)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t.failedTitle}</h3>
      {failed.length === 0 ? <p>{t.noFailed}</p> : null}
      <ul className="archive__failed">
        {failed.map((p) => (
          <li key={`${p.scanId}-${p.page}`}>
            <span>
              <a href={`#/tracking?code=${encodeURIComponent(p.dossierCode)}`}>{p.dossierCode}</a> · {p.componentName} · {t.pageLabel(p.page)}: {p.reason}
            </span>{' '}
            <Button variant="ghost" onClick={() => retry.mutate({ scanId: p.scanId, page: p.page })} disabled={retry.isPending}>
              {t.retry}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
