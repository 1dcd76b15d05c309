import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Tracking, TrackingAction } from '../../../../shared/contract/tracking.schema';
import type { Envelope } from '../../../../shared/errors';
import { formatVnd } from '../../../../shared/domain/fees';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';
import { shortLocal, statusClass } from './format';
import { DESTRUCTIVE, DossierActions } from './DossierActions';
import { SatisfactionPanel } from './SatisfactionPanel';
import { CitizenInvite } from './CitizenInvite';
import { ActionForm, buildInput, type Values } from './ActionForm';
import { DossierDocuments } from '../documents';
import { ScanPanel } from '../scanning';

const t = vi.tracking;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One dossier: details, status, only the valid actions, Mẫu 06 steps, appointments and the timeline. */
export function DossierScreen({ code, initialAction }: { code: string; initialAction?: TrackingAction }) {
  const qc = useQueryClient();
  const toast = useToast();
  const dossier = useQuery({ queryKey: ['tracking.get', code], queryFn: () => rpc.invoke('tracking.get', { code }) });
  const history = useQuery({ queryKey: ['dossiers.history', code], queryFn: () => rpc.invoke('dossiers.history', { code }) });
  const [action, setAction] = useState<TrackingAction | null>(null);
  const [values, setValues] = useState<Values>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [askRating, setAskRating] = useState(false);

  useEffect(() => {
    if (initialAction && dossier.data?.actions.includes(initialAction)) setAction(initialAction);
  }, [initialAction, dossier.data]);

  if (dossier.isPending) return <section className="page">{vi.common.loading}</section>;
  if (dossier.isError)
    return (
      <section className="page">
        <p className="form__error" role="alert">
          {dossier.error.message}
        </p>
        <a href="#/tracking">{t.back}</a>
      </section>
    );
  const d = dossier.data;
  const set = (n: string, v: string) => setValues((all) => ({ ...all, [n]: v }));
  const open = (a: TrackingAction) => {
    if (a === 'rate') {
      setAskRating(true);
      return;
    }
    setValues({});
    setIssues({});
    setError(null);
    setAction(a);
  };
  const done = (fresh: Tracking) => {
    qc.setQueryData(['tracking.get', code], fresh);
    void qc.invalidateQueries({ queryKey: ['dossiers.history', code] });
    void qc.invalidateQueries({ queryKey: ['board.today'] });
  };
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!action) return;
    const { channel, input } = buildInput(action, d, values);
    setBusy(true);
    const r = (await rpc.call(channel as 'tracking.handOver', input as never)) as Envelope<Tracking>;
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      setIssues(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path.replace(/^(stepName|agency|giver|receiver|allowedDays|reason|newDue|missing)$/, '$1'), i.message])));
      return;
    }
    toast('success', t.done(t.actionNames[action], d.code));
    done(r.value);
    const wasReturn = action === 'return';
    setAction(null);
    if (wasReturn) setAskRating(true);
  };
  const rate = async (rating: string, criteria: unknown[], comment: string) => {
    setBusy(true);
    const r = await rpc.call('tracking.rate', { code: d.code, rating: rating as 'hai_long', criteria: criteria as never, comment, source: 'desk' });
    setBusy(false);
    if (!r.ok) {
      toast('error', r.error.message);
      return;
    }
    toast('success', t.rateThanks);
    setAskRating(false);
    done(r.value);
  };

  return (
    <section className="page tracking-dossier">
      <a href="#/tracking" className="tracking-back">
        ← {t.back}
      </a>
      <div className="tracking-dossier__head">
        <h1 className="page__title">{d.code}</h1>
        <span className={statusClass(d.status)} data-testid="dossier-status">
          {d.statusLabel}
        </span>
        {d.overdue ? <span className="tracking-status tracking-status--overdue">{t.overdueBadge}</span> : null}
        {d.supplementCount > 1 ? <span className="tracking-flag">{t.supplementMarked(d.supplementCount)}</span> : null}
      </div>
      <DossierActions status={d.status} actions={d.actions} onPick={open} />
      {askRating && d.actions.includes('rate') ? (
        <div className="card tracking-dossier__rate">
          <SatisfactionPanel busy={busy} onRate={(r, c, m) => rate(r, c, m)} />
          <CitizenInvite code={d.code} />
          <Button variant="ghost" onClick={() => setAskRating(false)}>
            {t.rateSkip}
          </Button>
        </div>
      ) : null}
      <div className="tracking-dossier__grid">
        <div className="card">
          <h2>{t.detailsTitle}</h2>
          <dl className="tracking-dl">
            <Row label={t.applicant}>
              {d.applicantName} {d.applicantIdNumber ? `· ${d.applicantIdNumber}` : ''} {d.applicantPhone ? `· ${d.applicantPhone}` : ''}
            </Row>
            <Row label={t.procedure}>
              {d.procedureName} ({d.procedureCode})
            </Row>
            <Row label={t.received}>{shortLocal(d.receivedLocal)}</Row>
            <Row label={t.due}>{shortLocal(d.dueLocal)}</Row>
            {d.effectiveDueLocal !== d.dueLocal ? <Row label={t.effectiveDue}>{shortLocal(d.effectiveDueLocal)}</Row> : null}
            {d.pausedMinutes > 0 ? <Row label="">{t.paused(d.pausedMinutes)}</Row> : null}
            {d.pausedSinceLocal ? <Row label="">{t.pausedSince(shortLocal(d.pausedSinceLocal))}</Row> : null}
            {d.resultLocal ? <Row label={t.resultAt}>{shortLocal(d.resultLocal)}</Row> : null}
            {d.timelinessLabel ? <Row label={t.timelinessTitle}>{d.timelinessLabel}</Row> : null}
            {d.returnedLocal ? <Row label={t.returnedAt}>{shortLocal(d.returnedLocal)}</Row> : null}
            {d.closedLocal ? <Row label={t.closedAt}>{shortLocal(d.closedLocal)}</Row> : null}
            {d.collector ? (
              <>
                <Row label={t.collectorTitle}>
                  {d.collector.isApplicant
                    ? vi.collect.byApplicant(d.collector.fullName, d.collector.idNumber)
                    : vi.collect.byAuthorised(d.collector.fullName, d.collector.idNumber, d.collector.relation, d.collector.authorisation || '—')}
                </Row>
                <Row label={vi.collect.fee}>
                  {d.collector.feeCollected === null ? vi.collect.feeUnknown : d.collector.feeAmount > 0 ? vi.collect.feeCollectedLine(formatVnd(d.collector.feeAmount)) : vi.collect.feeFree}
                </Row>
                <Row label={vi.collect.officer}>{d.collector.officerName}</Row>
              </>
            ) : null}
            {d.rating ? <Row label={t.ratingTitle}>{d.rating.ratingLabel}</Row> : null}
          </dl>
        </div>
        <div className="card">
          <h2>{t.historyTitle}</h2>
          {history.data && history.data.length > 0 ? (
            <ol className="tracking-timeline">
              {history.data
                .filter((h) => h.source !== 'audit' || h.kind === 'dossier.create')
                .map((h, i) => (
                  <li key={i} className={`tracking-timeline__item tracking-timeline__item--${h.source}`}>
                    <span className="tracking-timeline__time">{shortLocal(h.atLocal)}</span>
                    <span className="tracking-timeline__title">{h.title}</span>
                    {h.note ? <span className="tracking-timeline__note">{h.note}</span> : null}
                    <span className="tracking-timeline__actor">{h.actorName}</span>
                  </li>
                ))}
            </ol>
          ) : (
            <p className="form__hint">{t.historyEmpty}</p>
          )}
        </div>
      </div>
      <div className="card tracking-dossier__control">
        <h2>{t.controlTitle}</h2>
        {d.handovers.length === 0 ? (
          <p className="form__hint">{t.controlEmpty}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>TT</th>
                <th>{t.colStep}</th>
                <th>{t.colGiven}</th>
                <th>{t.colReceivedAt}</th>
                <th>{t.colPeople}</th>
                <th>{t.colAllowed}</th>
                <th>{t.colResult}</th>
              </tr>
            </thead>
            <tbody>
              {d.handovers.map((h) => (
                <tr key={h.position}>
                  <td>{h.position}</td>
                  <td>
                    {h.agency}
                    <div className="form__hint">{h.stepName}</div>
                  </td>
                  <td>{shortLocal(h.givenLocal)}</td>
                  <td>{shortLocal(h.receivedLocal)}</td>
                  <td>
                    {h.giver} → {h.receiver}
                  </td>
                  <td>{h.allowedDays === null ? '' : t.allowedDays(h.allowedDays)}</td>
                  <td>{h.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.appointments.length > 1 ? (
          <>
            <h2 className="section-title">{t.appointmentsTitle}</h2>
            <ul>
              {d.appointments.map((a, i) => (
                <li key={i}>
                  {t.eventTitles[a.kind]}: {shortLocal(a.dueLocal)} — {a.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <div className="card">
        <DossierDocuments code={d.code} />
      </div>
      <div className="card">
        <h2>{vi.nav.scanning}</h2>
        <ScanPanel dossierCode={d.code} initialComponent={d.status === 'result_ready' || d.status === 'returned' ? 'result' : undefined} />
      </div>
      <Dialog
        open={action !== null}
        title={action ? t.actions[action] : ''}
        onClose={() => setAction(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setAction(null)}>
              {vi.common.cancel}
            </Button>
            <Button variant={action && DESTRUCTIVE.has(action) ? 'danger' : 'primary'} busy={busy} onClick={() => void submit()}>
              {t.confirm}
            </Button>
          </>
        }
      >
        {action ? (
          <form onSubmit={(e) => void submit(e)} className="tracking-form">
            {DESTRUCTIVE.has(action) ? <p className="tracking-warning" role="note">{vi.dossierActions.destructiveWarning}</p> : null}
            <ActionForm action={action} d={d} values={values} set={set} issues={issues} />
            {error ? (
              <p className="form__error" role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit" hidden />
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
