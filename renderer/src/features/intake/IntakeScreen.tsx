import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { Input } from '../../../../shared/contract/channels';
import { DossierCreateSchema, type Dossier } from '../../../../shared/contract/intake.schema';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { formatLocalVi } from '../../../../shared/domain/deadline';
import { formatVnd } from '../../../../shared/domain/fees';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { DateTimeField } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import { DocumentPreviewDialog, PrintReceiptButton } from '../documents';
import { ApplicantFields, EMPTY_APPLICANT, type ApplicantDraft } from './ApplicantFields';
import { ComponentChecklist, type ComponentTick } from './ComponentChecklist';
import { NoticeDialog } from './NoticeDialog';
import { ProcedurePicker } from './ProcedurePicker';

type Channel = Input<'dossiers.create'>['channel'] & string;
type ReturnMethod = Input<'dossiers.create'>['returnMethod'] & string;

interface Draft {
  requestId: string;
  procedure: Procedure | null;
  applicant: ApplicantDraft;
  ticks: ComponentTick[];
  channel: Channel;
  setCount: number;
  pages: string;
  copies: string;
  cases: string;
  exempt: boolean;
  returnMethod: ReturnMethod;
  receivedBy: string;
  note: string;
}

function newDraft(unit: UnitProfile): Draft {
  return {
    // One id per form: a double click or a retry after a network hiccup returns the same dossier.
    requestId: crypto.randomUUID(),
    procedure: null,
    applicant: { ...EMPTY_APPLICANT },
    ticks: [],
    channel: 'truc_tiep',
    setCount: 1,
    pages: '',
    copies: '1',
    cases: '1',
    exempt: false,
    returnMethod: 'tai_bo_phan',
    receivedBy: unit.officers[0]?.name ?? '',
    note: '',
  };
}

function feeInput(d: Draft): Input<'dossiers.create'>['fee'] {
  const rule = d.procedure?.feeRule;
  const n = (s: string) => (s.trim() === '' ? undefined : Number(s));
  if (!rule) return {};
  if (d.exempt) return { exempt: true };
  if (rule.kind === 'per-page') return { pages: n(d.pages), copies: n(d.copies) };
  if (rule.kind === 'per-copy' || (rule.kind === 'provincial' && rule.per === 'copy')) return { copies: n(d.copies) };
  if (rule.kind === 'per-case' || rule.kind === 'provincial') return { cases: n(d.cases) };
  return {};
}

function toPayload(d: Draft): Input<'dossiers.create'> {
  const { id, ...rest } = d.applicant;
  return {
    requestId: d.requestId,
    procedureCode: d.procedure?.code ?? '',
    applicant: { ...(id ? { id } : {}), ...rest },
    components: d.ticks.map((t, position) => ({ position, received: t.received, countReceived: t.countReceived })),
    channel: d.channel,
    setCount: d.setCount,
    fee: feeInput(d),
    returnMethod: d.returnMethod,
    receivedBy: d.receivedBy,
    note: d.note,
  };
}

