/**
 * Channel handlers for the recovery code and the keyed audit chain: status, creating the code for
 * an office set up before codes existed, a desk joining with the code, and `audit.verify` (the
 * screen's "Kiểm tra nhật ký" and `motcua audit verify`, which both go through the dispatcher).
 */
import { trustChannels } from '../../../shared/contract/trust.channels';
import type { AuditReportOut, TrustStatus } from '../../../shared/contract/trust.schema';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { verifyAudit, type AuditAnchor, type AuditReport } from '../audit/audit';
import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { formatHeadCode, parseHeadCode } from './head-code';

/** Where an anchor from outside the database comes from: a printed code, or a backup's manifest (resolved by the backup service). */
export type AnchorResolver = (against: string, recoveryCode: string | undefined) => Promise<{ anchor: AuditAnchor; source: string } | null>;

export function trustStatus(deps: CoreDeps): TrustStatus {
  const rec = deps.trust.record();
  const deskHasKey = deps.trust.officeKey() !== null;
  return {
    keyed: rec !== null,
    deskHasKey,
    officeId: rec?.officeId ?? null,
    createdAt: rec?.createdAt ?? null,
    keyStore: deps.trust.keyStoreDescription(),
    advice: rec === null ? vi.trust.unkeyedWarning : deskHasKey ? null : vi.trust.officeKeyMissing,
  };
}

/** The report in the contract's shape, with one Vietnamese sentence per finding. */
export function describeReport(r: AuditReport, againstSource: string | null): AuditReportOut {
  const messages: string[] = [];
  if (!r.chain.ok) messages.push(`Nhật ký bị can thiệp tại mục số ${r.chain.brokenAt}: ${vi.trust.chainReason[r.chain.reason] ?? r.chain.reason}. ${r.chain.entries} mục đầu còn nguyên vẹn.`);
  for (const p of r.rowProblems) messages.push(`Bảng ${p.table}, dòng ${p.id}: ${vi.trust.rowChange[p.change]} (không khớp với nhật ký).`);
  if (r.rowProblemCount > r.rowProblems.length) messages.push(`… và ${r.rowProblemCount - r.rowProblems.length} dòng khác.`);
  if (r.against && !r.against.ok) messages.push(r.against.reason === 'different' ? vi.trust.anchorDifferent(r.against.seq) : vi.trust.anchorMissing(r.against.seq));
  if (!r.keyed && r.chain.ok) messages.push(vi.trust.unkeyedWarning);
  if (r.ok) messages.unshift(`Nhật ký nguyên vẹn: ${r.entries} mục${r.keyed ? `, niêm phong bằng khóa văn phòng từ mục ${r.keyedFrom}, ${r.rowsChecked} dòng dữ liệu khớp nhật ký` : ''}.`);
  return {
    ok: r.ok,
    entries: r.entries,
    keyed: r.keyed,
    keyedFrom: r.keyedFrom,
    brokenAt: r.chain.ok ? null : r.chain.brokenAt,
    reason: r.chain.ok ? null : r.chain.reason,
    rowsChecked: r.rowsChecked,
    rowProblems: r.rowProblems,
    rowProblemCount: r.rowProblemCount,
    head: { ...r.head, code: formatHeadCode(r.head.seq, r.head.hash) },
    against: r.against ? { ...r.against, source: againstSource ?? '' } : null,
    messages,
  };
}

export function trustHandlers(deps: CoreDeps, resolveBackupAnchor: AnchorResolver | null = null): DomainHandlers<typeof trustChannels> {
  return {
    'trust.status': async () => {
      await deps.trust.refresh(deps.db);
      return trustStatus(deps);
    },
    'trust.createCode': async (_input, ctx) => {
      const { recoveryCode, record } = await deps.trust.createRecoveryCode(deps.db, deps.clock, ctx.actor);
      deps.logger.info('recovery code created', { officeId: record.officeId, by: ctx.actor });
      deps.events.emit('data.changed', { entity: 'settings', id: 'office.trust' });
      return { recoveryCode, officeId: record.officeId, createdAt: record.createdAt };
    },
    'trust.join': async (input, ctx) => {
      const record = await deps.trust.join(deps.db, input.recoveryCode);
      deps.logger.info('desk joined the office key', { officeId: record.officeId, by: ctx.actor });
      return trustStatus(deps);
    },
    'audit.verify': async (input) => {
      await deps.trust.refresh(deps.db);
      let anchor: { anchor: AuditAnchor; source: string } | null = null;
      if (input.against) {
        const printed = parseHeadCode(input.against);
        if (printed) anchor = { anchor: printed, source: input.against };
        else if (resolveBackupAnchor) anchor = await resolveBackupAnchor(input.against, input.recoveryCode);
        if (!anchor) throw new AppError('invalid_input', vi.trust.anchorUnreadable, { issues: [{ path: 'against', message: vi.trust.anchorUnreadable }] });
      }
      const report = await verifyAudit(deps.db, deps.trust.officeKey(), anchor ? { against: anchor.anchor } : {});
      // The key store remembers this database was keyed; a chain that no longer says so was re-hashed.
      if (deps.trust.keyingRemoved() && report.chain.ok) {
        report.ok = false;
        report.chain = { ok: false, entries: report.entries, brokenAt: 1, reason: 'keying_removed' };
      }
      return describeReport(report, anchor?.source ?? null);
    },
  };
}
