import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { BackupEntry, BackupSettings, RestorePreview, StoreCheck } from '../../../../shared/contract/backup.schema';
import type { EventPayload } from '../../../../shared/contract/events';
import { isAppError } from '../../../../shared/errors';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { useToast } from '../../components/Toast';
import { rpc, subscribe } from '../../rpc/client';
import { contentsOf, sizeText, vietnamTime } from './backup-format';

type Message = { kind: 'ok' | 'error'; text: string } | null;

const errorText = (e: unknown) => (isAppError(e) ? e.message : vi.errors.network);

/** Settings → "Sao lưu dữ liệu": folder, schedule, back up now, verify, list and restore. */
export function BackupPanel() {
  const settings = useQuery({ queryKey: ['backup.settings'], queryFn: () => rpc.invoke('backup.settings') });
  const list = useQuery({ queryKey: ['backup.list'], queryFn: () => rpc.invoke('backup.list', {}) });
  const qc = useQueryClient();
  const [message, setMessage] = useState<Message>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<EventPayload<'job.progress'> | null>(null);
  const [check, setCheck] = useState<StoreCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [restoreOf, setRestoreOf] = useState<BackupEntry | null>(null);

  useEffect(
    () =>
      subscribe('job.progress', (p) => {
        const payload = p as EventPayload<'job.progress'>;
        if (payload.kind === 'backup') setProgress((cur) => (running && payload.jobId === running ? payload : cur));
      }),
    [running],
  );

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['backup.settings'] });
    void qc.invalidateQueries({ queryKey: ['backup.list'] });
  };

  async function backupNow() {
    const jobId = `backup-${Date.now().toString(36)}`;
    setRunning(jobId);
    setProgress({ jobId, kind: 'backup', done: 0, total: null, label: vi.backupUi.backingUp });
    setMessage(null);
    try {
      const made = await rpc.invoke('backup.create', { jobId });
      const extra = made.removed.length > 0 ? ` ${vi.backupUi.removedOld(made.removed.length)}` : '';
      const warn = made.warnings.map((w) => ` ${w.message}`).join('');
      setMessage({ kind: 'ok', text: `${vi.backupUi.backedUp(made.createdAtText, made.path)}${extra}${warn}` });
      refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setRunning(null);
      setProgress(null);
    }
  }

  async function verify() {
    setChecking(true);
    setCheck(null);
    setMessage(null);
    try {
      setCheck(await rpc.invoke('backup.verify'));
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setChecking(false);
    }
  }

  const s = settings.data;
  if (settings.isError) return <p className="form__error">{settings.error.message}</p>;
  if (!s) return <p>{vi.common.loading}</p>;

  const columns: Column<BackupEntry>[] = [
    { key: 'when', header: vi.backupUi.colWhen, render: (b) => b.createdAtText },
    { key: 'contents', header: vi.backupUi.colContents, render: (b) => contentsOf(b.counts) },
    { key: 'size', header: vi.backupUi.colSize, render: (b) => sizeText(b.bytes), align: 'right' },
    {
      key: 'state',
      header: vi.backupUi.colState,
      render: (b) =>
        b.verified ? (
          <span className="backup__ok">✓ {vi.backupUi.verified}</span>
        ) : (
          <span className="backup__warn">{b.complete ? vi.backupUi.auditBroken : vi.backupUi.incomplete}</span>
        ),
    },
    { key: 'folder', header: vi.backupUi.colFolder, render: (b) => <span className="backup__path">{b.folder}</span> },
    {
      key: 'actions',
      header: vi.backupUi.colActions,
      render: (b) =>
        b.engine === 'sqlite' && s.engine === 'sqlite' ? (
          <Button variant="ghost" className="backup__restore" onClick={() => setRestoreOf(b)} aria-label={`${vi.backupUi.restore} ${b.createdAtText}`}>
            {vi.backupUi.restore}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="backup">
      <p className="form__hint">{vi.backupUi.intro}</p>
      {s.engine === 'postgres' ? <p className="backup__note">{vi.backupUi.postgresNote}</p> : null}
      {s.pgTools && !s.pgTools.available ? (
        <p className="form__error" role="alert">
          {s.pgTools.message}
        </p>
      ) : null}

      <SettingsForm settings={s} onSaved={(text) => (setMessage({ kind: 'ok', text }), refresh())} />

      <div className="backup__status">
        <p>{s.folder ? (s.scheduled ? vi.backupUi.scheduleOn(s.intervalHours, vietnamTime(s.nextRunAt)) : vi.backupUi.scheduleNotHere) : vi.backupUi.scheduleNeedsFolder}</p>
        <p>{vi.backupUi.lastBackup(vietnamTime(s.lastBackupAt))}</p>
        {s.lastError ? <p className="form__error">{vi.backupUi.lastError(s.lastError)}</p> : null}
      </div>

      <div className="backup__actions">
        <Button variant="primary" onClick={() => void backupNow()} busy={running !== null} disabled={s.pgTools?.available === false}>
          {vi.backupUi.backupNow}
        </Button>
        <Button onClick={() => void verify()} busy={checking}>
          {vi.backupUi.verify}
        </Button>
      </div>
      {progress ? <ProgressBar label={progress.label} done={progress.done} total={progress.total} /> : null}
      {message ? (
        <p className={message.kind === 'ok' ? 'backup__message' : 'form__error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {check ? <CheckResult check={check} /> : null}

      {list.isError ? <p className="form__error">{list.error.message}</p> : null}
      <DataTable caption={vi.backupUi.listTitle} columns={columns} rows={list.data?.entries ?? []} rowKey={(b) => b.path} empty={vi.backupUi.listEmpty} />

      {restoreOf ? (
        <RestoreDialog
          entry={restoreOf}
          onClose={() => setRestoreOf(null)}
          onRestored={(text) => {
            setRestoreOf(null);
            setMessage({ kind: 'ok', text });
            // Everything on screen came from the old data.
            void qc.invalidateQueries();
          }}
        />
      ) : null}
    </div>
  );
}

function SettingsForm({ settings, onSaved }: { settings: BackupSettings; onSaved(text: string): void }) {
  const [folder, setFolder] = useState(settings.folder ?? '');
  const [interval, setIntervalHours] = useState(String(settings.intervalHours));
  const [keep, setKeep] = useState(String(settings.keep));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      await rpc.invoke('backup.saveSettings', { folder: folder.trim() === '' ? null : folder.trim(), intervalHours: Number(interval), keep: Number(keep) });
      onSaved(vi.backupUi.settingsSaved);
    } catch (err) {
      if (isAppError(err) && err.issues?.length) {
        const byField: Record<string, string> = {};
        for (const i of err.issues) byField[i.path] ??= i.message;
        if (byField.folder && err.message !== vi.errors.invalid_input) byField.folder = err.message;
        setErrors(byField);
      } else setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="backup__form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label={vi.backupUi.folder} value={folder} onChange={(e) => setFolder(e.target.value)} hint={vi.backupUi.folderHint(settings.defaultFolder)} error={errors.folder} />
      <div className="backup__numbers">
        <TextField label={vi.backupUi.interval} type="number" min={1} value={interval} onChange={(e) => setIntervalHours(e.target.value)} error={errors.intervalHours} />
        <TextField label={vi.backupUi.keep} type="number" min={1} value={keep} onChange={(e) => setKeep(e.target.value)} error={errors.keep} />
      </div>
      {formError ? <p className="form__error">{formError}</p> : null}
      <Button type="submit" busy={saving}>
        {vi.backupUi.saveSettings}
      </Button>
    </form>
  );
}

function CheckResult({ check }: { check: StoreCheck }) {
  if (check.ok) {
    const entries = check.audit?.entries ?? 0;
    return (
      <p className="backup__message" role="status">
        ✓ {check.engine === 'sqlite' ? vi.backupUi.verifyOk(entries) : vi.backupUi.verifyOkServer(entries)}
      </p>
    );
  }
  return (
    <div className="form__error" role="alert">
      <p>{vi.backupUi.verifyFailed}</p>
      <ul>
        {check.problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}

function RestoreDialog({ entry, onClose, onRestored }: { entry: BackupEntry; onClose(): void; onRestored(text: string): void }) {
  const toast = useToast();
  const preview = useQuery({ queryKey: ['backup.preview', entry.path], queryFn: () => rpc.invoke('backup.preview', { file: entry.path }), retry: false });
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      const r = await rpc.invoke('backup.restore', { file: entry.path });
      const text = vi.backupUi.restored(r.createdAtText, r.safety.paths[0] ?? null);
      toast('success', text);
      onRestored(text);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const p: RestorePreview | undefined = preview.data;
  return (
    <Dialog
      open
      title={vi.backupUi.restoreTitle}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {vi.common.cancel}
          </Button>
          <Button variant="danger" onClick={() => void restore()} busy={busy} disabled={!p?.ok || !ack}>
            {vi.backupUi.restoreConfirm}
          </Button>
        </>
      }
    >
      {preview.isPending ? <p>{vi.backupUi.checking}</p> : null}
      {preview.isError ? <p className="form__error">{errorText(preview.error)}</p> : null}
      {p ? (
        <div className="backup__preview">
          <dl>
            <dt>{vi.backupUi.previewWhen}</dt>
            <dd>{p.createdAtText ?? '—'}</dd>
            <dt>{vi.backupUi.previewVersion}</dt>
            <dd>
              {p.appVersion ?? '—'} ({p.schemaVersion ?? '—'})
            </dd>
            <dt>{vi.backupUi.previewBackup}</dt>
            <dd>{contentsOf(p.counts)}</dd>
            <dt>{vi.backupUi.previewCurrent}</dt>
            <dd>
              {p.current.state === 'ok'
                ? contentsOf(p.current.counts)
                : p.current.state === 'missing'
                  ? vi.backupUi.currentMissing
                  : vi.backupUi.currentDamaged(p.current.problem)}
            </dd>
          </dl>
          {p.ok ? (
            <>
              <p className="backup__warning">{vi.backupUi.restoreWarning(p.createdAtText ?? '—')}</p>
              {p.warnings.map((w, i) => (
                <p key={i} className="form__hint">
                  {w.message}
                </p>
              ))}
              <label className="backup__ack">
                <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> {vi.backupUi.restoreAck}
              </label>
            </>
          ) : (
            <div className="form__error" role="alert">
              <p>{vi.backupUi.previewUnusable}</p>
              <ul>
                {p.problems.map((x, i) => (
                  <li key={i}>{x.message}</li>
                ))}
              </ul>
            </div>
          )}
          {busy ? <ProgressBar label={vi.backupUi.restoring} done={0} total={null} /> : null}
          {error ? (
            <p className="form__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