export function IntakeScreen({ unit }: { unit: UnitProfile }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => newDraft(unit));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<Dossier | null>(null);
  const [notice, setNotice] = useState<'supplement' | 'refusal' | null>(null);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const catalogue = useQuery({ queryKey: ['catalog.list'], queryFn: () => rpc.invoke('catalog.list') });
  const today = useQuery({ queryKey: ['dossiers.list', 'today'], queryFn: () => rpc.invoke('dossiers.list', {}) });
  const fee = feeInput(draft);
  const preview = useQuery({
    queryKey: ['dossiers.preview', draft.procedure?.code, fee],
    queryFn: () => rpc.invoke('dossiers.preview', { procedureCode: draft.procedure!.code, fee }),
    enabled: draft.procedure !== null,
  });

  const reset = () => {
    setDraft(newDraft(unit));
    setErrors({});
    setSummary(null);
    setDone(null);
    setTimeout(() => pickerRef.current?.focus(), 0);
  };
  useShortcuts([{ keys: 'F2', description: vi.intakeUi.shortcutNew, run: reset }]);
  useEffect(() => pickerRef.current?.focus(), []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const chooseProcedure = (p: Procedure | null) =>
    set({ procedure: p, ticks: p ? p.components.map((c) => ({ received: c.required, countReceived: c.count })) : [] });

  const missingRequired = useMemo(
    () => (draft.procedure ? draft.procedure.components.filter((c, i) => c.required && !draft.ticks[i]?.received).map((c) => c.name) : []),
    [draft.procedure, draft.ticks],
  );

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    const payload = toPayload(draft);
    const local = DossierCreateSchema.safeParse(payload);
    if (!draft.procedure || !local.success) {
      const errs: Record<string, string> = {};
      if (!draft.procedure) errs.procedureCode = vi.intakeUi.pickProcedureFirst;
      for (const issue of local.success ? [] : local.error.issues) {
        const path = issue.path.map(String).join('.');
        if (!errs[path]) errs[path] = issue.message;
      }
      setErrors(errs);
      setSummary(vi.intakeUi.fixErrors(Object.keys(errs).length));
      return;
    }
    setSaving(true);
    const result = await rpc.call('dossiers.create', payload);
    setSaving(false);
    if (result.ok) {
      setDone(result.value);
      setErrors({});
      setSummary(null);
      toast('success', vi.intakeUi.saved(result.value.code));
      void qc.invalidateQueries({ queryKey: ['dossiers.list'] });
      return;
    }
    const errs = Object.fromEntries((result.error.issues ?? []).map((i) => [i.path, i.message]));
    setErrors(errs);
    setSummary(result.error.issues?.length ? vi.intakeUi.fixErrors(result.error.issues.length) : result.error.message);
    if (!result.error.issues?.length) toast('error', result.error.message);
  };

  if (done) return <IntakeDone dossier={done} onNext={reset} />;

  const rule = draft.procedure?.feeRule;
  return (
    <section className="page intake">
      <div className="page__header">
        <h1 className="page__title">{vi.intakeUi.title}</h1>
        <Button onClick={reset} shortcut="F2">
          {vi.intakeUi.newDossier}
        </Button>
      </div>
      <form className="intake__layout" onSubmit={(e) => void submit(e)} noValidate aria-label={vi.intakeUi.title}>
        <div className="intake__main">
          <ProcedurePicker ref={pickerRef} procedures={catalogue.data ?? []} value={draft.procedure} onChange={chooseProcedure} error={errors.procedureCode} />
          <ApplicantFields value={draft.applicant} onChange={(applicant) => set({ applicant })} errors={errors} />
          {draft.procedure ? <ComponentChecklist procedure={draft.procedure} ticks={draft.ticks} onChange={(ticks) => set({ ticks })} errors={errors} /> : null}
          <fieldset className="form__group">
            <legend>{vi.intakeUi.fee} · {vi.intakeUi.channel}</legend>
            <div className="form__grid">
              <div className="field">
                <span className="field__label">{vi.intakeUi.channel}</span>
                <div className="radio-row" role="radiogroup" aria-label={vi.intakeUi.channel}>
                  {(Object.keys(vi.intakeUi.channels) as Channel[]).map((c) => (
                    <label key={c}>
                      <input type="radio" name="channel" checked={draft.channel === c} onChange={() => set({ channel: c })} /> {vi.intakeUi.channels[c]}
                    </label>
                  ))}
                </div>
              </div>
              <TextField label={vi.intakeUi.setCount} type="number" min={1} value={draft.setCount} onChange={(e) => set({ setCount: Math.max(1, Number(e.target.value) || 1) })} />
              {rule?.kind === 'per-page' ? (
                <>
                  <TextField label={vi.intakeUi.pages} type="number" min={1} required value={draft.pages} onChange={(e) => set({ pages: e.target.value })} error={errors['fee.pages']} />
                  <TextField label={vi.intakeUi.copies} type="number" min={1} value={draft.copies} onChange={(e) => set({ copies: e.target.value })} error={errors['fee.copies']} />
                </>
              ) : null}
              {rule?.kind === 'per-copy' || (rule?.kind === 'provincial' && rule.per === 'copy') ? (
                <TextField label={vi.intakeUi.copiesPlain} type="number" min={1} value={draft.copies} onChange={(e) => set({ copies: e.target.value })} error={errors['fee.copies']} />
              ) : null}
              {rule?.kind === 'per-case' || (rule?.kind === 'provincial' && rule.per === 'case') ? (
                <TextField label={vi.intakeUi.cases} type="number" min={1} value={draft.cases} onChange={(e) => set({ cases: e.target.value })} error={errors['fee.cases']} />
              ) : null}
              {rule && rule.kind !== 'free' ? (
                <label className="check">
                  <input type="checkbox" checked={draft.exempt} onChange={(e) => set({ exempt: e.target.checked })} /> {vi.intakeUi.exempt}
                  {rule.exemptions?.length ? <span className="field__hint"> ({rule.exemptions.join('; ')})</span> : null}
                </label>
              ) : null}
              <div className="field">
                <span className="field__label">{vi.intakeUi.returnMethod}</span>
                <div className="radio-row" role="radiogroup" aria-label={vi.intakeUi.returnMethod}>
                  {(Object.keys(vi.intakeUi.returnMethods) as ReturnMethod[]).map((m) => (
                    <label key={m}>
                      <input type="radio" name="returnMethod" checked={draft.returnMethod === m} onChange={() => set({ returnMethod: m })} /> {vi.intakeUi.returnMethods[m]}
                    </label>
                  ))}
                </div>
              </div>
              <div className="field">
                <label className="field__label" htmlFor="intake-officer">
                  {vi.intakeUi.receivedBy}
                </label>
                <select id="intake-officer" className="field__input" value={draft.receivedBy} onChange={(e) => set({ receivedBy: e.target.value })}>
                  {unit.officers.map((o) => (
                    <option key={o.name} value={o.name}>
                      {o.name}
                      {o.title ? ` — ${o.title}` : ''}
                    </option>
                  ))}
                  {unit.officers.length === 0 ? <option value="">—</option> : null}
                </select>
              </div>
              <TextField label={vi.intakeUi.note} className="form__wide" value={draft.note} onChange={(e) => set({ note: e.target.value })} />
            </div>
          </fieldset>
        </div>

        <aside className="intake__side card" aria-label={vi.intakeUi.summary}>
          <h2>{vi.intakeUi.summary}</h2>
          <dl className="summary">
            <dt>{vi.intakeUi.doneCode}</dt>
            <dd className="summary__muted">{vi.intakeUi.codeOnSave}</dd>
            <dt>{vi.intakeUi.limit}</dt>
            <dd>{preview.data?.limitText ?? '—'}</dd>
            <dt>{vi.intakeUi.due}</dt>
            <dd className="summary__due" data-testid="due-preview">
              {preview.data ? formatLocalVi(preview.data.dueLocal) : '—'}
            </dd>
            <dt>{vi.intakeUi.fee}</dt>
            <dd data-testid="fee-preview">{preview.data?.fee ? `${formatVnd(preview.data.fee.amount)} — ${preview.data.fee.breakdown}` : (preview.data?.feeProblem ?? '—')}</dd>
          </dl>
          {summary ? (
            <p className="form__error" role="alert">
              {summary}
            </p>
          ) : null}
          <Button type="submit" variant="primary" busy={saving} shortcut="Enter" className="intake__save">
            {saving ? vi.intakeUi.saving : vi.intakeUi.save}
          </Button>
          <div className="intake__alt">
            <Button disabled={!draft.procedure} onClick={() => setNotice('supplement')}>
              {vi.intakeUi.supplement}
            </Button>
            <Button variant="danger" disabled={!draft.procedure} onClick={() => setNotice('refusal')}>
              {vi.intakeUi.refuse}
            </Button>
          </div>
        </aside>
      </form>

      <DataTable
        caption={vi.intakeUi.todayList}
        rows={today.data ?? []}
        rowKey={(r) => r.id}
        empty={vi.intakeUi.empty}
        columns={[
          { key: 'code', header: vi.intakeUi.colCode, render: (r) => <code>{r.code}</code> },
          { key: 'procedure', header: vi.intakeUi.colProcedure, render: (r) => r.procedureName },
          { key: 'applicant', header: vi.intakeUi.colApplicant, render: (r) => r.applicantName },
          { key: 'received', header: vi.intakeUi.colReceived, render: (r) => r.receivedLocal.slice(11) },
          { key: 'due', header: vi.intakeUi.colDue, render: (r) => formatLocalVi(r.dueLocal) },
        ]}
      />

      {notice ? (
        <NoticeDialog
          kind={notice}
          procedure={draft.procedure}
          applicant={draft.applicant}
          missing={missingRequired}
          officer={draft.receivedBy}
          onClose={() => setNotice(null)}
          onSaved={(n) => {
            setNotice(null);
            reset();
            // The citizen leaves with the printed Mẫu 02/03: show it ready to print.
            setSavedNotice(n.id);
          }}
        />
      ) : null}
      {savedNotice ? <DocumentPreviewDialog open onClose={() => setSavedNotice(null)} subject={savedNotice} target={{ kind: 'notice', id: savedNotice }} /> : null}
    </section>
  );
}

