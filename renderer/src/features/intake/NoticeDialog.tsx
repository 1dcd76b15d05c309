import { useState } from 'react';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { IntakeNotice } from '../../../../shared/contract/intake.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import type { ApplicantValues } from './intake-form';

interface Props {
  kind: 'supplement' | 'refusal' | null;
  procedure: Procedure | null;
  applicant: ApplicantValues;
  /** Pre-filled from the required papers not ticked. */
  missing: string[];
  officer: string;
  onClose(): void;
  onSaved(notice: IntakeNotice): void;
}

/** Turning papers away is recorded too: Mẫu 02 (what to add) or Mẫu 03 (why refused), without a dossier code. */
export function NoticeDialog({ kind, procedure, applicant, missing, officer, onClose, onSaved }: Props) {
  const toast = useToast();
  const [items, setItems] = useState<string>(missing.join('\n'));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!kind) return null;
  const save = async () => {
    if (!procedure) return;
    setBusy(true);
    const { id, ...rest } = applicant;
    const result = await rpc.call('intake.notice', {
      kind,
      procedureCode: procedure.code,
      applicant: { ...(id ? { id } : {}), ...rest },
      missing: items.split('\n').map((s) => s.trim()).filter(Boolean),
      reason,
      officer,
    });
    setBusy(false);
    if (result.ok) {
      toast('success', vi.intakeUi.noticeSaved);
      onSaved(result.value);
      return;
    }
    setErrors(Object.fromEntries((result.error.issues ?? []).map((i) => [i.path, i.message])));
    toast('error', result.error.message);
  };
  const applicantErrors = Object.entries(errors).filter(([k]) => k.startsWith('applicant.'));
  return (
    <Dialog
      open
      title={kind === 'supplement' ? vi.intakeUi.noticeSupplementTitle : vi.intakeUi.noticeRefusalTitle}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{vi.common.cancel}</Button>
          <Button variant="primary" busy={busy} onClick={() => void save()}>
            {vi.intakeUi.noticeSave}
          </Button>
        </>
      }
    >
      <p>
        <strong>{procedure?.name}</strong>
        <br />
        {applicant.fullName || '—'}
      </p>
      {kind === 'supplement' ? (
        <div className="field">
          <label className="field__label" htmlFor="notice-missing">
            {vi.intakeUi.noticeMissing}
          </label>
          <textarea id="notice-missing" className="field__input" rows={4} value={items} onChange={(e) => setItems(e.target.value)} />
          <div className="field__hint">Mỗi dòng một giấy tờ.</div>
        </div>
      ) : null}
      <div className={`field${errors.reason ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="notice-reason">
          {vi.intakeUi.noticeReason} <span className="field__required" aria-hidden="true">*</span>
        </label>
        <textarea id="notice-reason" className="field__input" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={errors.reason ? true : undefined} />
        <div className="field__error" role={errors.reason ? 'alert' : undefined}>
          {errors.reason ?? ''}
        </div>
      </div>
      {applicantErrors.length > 0 ? (
        <p className="form__error" role="alert">
          {applicantErrors.map(([, m]) => m).join(' ')}
        </p>
      ) : null}
    </Dialog>
  );
}
