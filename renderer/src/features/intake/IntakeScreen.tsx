/**
 * Receiving a dossier at the desk (issue 14 items 6–7): pick the procedure, type or find the
 * applicant, tick the papers in hand, then Ctrl+Enter (or the Save button) — Enter only moves on.
 * One react-hook-form form validated by the contract's DossierCreateSchema (intake-form.ts): every
 * problem shows at its field at once and the summary counts them. Today's dossiers are listed below.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type Path } from 'react-hook-form';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { Input } from '../../../../shared/contract/channels';
import type { Dossier } from '../../../../shared/contract/intake.schema';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { formatLocalVi } from '../../../../shared/domain/deadline';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import { DocumentPreviewDialog } from '../documents';
import { ApplicantFields } from './ApplicantFields';
import { ComponentChecklist } from './ComponentChecklist';
import { useEnterMovesOn } from './enter-nav';
import { FeeChannelFields } from './FeeChannelFields';
import { componentRows, feeInput, flattenErrors, intakeProblems, intakeResolver, newIntakeValues, type IntakeContext, type IntakeValues } from './intake-form';
import { IntakeDone } from './IntakeDone';
import { IntakeSummary } from './IntakeSummary';
import { NoticeDialog } from './NoticeDialog';
import { ProcedurePicker } from './ProcedurePicker';

export function IntakeScreen({ unit }: { unit: UnitProfile }) {
  const qc = useQueryClient();
  const toast = useToast();
  const defaultOfficer = unit.officers[0]?.name ?? '';
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const dobProblem = useRef('');
  const ctx = useRef<IntakeContext>({ procedure: null, dobProblem: '' });
  ctx.current = { procedure, dobProblem: dobProblem.current };
  const form = useForm<IntakeValues, unknown, Input<'dossiers.create'>>({
    defaultValues: newIntakeValues(defaultOfficer),
    resolver: intakeResolver(() => ({ ...ctx.current, dobProblem: dobProblem.current })),
    // Shown at the fields from the first save attempt on, then kept up to date as the clerk fixes them.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  const { handleSubmit, setError, reset: resetForm, formState, setValue, trigger, control } = form;
  const values = useWatch({ control }) as IntakeValues;
  const [formError, setFormError] = useState<string | null>(null);
  const [liveProblems, setLiveProblems] = useState(0);
  const [done, setDone] = useState<Dossier | null>(null);
  const [notice, setNotice] = useState<'supplement' | 'refusal' | null>(null);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEnterMovesOn(formRef);
  const catalogue = useQuery({ queryKey: ['catalog.list'], queryFn: () => rpc.invoke('catalog.list') });
  const today = useQuery({ queryKey: ['dossiers.list', 'today'], queryFn: () => rpc.invoke('dossiers.list', {}) });
  const fee = feeInput(values, procedure);
  const preview = useQuery({
    queryKey: ['dossiers.preview', procedure?.code, fee],
    queryFn: () => rpc.invoke('dossiers.preview', { procedureCode: procedure!.code, fee }),
    enabled: procedure !== null,
  });

  // The summary's count follows every keystroke, by the same rules as saving.
  const valuesKey = JSON.stringify(values);
  useEffect(() => {
    let live = true;
    void intakeProblems(values, ctx.current).then((p) => live && setLiveProblems(p.length));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- valuesKey stands for values
  }, [valuesKey, procedure]);

  const reset = () => {
    resetForm(newIntakeValues(defaultOfficer));
    setProcedure(null);
    dobProblem.current = '';
    setFormError(null);
    setDone(null);
    setTimeout(() => pickerRef.current?.focus(), 0);
  };
  const chooseProcedure = (p: Procedure | null) => {
    setProcedure(p);
    ctx.current = { ...ctx.current, procedure: p };
    setValue('procedureCode', p?.code ?? '');
    setValue('components', componentRows(p));
    if (formState.isSubmitted) void trigger();
  };

  const save = handleSubmit(
    async (payload) => {
      setFormError(null);
      const result = await rpc.call('dossiers.create', payload);
      if (result.ok) {
        setDone(result.value);
        toast('success', vi.intakeUi.saved(result.value.code));
        void qc.invalidateQueries({ queryKey: ['dossiers.list'] });
        return;
      }
      const issues = result.error.issues ?? [];
      for (const issue of issues) setError(issue.path as Path<IntakeValues>, { type: 'core', message: issue.message });
      // A refusal with no field (e.g. the database is busy) is said next to the button, and stays.
      if (issues.length === 0) setFormError(result.error.message);
    },
    () => setFormError(null),
  );
  const saveNow = () => {
    if (formState.isSubmitting || document.querySelector('dialog[open]')) return;
    void save();
  };
  useShortcuts([
    { keys: 'F2', description: vi.intakeUi.shortcutNew, run: reset },
    { keys: 'Ctrl+Enter', description: vi.intakeUi.shortcutSave, run: saveNow },
  ]);
  useEffect(() => pickerRef.current?.focus(), []);

  if (done) return <IntakeDone dossier={done} onNext={reset} />;

  const shownProblems = formState.isSubmitted ? flattenErrors(formState.errors).length : liveProblems;
  return (
    <section className="page intake">
      <div className="page__header">
        <h1 className="page__title">{vi.intakeUi.title}</h1>
        <Button onClick={reset} shortcut="F2">
          {vi.intakeUi.newDossier}
        </Button>
      </div>
      <FormProvider {...form}>
        <form className="intake__layout" onSubmit={(e) => void save(e)} ref={formRef} noValidate aria-label={vi.intakeUi.title}>
          <div className="intake__main">
            <ProcedurePicker ref={pickerRef} procedures={catalogue.data ?? []} value={procedure} onChange={chooseProcedure} error={formState.errors.procedureCode?.message} />
            <ApplicantFields
              onDobProblem={(p) => {
                dobProblem.current = p;
                if (formState.isSubmitted) void trigger('applicant.dateOfBirth');
              }}
            />
            {procedure ? <ComponentChecklist procedure={procedure} /> : null}
            <FeeChannelFields procedure={procedure} unit={unit} />
          </div>
          <IntakeSummary
            procedure={procedure}
            preview={procedure ? preview.data : undefined}
            problems={shownProblems}
            attempted={formState.isSubmitted}
            formError={formError}
            saving={formState.isSubmitting}
            onNotice={setNotice}
          />
        </form>
      </FormProvider>

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
          procedure={procedure}
          applicant={values.applicant}
          missing={procedure ? procedure.components.filter((c, i) => c.required && !values.components[i]?.received).map((c) => c.name) : []}
          officer={values.receivedBy}
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
