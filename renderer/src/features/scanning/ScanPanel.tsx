import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { EventPayload } from '../../../../shared/contract/events';
import type { ComponentRef, ScanBatch, ScanPage, ScanProfileKind } from '../../../../shared/contract/scans.schema';
import { SCAN_IMPORT_MAX_BYTES } from '../../../../shared/contract/scans.schema';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useToast } from '../../components/Toast';
import { fileUrl, rpc, subscribe } from '../../rpc/client';
import { StoredScans } from './StoredScans';
import { vi } from '../../../../shared/i18n/vi';

const t = vi.scanningUi;
const p = vi.scanPanel;

type Source = 'flatbed' | 'adf' | 'adf-duplex';
type Rotation = 0 | 90 | 180 | 270;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

/** One origin flag of the scan (reused, national store, replace) with what it means, so no box sits unexplained. */
function OriginFlag({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="scanning-origin__flag">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        <span className="form__hint">{hint}</span>
      </span>
    </label>
  );
}

/**
 * Scan panel for one dossier: pick the component and profile, scan (progress per page), see the
 * thumbnails, rotate / reorder / delete pages, attach as one PDF; import files by dialog or drop;
 * the stored scans with a viewer. Embeddable in the intake and tracking screens.
 */
export function ScanPanel({ dossierCode, initialComponent = 0 }: { dossierCode: string; initialComponent?: ComponentRef }) {
  const qc = useQueryClient();
  const toast = useToast();
  const dossier = useQuery({ queryKey: ['dossiers.get', dossierCode], queryFn: () => rpc.invoke('dossiers.get', { code: dossierCode }) });
  const profiles = useQuery({ queryKey: ['scans.profiles'], queryFn: () => rpc.invoke('scans.profiles') });
  const devices = useQuery({ queryKey: ['scans.devices'], queryFn: () => rpc.invoke('scans.devices') });
  const stored = useQuery({ queryKey: ['scans.list', dossierCode], queryFn: () => rpc.invoke('scans.list', { dossierCode }) });
  const inbox = useQuery({ queryKey: ['scans.inbox'], queryFn: () => rpc.invoke('scans.inbox'), refetchInterval: 5000 });

  const [component, setComponent] = useState<ComponentRef>(initialComponent);
  const [profile, setProfile] = useState<ScanProfileKind>('sealed');
  const [device, setDevice] = useState('');
  const [source, setSource] = useState<Source>('flatbed');
  const [pages, setPages] = useState('');
  const [batchId, setBatchId] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number | null; label: string } | null>(null);
  const [flags, setFlags] = useState({ reused: false, fromNationalStore: false, replace: false });
  const [viewing, setViewing] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const pick = devices.data?.preferred ?? devices.data?.devices[0]?.id;
    if (!device && pick) setDevice(pick);
  }, [devices.data, device]);

  useEffect(
    () =>
      subscribe('job.progress', (payload) => {
        const p = payload as EventPayload<'job.progress'>;
        if (p.jobId === jobId) setProgress({ done: p.done, total: p.total, label: p.label });
      }),
    [jobId],
  );

  const running = (b: ScanBatch | undefined) => b?.job?.state === 'running';
  const batch = useQuery({
    queryKey: ['scans.batch', batchId],
    queryFn: () => rpc.invoke('scans.batch', { batchId: batchId! }),
    enabled: batchId !== null,
    refetchInterval: (q) => (running(q.state.data) ? 400 : false),
  });
  const b = batch.data;

  const onError = (e: unknown) => toast('error', (e as Error).message);
  const setBatch = (next: ScanBatch) => {
    setBatchId(next.id);
    qc.setQueryData(['scans.batch', next.id], next);
  };

  const start = useMutation({
    mutationFn: () =>
      rpc.invoke('scans.start', {
        dossierCode,
        component,
        profile,
        device,
        source,
        ...(batchId ? { batchId } : {}),
        ...(source !== 'flatbed' && pages ? { pages: Number(pages) } : {}),
      }),
    onSuccess: (r) => {
      setJobId(r.jobId);
      setProgress({ done: 0, total: source === 'flatbed' ? 1 : pages ? Number(pages) : null, label: t.scanning });
      setBatchId(r.batchId);
      void qc.invalidateQueries({ queryKey: ['scans.batch', r.batchId] });
    },
    onError,
  });
  const cancel = useMutation({ mutationFn: () => rpc.invoke('scans.cancel', { jobId: jobId! }), onSettled: () => void batch.refetch() });
  const arrange = useMutation({
    mutationFn: (list: ScanPage[]) => rpc.invoke('scans.arrange', { batchId: batchId!, pages: list.map((p) => ({ id: p.id, rotation: p.rotation })) }),
    onSuccess: setBatch,
    onError,
  });
  const importFiles = useMutation({
    mutationFn: async (files: File[]) => {
      let current = batchId;
      let last: ScanBatch | null = null;
      for (const f of files) {
        if (f.size > SCAN_IMPORT_MAX_BYTES) throw new Error(t.tooLarge(Math.ceil(f.size / 1024 / 1024)));
        last = await rpc.invoke('scans.import', { dossierCode, component, profile, name: f.name, dataBase64: await toBase64(f), ...(current ? { batchId: current } : {}) });
        current = last.id;
      }
      return last;
    },
    onSuccess: (r) => r && setBatch(r),
    onError,
  });
  const take = useMutation({
    mutationFn: (inboxId: string) => rpc.invoke('scans.takeInbox', { inboxId, dossierCode, component, profile, ...(batchId ? { batchId } : {}) }),
    onSuccess: (r) => {
      setBatch(r);
      void inbox.refetch();
    },
    onError,
  });
  const attach = useMutation({
    mutationFn: () => rpc.invoke('scans.attach', { batchId: batchId!, ...flags }),
    onSuccess: (r) => {
      toast('success', t.attached(r.scan.pageCount));
      for (const w of r.warnings) toast('info', w);
      setBatchId(null);
      setJobId(null);
      setProgress(null);
      setViewing(r.scan.fileId);
      void qc.invalidateQueries({ queryKey: ['scans.list', dossierCode] });
    },
    onError,
  });
  const discard = useMutation({
    mutationFn: () => rpc.invoke('scans.discard', { batchId: batchId! }),
    onSuccess: () => {
      setBatchId(null);
      setProgress(null);
    },
  });
  const detach = useMutation({
    mutationFn: ({ scanId, reason }: { scanId: string; reason: string }) => rpc.invoke('scans.detach', { scanId, reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['scans.list', dossierCode] }),
    onError,
  });

  if (dossier.isPending) return <p>…</p>;
  if (dossier.isError) return <p role="alert">{dossier.error.message}</p>;

  const pagesList = b?.pages ?? [];
  const move = (i: number, d: -1 | 1) => {
    const list = [...pagesList];
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    arrange.mutate(list);
  };
  const rotate = (i: number) => arrange.mutate(pagesList.map((p, k) => (k === i ? { ...p, rotation: (((p.rotation + 90) % 360) as Rotation) } : p)));
  const remove = (i: number) => arrange.mutate(pagesList.filter((_, k) => k !== i));
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) importFiles.mutate(files);
  };
  const isRunning = running(b);
  const componentLabel = (c: ComponentRef) => (c === 'result' ? t.result : `${c + 1}. ${dossier.data.components[c]?.name ?? ''}`);

  return (
    <div className="scanning-panel" aria-label={`${t.title} ${dossierCode}`}>
      <p className="scanning-whose" data-testid="scan-dossier">
        {p.whose} <strong>{dossier.data.code}</strong> · {p.applicant}: <strong>{dossier.data.applicant.fullName}</strong> · {dossier.data.procedure.name}
      </p>
      <div className="scanning-controls">
        <label className="field">
          <span className="field__label">{t.component}</span>
          <select
            className="field__input"
            aria-label={t.component}
            value={String(component)}
            disabled={batchId !== null}
            onChange={(e) => setComponent(e.target.value === 'result' ? 'result' : Number(e.target.value))}
          >
            {dossier.data.components.map((c) => (
              <option key={c.position} value={c.position}>
                {componentLabel(c.position)}
              </option>
            ))}
            <option value="result">{t.result}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t.profile}</span>
          <select className="field__input" aria-label={t.profile} value={profile} disabled={batchId !== null} onChange={(e) => setProfile(e.target.value as ScanProfileKind)}>
            {(profiles.data ?? []).map((p) => (
              <option key={p.kind} value={p.kind}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t.device}</span>
          <select className="field__input" aria-label={t.device} value={device} onChange={(e) => setDevice(e.target.value)}>
            {(devices.data?.devices ?? []).length === 0 ? <option value="">{t.noDevice}</option> : null}
            {(devices.data?.devices ?? []).map((d) => (
              <option key={d.id} value={d.id} title={p.deviceId(d.id)}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t.source}</span>
          <select className="field__input" aria-label={t.source} value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {(Object.keys(t.sources) as Source[]).map((s) => (
              <option key={s} value={s}>
                {t.sources[s]}
              </option>
            ))}
          </select>
        </label>
        {source !== 'flatbed' ? (
          <label className="field">
            <span className="field__label">{t.pages}</span>
            <input className="field__input" aria-label={t.pages} inputMode="numeric" value={pages} onChange={(e) => setPages(e.target.value.replace(/\D/g, ''))} />
          </label>
        ) : null}
        <div className="scanning-actions">
          <Button variant="primary" onClick={() => start.mutate()} busy={start.isPending} disabled={!device || isRunning}>
            {batchId ? t.scanMore : t.scan}
          </Button>
          {isRunning ? <Button onClick={() => cancel.mutate()}>{t.cancel}</Button> : null}
          <Button onClick={() => void devices.refetch()}>{t.refreshDevices}</Button>
          <Button onClick={() => fileInput.current?.click()} busy={importFiles.isPending}>
            {t.importFile}
          </Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
            data-testid="scan-file-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) importFiles.mutate(files);
            }}
          />
        </div>
      </div>

      {progress && (isRunning || b?.job) ? (
        <ProgressBar label={b?.job && b.job.state !== 'running' ? (b.job.error ?? progress.label) : progress.label} done={b?.job?.done ?? progress.done} total={b?.job?.total ?? progress.total} />
      ) : null}
      {b?.job?.error ? (
        <p className="scanning-error" role="alert">
          {b.job.error}
        </p>
      ) : null}

      <div
        className={`scanning-drop${dragging ? ' scanning-drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="scan-drop"
      >
        {pagesList.length === 0 ? <p>{t.dropHere}</p> : null}
        {pagesList.length > 0 ? (
          <>
            <h2>{t.pagesTitle(pagesList.reduce((n, p) => n + p.pageCount, 0))}</h2>
            <ol className="scanning-thumbs" aria-label={t.pagesTitle(pagesList.length)}>
              {pagesList.map((p, i) => (
                <li key={p.id} className={`scanning-thumb${p.blank ? ' scanning-thumb--blank' : ''}`}>
                  <div className="scanning-thumb__img">
                    {p.thumbId ? (
                      <img src={fileUrl(p.thumbId)} alt={p.name} style={{ transform: `rotate(${p.rotation}deg)` }} />
                    ) : (
                      <span className="scanning-thumb__pdf">{t.pdfItem(p.pageCount)}</span>
                    )}
                  </div>
                  <div className="scanning-thumb__name">
                    {i + 1}. {p.name}
                    {p.blank ? <strong> · {t.blank}</strong> : null}
                  </div>
                  <div className="scanning-thumb__tools">
                    {p.kind === 'image' ? (
                      <Button variant="ghost" aria-label={`${t.rotate} ${p.name}`} onClick={() => rotate(i)} disabled={isRunning}>
                        ⟳
                      </Button>
                    ) : null}
                    <Button variant="ghost" aria-label={`${t.up} ${p.name}`} onClick={() => move(i, -1)} disabled={isRunning || i === 0}>
                      ↑
                    </Button>
                    <Button variant="ghost" aria-label={`${t.down} ${p.name}`} onClick={() => move(i, 1)} disabled={isRunning || i === pagesList.length - 1}>
                      ↓
                    </Button>
                    <Button variant="ghost" aria-label={`${t.remove} ${p.name}`} onClick={() => remove(i)} disabled={isRunning}>
                      ✕
                    </Button>
                  </div>
                </li>
              ))}
            </ol>
            {b?.warnings.map((w) => (
              <p key={w} className="scanning-warning">
                {w}
              </p>
            ))}
            <fieldset className="scanning-origin">
              <legend>{p.originTitle}</legend>
              <OriginFlag label={t.reused} hint={p.reusedHint} checked={flags.reused} onChange={(v) => setFlags({ ...flags, reused: v })} />
              <OriginFlag label={t.nationalStore} hint={p.nationalStoreHint} checked={flags.fromNationalStore} onChange={(v) => setFlags({ ...flags, fromNationalStore: v })} />
              {(stored.data ?? []).some((s) => !s.detachedAt && s.component === component) ? (
                <OriginFlag label={t.replace} hint={p.replaceHint} checked={flags.replace} onChange={(v) => setFlags({ ...flags, replace: v })} />
              ) : null}
            </fieldset>
            <div className="scanning-attach">
              {pagesList.some((p) => p.blank) ? <Button onClick={() => arrange.mutate(pagesList.filter((p) => !p.blank))}>{t.dropBlank}</Button> : null}
              <Button variant="primary" onClick={() => attach.mutate()} busy={attach.isPending} disabled={isRunning}>
                {t.attach}
              </Button>
              <Button variant="danger" onClick={() => discard.mutate()} disabled={attach.isPending}>
                {t.discard}
              </Button>
            </div>
          </>
        ) : null}
      </div>

      {(inbox.data ?? []).length > 0 ? (
        <section className="scanning-inbox">
          <h2>{t.inbox}</h2>
          <ul>
            {inbox.data!.map((f) => (
              <li key={f.id}>
                {f.name} ({Math.ceil(f.bytes / 1024)} KB){' '}
                <Button onClick={() => take.mutate(f.id)} busy={take.isPending}>
                  {t.take}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <StoredScans scans={stored.data ?? []} componentLabel={componentLabel} viewing={viewing} onView={setViewing} onDetach={(scanId, reason) => detach.mutate({ scanId, reason })} />
    </div>
  );
}
