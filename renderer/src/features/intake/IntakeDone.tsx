/**
 * After saving: the code the dossier got, its appointment, fee and book line, with the receipt
 * (preview, print) and a changed appointment; Enter or F2 starts the next intake.
 */
import { useState } from 'react';
import type { Dossier } from '../../../../shared/contract/intake.schema';
import { formatLocalVi } from '../../../../shared/domain/deadline';
import { formatVnd } from '../../../../shared/domain/fees';
import { vi } from '../../../../shared/i18n/vi';
import { useShortcuts } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { DateTimeField } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import { DocumentPreviewDialog, PrintReceiptButton } from '../documents';

export function IntakeDone({ dossier: saved, onNext }: { dossier: Dossier; onNext(): void }) {
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