function IntakeDone({ dossier: saved, onNext }: { dossier: Dossier; onNext(): void }) {
  const [dossier, setDossier] = useState(saved);
  const [overriding, setOverriding] = useState(false);
  const [preview, setPreview] = useState(false);
  useShortcuts([{ keys: 'Enter', description: vi.intakeUi.doneNext, run: () => !overriding && !preview && onNext() }]);
  return (
    <section className="page intake">
      <div className="card intake__done" role="status" aria-live="polite">
        <p className="page__eyebrow">{vi.intakeUi.doneTitle}</p>
        <p className="intake__code" data-testid="dossier-code">
          {dossier.code}
        </p>
        <dl className="summary">
          <dt>{vi.intakeUi.procedure}</dt>
          <dd>{dossier.procedure.name}</dd>
          <dt>{vi.intakeUi.applicant}</dt>
          <dd>
            {dossier.applicant.fullName}
            {dossier.applicant.idNumber ? ` · ${dossier.applicant.idNumber}` : ''}
          </dd>
          <dt>{vi.intakeUi.due}</dt>
          <dd className="summary__due" data-testid="dossier-due">
            {formatLocalVi(dossier.dueLocal)}
          </dd>
          <dt>{vi.intakeUi.fee}</dt>
          <dd>
            {formatVnd(dossier.fee.amount)} — {dossier.fee.breakdown}
          </dd>
          <dt>Sổ theo dõi</dt>
          <dd>{vi.intakeUi.doneBook(dossier.bookNumber, dossier.bookLine)}</dd>
        </dl>
        <div className="form__actions">
          <Button onClick={() => setOverriding(true)}>{vi.intakeUi.overrideDue}</Button>
          <Button onClick={() => setPreview(true)}>{vi.intakeUi.previewReceipt}</Button>
          <PrintReceiptButton code={dossier.code} variant="secondary" />
          <Button variant="primary" onClick={onNext} shortcut="F2">
            {vi.intakeUi.doneNext}
          </Button>
        </div>
      </div>
      {overriding ? <OverrideDueDialog dossier={dossier} onClose={() => setOverriding(false)} onSaved={setDossier} /> : null}
      {preview ? <DocumentPreviewDialog open onClose={() => setPreview(false)} subject={dossier.code} target={{ kind: 'dossier', code: dossier.code, form: '01' }} /> : null}
    </section>
  );
}

