import { useState } from 'react';
import { RecoveryStatusSchema, type BackupEntry, type RecoveryStatus, type RestoreOutcome } from '../../../../shared/contract/backup.schema';
import { isAppError } from '../../../../shared/errors';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { rpc } from '../../rpc/client';
import { contentsOf } from '../backup/backup-format';

/** The recovery details a `store_unavailable` error carries when the database is damaged at start. */
export function recoveryFromError(err: unknown): RecoveryStatus | null {
  if (!isAppError(err) || err.code !== 'store_unavailable') return null;
  const parsed = RecoveryStatusSchema.safeParse(err.details?.recovery);
  return parsed.success && parsed.data.needed ? parsed.data : null;
}

/**
 * Shown instead of the app when the database file is damaged: the latest good backup with its
 * date and contents, one button to restore it (older ones below), then the app continues.
 * Works before sign-in: the officers' accounts are in the damaged file.
 */
export function RecoveryScreen({ initial, onRestored }: { initial: RecoveryStatus; onRestored(): void }) {
  const [status, setStatus] = useState(initial);
  const [chosen, setChosen] = useState<BackupEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RestoreOutcome | null>(null);
  const [checking, setChecking] = useState(false);

  const [latest, ...older] = status.backups;

  async function recheck() {
    setChecking(true);
    setError(null);
    try {
      const next = await rpc.invoke('recovery.status');
      if (!next.needed) onRestored();
      else setStatus(next);
    } catch (e) {
      setError(isAppError(e) ? e.message : vi.errors.network);
    } finally {
      setChecking(false);
    }
  }

  async function restore(entry: BackupEntry) {
    setBusy(true);
    setError(null);
    try {
      setDone(await rpc.invoke('recovery.restore', { file: entry.path }));
      setChosen(null);
    } catch (e) {
      setError(isAppError(e) ? e.message : vi.errors.network);
      setChosen(null);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <main className="recovery">
        <div className="card recovery__card" role="status">
          <h1 className="recovery__title recovery__title--ok">{vi.recoveryUi.restored(done.createdAtText)}</h1>
          <Button variant="primary" onClick={onRestored} autoFocus>
            {vi.recoveryUi.continue}
          </Button>
        </div>
      </main>
    );
  }

  return (
    <main className="recovery">
      <div className="card recovery__card">
        <h1 className="recovery__title">{vi.recoveryUi.title}</h1>
        <p className="recovery__intro">{vi.recoveryUi.intro}</p>
        <p className="recovery__message" role="alert">
          {status.message}
        </p>
        {error ? (
          <p className="form__error" role="alert">
            {error}
          </p>
        ) : null}

        {latest ? (
          <section className="recovery__latest" aria-labelledby="recovery-latest">
            <h2 id="recovery-latest">{vi.recoveryUi.latest}</h2>
            <dl className="recovery__facts">
              <dt>{vi.recoveryUi.when}</dt>
              <dd data-testid="recovery-latest-when">{latest.createdAtText}</dd>
              <dt>{vi.recoveryUi.contents}</dt>
              <dd>{contentsOf(latest.counts)}</dd>
              <dt>{vi.recoveryUi.file}</dt>
              <dd className="recovery__path">{latest.path}</dd>
            </dl>
            {latest.verified ? <p className="recovery__verified">✓ {vi.recoveryUi.verified}</p> : null}
            <Button variant="primary" onClick={() => setChosen(latest)} busy={busy} autoFocus>
              {vi.recoveryUi.restore}
            </Button>
          </section>
        ) : (
          <p className="recovery__none">{vi.recoveryUi.noBackups}</p>
        )}

        {older.length > 0 ? (
          <details className="recovery__older">
            <summary>
              {vi.recoveryUi.older} ({older.length})
            </summary>
            <ul>
              {older.map((b) => (
                <li key={b.path}>
                  <span>
                    {b.createdAtText} — {contentsOf(b.counts)}
                  </span>
                  <Button variant="ghost" onClick={() => setChosen(b)} disabled={busy}>
                    {vi.recoveryUi.restoreOlder}
                  </Button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}

        {status.problems.length > 0 ? (
          <details className="recovery__details">
            <summary>{vi.recoveryUi.details}</summary>
            <ul>
              {status.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </details>
        ) : null}

        <div className="recovery__actions">
          <Button variant="ghost" onClick={() => void recheck()} busy={checking}>
            {vi.recoveryUi.recheck}
          </Button>
        </div>
      </div>

      <Dialog
        open={chosen !== null}
        title={vi.recoveryUi.confirmTitle}
        onClose={() => !busy && setChosen(null)}
        footer={
          <>
            <Button onClick={() => setChosen(null)} disabled={busy}>
              {vi.common.cancel}
            </Button>
            <Button variant="danger" busy={busy} onClick={() => chosen && void restore(chosen)}>
              {busy ? vi.recoveryUi.restoring : vi.recoveryUi.confirmButton}
            </Button>
          </>
        }
      >
        {chosen ? <p>{vi.recoveryUi.confirm(chosen.createdAtText)}</p> : null}
      </Dialog>
    </main>
  );
}
