import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ConnectionTest, MoveResult } from '../../../../shared/contract/office.schema';
import { isAppError } from '../../../../shared/errors';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { rpc, subscribe } from '../../rpc/client';

type Step = 'test' | 'prepare' | 'move' | 'use' | 'back';

/** Settings → several desks: move this desk's data to the office's PostgreSQL server, or back. */
export function OfficePanel() {
  const status = useQuery({ queryKey: ['office.storeStatus'], queryFn: () => rpc.invoke('office.storeStatus') });
  const [url, setUrl] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState<Step | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [tested, setTested] = useState<ConnectionTest | null>(null);
  const [result, setResult] = useState<MoveResult | null>(null);
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number | null; label: string } | null>(null);

  useEffect(
    () =>
      subscribe('job.progress', (p) => {
        const payload = p as { jobId: string; kind: string; done: number; total: number | null; label: string };
        if (payload.kind === 'office.move') setProgress(payload);
      }),
    [],
  );

  async function run<T>(step: Step, work: () => Promise<T>, ok: (value: T) => string): Promise<void> {
    setBusy(step);
    setMessage(null);
    setFieldError(undefined);
    try {
      const value = await work();
      setMessage({ kind: 'ok', text: ok(value) });
      void status.refetch();
    } catch (err) {
      const text = isAppError(err) ? err.message : vi.errors.internal;
      if (isAppError(err) && err.code === 'invalid_input') setFieldError(err.issues?.[0]?.message ?? text);
      else setMessage({ kind: 'error', text });
    } finally {
      setBusy(null);
    }
  }

  const jobId = () => `office-${Date.now().toString(36)}`;
  const s = status.data;
  if (status.isError) return <p className="form__error">{status.error.message}</p>;
  return (
    <div className="office">
      <p className="form__hint">{vi.office.intro}</p>
      {s ? (
        <dl className="office__status">
          <dt>{vi.office.current}</dt>
          <dd>
            {s.kind === 'postgres' ? vi.office.postgres : vi.office.sqlite} — <code>{s.describe}</code>
          </dd>
          <dt>{vi.office.configured}</dt>
          <dd>
            {s.configured === 'postgres' ? `${vi.office.postgres} — ${s.configuredUrl ?? ''}` : vi.office.sqlite}
          </dd>
          {s.envOverride ? <dd className="form__hint">{vi.office.envOverride}</dd> : null}
        </dl>
      ) : null}

      {s?.kind !== 'postgres' ? (
        <>
          <TextField label={vi.office.url} hint={vi.office.urlHint} value={url} error={fieldError} onChange={(e) => setUrl(e.target.value)} spellCheck={false} autoComplete="off" />
          <div className="office__actions">
            <Button
              busy={busy === 'test'}
              disabled={busy !== null}
              onClick={() =>
                void run('test', () => rpc.invoke('office.testConnection', { url }), (t) => {
                  setTested(t);
                  return [vi.office.testOk(t.serverVersion), t.migrated ? vi.office.testMigrated : '', t.hasData ? vi.office.testHasData : vi.office.testEmpty].filter(Boolean).join(' ');
                })
              }
            >
              {vi.office.test}
            </Button>
            <Button busy={busy === 'prepare'} disabled={busy !== null} onClick={() => void run('prepare', () => rpc.invoke('office.prepareServer', { url }), (r) => vi.office.prepared(r.applied.length))}>
              {vi.office.prepare}
            </Button>
            <Button
              variant="primary"
              busy={busy === 'move'}
              disabled={busy !== null}
              onClick={() => {
                if (!window.confirm(vi.office.confirmMove)) return;
                void run('move', () => rpc.invoke('office.moveToServer', { url, jobId: jobId(), replace }), (r) => {
                  setResult(r);
                  return `${vi.office.moved(r.rows)} ${vi.office.restart}`;
                });
              }}
            >
              {vi.office.move}
            </Button>
            <Button busy={busy === 'use'} disabled={busy !== null || (tested !== null && !tested.hasData)} onClick={() => void run('use', () => rpc.invoke('office.useServer', { url }), () => vi.office.restart)}>
              {vi.office.useServer}
            </Button>
          </div>
          <label className="office__replace">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {vi.office.replace}
          </label>
        </>
      ) : (
        <>
          <p className="form__hint">{vi.office.moveBackIntro}</p>
          <Button
            busy={busy === 'back'}
            disabled={busy !== null}
            onClick={() => {
              if (!window.confirm(vi.office.confirmMove)) return;
              void run('back', () => rpc.invoke('office.moveToLocal', { jobId: jobId() }), (r) => {
                setResult(r);
                return `${vi.office.moved(r.rows)} ${vi.office.restart}`;
              });
            }}
          >
            {vi.office.moveBack}
          </Button>
        </>
      )}

      {busy === 'move' || busy === 'back' ? progress ? <ProgressBar label={progress.label} done={progress.done} total={progress.total} /> : <ProgressBar label={vi.office.progress} done={0} total={null} /> : null}
      {message ? (
        <p className={message.kind === 'ok' ? 'office__ok' : 'form__error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {result ? (
        <table className="table table--compact office__counts">
          <caption className="table__caption">{vi.office.verifying}</caption>
          <thead>
            <tr>
              <th>{vi.office.colTable}</th>
              <th>{vi.office.colSource}</th>
              <th>{vi.office.colTarget}</th>
            </tr>
          </thead>
          <tbody>
            {result.tables.map((t) => (
              <tr key={t.table}>
                <td>{t.table}</td>
                <td>{t.source}</td>
                <td>{t.target === t.source ? `${t.target} ✓` : t.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