/** Change the appointment (e.g. a large certification job) with a reason that is kept in the history. */
export function OverrideDueDialog({ dossier, onClose, onSaved }: { dossier: Dossier; onClose(): void; onSaved(d: Dossier): void }) {
  const toast = useToast();
  const [due, setDue] = useState(dossier.dueLocal);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const r = await rpc.call('dossiers.overrideDue', { code: dossier.code, due, reason });
    if (!r.ok) {
      setErrors(Object.fromEntries((r.error.issues ?? [{ path: 'due', message: r.error.message }]).map((i) => [i.path, i.message])));
      return;
    }
    toast('success', vi.intakeUi.overrideSaved(formatLocalVi(r.value.dueLocal)));
    onSaved(r.value);
    onClose();
  };
  return (
    <Dialog
      open
      title={vi.intakeUi.overrideDue}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{vi.common.cancel}</Button>
          <Button variant="primary" onClick={() => void save()}>
            {vi.common.save}
          </Button>
        </>
      }
    >
      <p className="form__hint">{vi.intakeUi.overrideHint(formatLocalVi(dossier.computedDueLocal))}</p>
      <DateTimeField label={vi.intakeUi.newDue} value={due} onChange={setDue} error={errors.due} />
      <TextField label={vi.intakeUi.overrideReason} required value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
    </Dialog>
  );
}
