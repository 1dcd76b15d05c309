/**
 * The intake summary (issue 14 item 6): what saving now would store — procedure, applicant, papers
 * ticked, appointment (and when the limit starts counting if received after hours or on a day off),
 * fee — and how many problems are left, next to the Save button (Ctrl+Enter).
 */
import { useWatch, useFormContext } from 'react-hook-form';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { Output } from '../../../../shared/contract/channels';
import { formatLocalVi } from '../../../../shared/domain/deadline';
import { formatVnd } from '../../../../shared/domain/fees';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import type { IntakeValues } from './intake-form';

interface Props {
  procedure: Procedure | null;
  preview: Output<'dossiers.preview'> | undefined;
  /** Problems left: live before the first save attempt, then the ones shown at the fields. */
  problems: number;
  /** Set after a save attempt: the count is then said out loud (role=alert). */
  attempted: boolean;
  /** A refusal by the core that belongs to no field. */
  formError: string | null;
  saving: boolean;
  onNotice(kind: 'supplement' | 'refusal'): void;
}

export function IntakeSummary({ procedure, preview, problems, attempted, formError, saving, onNotice }: Props) {
  const { control } = useFormContext<IntakeValues>();
  const applicant = useWatch({ control, name: 'applicant' });
  const components = useWatch({ control, name: 'components' });
  const ticked = components.filter((c) => c.received).length;
  const missing = procedure ? procedure.components.filter((c, i) => c.required && !components[i]?.received).length : 0;
  const t = vi.intakeUi;
  return (
    <aside className="intake__side card" aria-label={t.summary}>
      <h2>{t.summary}</h2>
      <dl className="summary" data-testid="intake-summary">
        <dt>{t.procedure}</dt>
        <dd data-testid="summary-procedure">{procedure ? procedure.name : '—'}</dd>
        <dt>{t.applicant}</dt>
        <dd data-testid="summary-applicant">
          {applicant.fullName.trim() || '—'}
          {applicant.idNumber.trim() ? ` · ${applicant.idNumber.trim()}` : ''}
        </dd>
        <dt>{t.summaryPapers}</dt>
        <dd data-testid="summary-papers">
          {procedure ? (
            <>
              {t.papersTicked(ticked, procedure.components.length)}
              {missing > 0 ? <span className="summary__warn">, {t.papersMissing(missing)}</span> : null}
            </>
          ) : (
            <span className="summary__muted">{t.noPapers}</span>
          )}
        </dd>
        <dt>{t.doneCode}</dt>
        <dd className="summary__muted">{t.codeOnSave}</dd>
        <dt>{t.limit}</dt>
        <dd>{preview?.limitText ?? '—'}</dd>
        <dt>{t.due}</dt>
        <dd className="summary__due" data-testid="due-preview">
          {preview ? formatLocalVi(preview.dueLocal) : '—'}
        </dd>
        <dt>{t.fee}</dt>
        <dd data-testid="fee-preview">{preview?.fee ? `${formatVnd(preview.fee.amount)} — ${preview.fee.breakdown}` : (preview?.feeProblem ?? '—')}</dd>
      </dl>
      {preview?.countsFrom ? (
        <p className="intake__counts-from" data-testid="counts-from">
          {t.countsFrom(preview.countsFrom.reason, formatLocalVi(preview.countsFrom.local))}
        </p>
      ) : null}
      <p className={problems > 0 ? 'intake__problems intake__problems--bad' : 'intake__problems'} data-testid="intake-problems" role={attempted && problems > 0 ? 'alert' : undefined}>
        {t.problems(problems)}
      </p>
      {formError ? (
        <p className="form__error" role="alert">
          {formError}
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={saving} shortcut="Ctrl+Enter" className="intake__save">
        {saving ? t.saving : t.save}
      </Button>
      <p className="field__hint intake__keys">{t.keysHint}</p>
      <div className="intake__alt">
        <Button disabled={!procedure} onClick={() => onNotice('supplement')}>
          {t.supplement}
        </Button>
        <Button variant="danger" disabled={!procedure} onClick={() => onNotice('refusal')}>
          {t.refuse}
        </Button>
      </div>
    </aside>
  );
}
