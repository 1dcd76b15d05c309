import type { Kysely } from 'kysely';
import { KNOWN_FIELDS } from '../../../shared/contract/catalogue.schema';
import {
  INDICATOR_KEYS,
  ReportSettingsSchema,
  type Counts,
  type Indicator,
  type IndicatorKey,
  type Monthly,
  type Report,
  type ReportRow,
  type ReportSettings,
  type TimelinessRule,
} from '../../../shared/contract/reports.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { nextDay, viDate } from '../../../shared/domain/report-period';
import { unitSentenceName } from '../../../shared/domain/unit-name';
import { catalogueFields, dossiersNeedingJudgement, monthlyGroups, readSnapshot, reportGroups, type MonthlyGroupRow, type ReportDossierRow } from '../../store/reports.repository';
import type { Database } from '../../store/schema';
import { readSetting, writeSetting } from '../../store/settings.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { classifyInProgress, classifyResolved, finishedLocal, type DossierFacts } from './timeliness';

const SETTINGS_KEY = 'reports';
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { timelinessRule: 'product' };

export async function loadReportSettings(db: Kysely<Database>): Promise<ReportSettings> {
  const parsed = ReportSettingsSchema.safeParse(await readSetting(db, SETTINGS_KEY));
  return parsed.success ? parsed.data : { ...DEFAULT_REPORT_SETTINGS };
}

export async function saveReportSettings(deps: CoreDeps, ctx: CallContext, next: ReportSettings): Promise<ReportSettings> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadReportSettings(trx);
    await writeSetting(trx, SETTINGS_KEY, next, deps.clock.now().toISOString());
    await appendAudit(trx, deps, { actor: ctx.actor, action: 'reports.saveSettings', entity: 'settings', entityId: SETTINGS_KEY, before, after: next });
  });
  deps.events.emit('data.changed', { entity: 'settings', id: SETTINGS_KEY });
  return next;
}

/**
 * QĐ 766 indicators the desk can compute (DOMAIN.md §6, "must implement" F). Thresholds and points are
 * those DOMAIN.md states (3.3 ≥ 50%, 4.2 and 4.3 ≥ 80%, 5.4 = 6 points at ≥ 90%); where it states none
 * the field is null and no points are computed rather than invented.
 * 4.2 counts a dossier whose papers (thành phần hồ sơ) were scanned, whether or not its result exists
 * yet (issue 14 item 10; the province's digitization report keeps "Có số hóa TPHS" and "Kết quả đã số
 * hóa" apart): the electronic result is measured by 4.1.
 */
export const INDICATOR_DEFS: Readonly<Record<IndicatorKey, { code: string; name: string; threshold: number | null; maxPoints: number | null }>> = {
  onlineShare: { code: '3.3', name: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', threshold: 50, maxPoints: null },
  onTimeShare: { code: '2.1', name: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', threshold: null, maxPoints: null },
  digitizationShare: { code: '4.2', name: 'Tỷ lệ hồ sơ thực hiện số hóa', threshold: 80, maxPoints: null },
  reuseShare: { code: '4.3', name: 'Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa', threshold: 80, maxPoints: null },
  electronicResultShare: { code: '4.1', name: 'Tỷ lệ hồ sơ có cấp kết quả điện tử', threshold: null, maxPoints: null },
  satisfactionShare: { code: '5.4', name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', threshold: 90, maxPoints: 6 },
};

/** What an indicator shows when the period has no dossier to measure it on. */
export const NO_DOSSIERS = 'Chưa có hồ sơ';

export const round2 = (x: number): number => Math.round(x * 100 + Number.EPSILON * 100) / 100;

/**
 * "93,33 %", "100,00 %": one style everywhere the report shows a share (issue 20 item 9: "25%" stood next to
 * "20,00 %"), two decimals as §F asks; a no-break space keeps the sign with its number.
 */
export function formatPercent(rate: number): string {
  return `${round2(rate).toFixed(2).replace('.', ',')}\u00a0%`;
}

function indicator(key: IndicatorKey, numerator: number, denominator: number, rateOverride?: (raw: number) => number): Indicator {
  const def = INDICATOR_DEFS[key];
  // No dossier to measure: say so in words (a clerk reads "N/A" as an error).
  if (denominator === 0) return { ...def, numerator: round2(numerator), denominator, rate: null, display: NO_DOSSIERS, points: null };
  const raw = (numerator / denominator) * 100;
  const rate = round2(Math.max(0, rateOverride ? rateOverride(raw) : raw));
  const points = def.threshold !== null && def.maxPoints !== null ? round2(Math.min(def.maxPoints, (rate * def.maxPoints) / def.threshold)) : null;
  return { ...def, numerator: round2(numerator), denominator, rate, display: formatPercent(rate), points };
}

export function emptyCounts(): Counts {
  return {
    received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
  };
}

function addCounts(into: Counts, c: Counts): void {
  for (const group of ['received', 'resolved', 'inProgress'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [k, v] of Object.entries(c[group])) target[k] = (target[k] ?? 0) + v;
  }
}

/** The order fields are listed in: the known ones as the province lists them, then the catalogue's others, then any other found in data. */
async function fieldOrder(db: Kysely<Database>): Promise<{ fields: string[]; paperResult: Map<string, boolean> }> {
  const rows = await catalogueFields(db);
  const fields: string[] = [...KNOWN_FIELDS.filter((f) => rows.some((r) => r.field === f))];
  const paperResult = new Map<string, boolean>();
  for (const r of rows) {
    if (!fields.includes(r.field)) fields.push(r.field);
    try {
      paperResult.set(r.code, (JSON.parse(r.data_json) as { resultType?: string }).resultType === 'paper');
    } catch {
      paperResult.set(r.code, true);
    }
  }
  return { fields, paperResult };
}

export function toFacts(r: ReportDossierRow): DossierFacts {
  let sameDay: boolean;
  try {
    sameDay = (JSON.parse(r.limit_json) as { kind?: string }).kind === 'same-day';
  } catch {
    sameDay = false;
  }
  return {
    receivedLocal: r.received_local,
    dueLocal: r.due_local,
    resultLocal: r.result_local,
    closedLocal: r.closed_local,
    supplementCount: r.supplement_count,
    pausedMinutes: r.paused_minutes,
    pausedSinceLocal: r.paused_since ? utcToVietnamLocal(r.paused_since) : null,
    sameDay,
  };
}

/** Counts with leading zero below ten, as administrative prose writes them ("01 hồ sơ"); never "00". */
export function countText(n: number): string {
  return n < 10 ? String(n).padStart(2, '0') : String(n);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/**
 * The commune's own sentence (../shared/seed): "… tiếp nhận tổng số 1545 hồ sơ, trong đó, có 94 hồ sơ
 * trực tuyến; lĩnh vực chứng thực 1264 hồ sơ, hộ tịch 276 hồ sơ, …; giải quyết trước hạn 1545 hồ sơ, đạt 100%".
 * Zeros are said in words ("không tiếp nhận hồ sơ nào", "không có hồ sơ quá hạn"), never "00 hồ sơ".
 */
export function summarySentence(from: string, to: string, rows: ReportRow[], totals: Counts, unitName = ''): string {
  const received = totals.received.online + totals.received.directOrPostal;
  const parts: string[] = [];
  // The centre's own name in sentence form (issue 20 item 9), "Bộ phận Một cửa" only before the unit is set up.
  let head = `Từ ngày ${viDate(from)} đến ngày ${viDate(to)}, ${unitSentenceName(unitName) || 'Bộ phận Một cửa'} `;
  if (received === 0) head += 'không tiếp nhận hồ sơ mới nào';
  else {
    head += `tiếp nhận tổng số ${countText(received)} hồ sơ`;
    head += totals.received.online > 0 ? `, trong đó có ${countText(totals.received.online)} hồ sơ trực tuyến` : ', không có hồ sơ trực tuyến';
  }
  if (totals.received.carriedOver > 0) head += `; ngoài ra có ${countText(totals.received.carriedOver)} hồ sơ từ kỳ trước chuyển sang`;
  parts.push(head);
  const byField = rows
    .map((r) => ({ field: r.field, n: r.received.online + r.received.directOrPostal }))
    .filter((x) => x.n > 0)
    .map((x) => `${lowerFirst(x.field)} ${countText(x.n)} hồ sơ`);
  if (byField.length > 0) parts.push(`lĩnh vực ${byField.join(', ')}`);
  const res = totals.resolved;
  if (res.total > 0) {
    const pieces: string[] = [];
    if (res.early > 0) pieces.push(`giải quyết trước hạn ${countText(res.early)} hồ sơ, đạt ${formatPercent((res.early / res.total) * 100)}`);
    if (res.onTime > 0) pieces.push(`đúng hạn ${countText(res.onTime)} hồ sơ, đạt ${formatPercent((res.onTime / res.total) * 100)}`);
    if (pieces.length === 0) pieces.push(`giải quyết ${countText(res.total)} hồ sơ`);
    pieces.push(res.late > 0 ? `quá hạn ${countText(res.late)} hồ sơ, chiếm ${formatPercent((res.late / res.total) * 100)}` : 'không có hồ sơ quá hạn');
    parts.push(pieces.join('; '));
  } else {
    parts.push('chưa có hồ sơ được giải quyết trong kỳ');
  }
  const ip = totals.inProgress;
  if (ip.total > 0) {
    const detail =
      ip.overdue === 0 ? 'tất cả còn trong hạn' : ip.withinDeadline === 0 ? 'tất cả đã quá hạn' : `trong hạn ${countText(ip.withinDeadline)} hồ sơ, quá hạn ${countText(ip.overdue)} hồ sơ`;
    parts.push(`đang giải quyết ${countText(ip.total)} hồ sơ (${detail})`);
  }
  return `${parts.join('; ')}.`;
}

interface Tally {
  counts: Counts;
  newReceived: number;
  online: number;
  digitized: number;
  reused: number;
  paperResolved: number;
  eResults: number;
  dislikes: number;
}

export interface ComputeOptions {
  from: string;
  to: string;
  rule: TimelinessRule;
  /** Vietnam wall-clock now: a period that has not ended is judged at this instant. */
  nowLocal: string;
  /** The unit's name, for the summary sentence. */
  unitName?: string;
}

/** What 06a and the indicators count one dossier (or a group of alike dossiers) by. */
interface Counted {
  field: string;
  procedureCode: string;
  online: boolean;
  isNew: boolean;
  cls: 'early' | 'onTime' | 'late' | 'withinDeadline' | 'overdue';
  digitized: boolean;
  reused: boolean;
  hasElectronicResult: boolean;
  hasResult: boolean;
  dislike: boolean;
}

/** A dossier judged one by one with timeliness.ts: supplement waits and repeated requests, and every dossier in the tests that check the SQL groups. */
export function judge(r: ReportDossierRow, o: { fromLocal: string; endLocal: string; refLocal: string; rule: TimelinessRule }): Counted {
  const facts = toFacts(r);
  const finish = finishedLocal(facts);
  return {
    field: r.field,
    procedureCode: r.procedure_code,
    online: r.channel === 'truc_tuyen',
    isNew: r.received_local >= o.fromLocal,
    cls: finish !== null && finish < o.endLocal ? classifyResolved(facts, o.rule) : classifyInProgress(facts, o.refLocal, o.rule),
    digitized: r.digitized_components > 0,
    reused: r.reused_components > 0,
    hasElectronicResult: r.has_electronic_result === 1,
    hasResult: r.result_local !== null,
    dislike: r.satisfaction === 'khong_hai_long',
  };
}

/**
 * Table 06a, totals, summary and indicators of a period. The database groups the plain dossiers and
 * decides their column (reports.repository.ts reportGroups); the few that need judging are read and
 * judged here; both are counted by the same code below.
 */
export async function computeReport(db: Kysely<Database>, o: ComputeOptions): Promise<Report> {
  const fromLocal = `${o.from}T00:00`;
  const endLocal = `${nextDay(o.to)}T00:00`;
  const refLocal = o.nowLocal < endLocal ? o.nowLocal : endLocal;
  const [{ fields, paperResult }, groups, judged] = await readSnapshot(db, (trx) =>
    Promise.all([fieldOrder(trx), reportGroups(trx, { fromLocal, toLocalExclusive: endLocal, refLocal, rule: o.rule }), dossiersNeedingJudgement(trx, fromLocal, endLocal)]),
  );
  const byField = new Map<string, Counts>(fields.map((f) => [f, emptyCounts()]));
  const t: Tally = { counts: emptyCounts(), newReceived: 0, online: 0, digitized: 0, reused: 0, paperResolved: 0, eResults: 0, dislikes: 0 };

  const count = (x: Counted, n: number) => {
    let c = byField.get(x.field);
    if (!c) {
      c = emptyCounts();
      byField.set(x.field, c);
    }
    c.received.total += n;
    if (!x.isNew) c.received.carriedOver += n;
    else {
      t.newReceived += n;
      if (x.online) {
        c.received.online += n;
        t.online += n;
      } else c.received.directOrPostal += n;
      if (x.digitized) t.digitized += n;
      if (x.reused) t.reused += n;
    }
    if (x.cls === 'withinDeadline' || x.cls === 'overdue') {
      c.inProgress.total += n;
      c.inProgress[x.cls] += n;
    } else {
      c.resolved.total += n;
      c.resolved[x.cls] += n;
      if (x.dislike) t.dislikes += n;
      if (x.hasResult && (paperResult.get(x.procedureCode) ?? true)) {
        t.paperResolved += n;
        if (x.hasElectronicResult) t.eResults += n;
      }
    }
  };
  for (const g of groups) {
    count(
      {
        field: g.field,
        procedureCode: g.procedure_code,
        online: g.online === 1,
        isNew: g.is_new === 1,
        cls: g.cls,
        digitized: g.digitized === 1,
        reused: g.reused === 1,
        hasElectronicResult: g.has_e_result === 1,
        hasResult: g.has_result === 1,
        dislike: g.dislike === 1,
      },
      g.n,
    );
  }
  for (const r of judged) count(judge(r, { fromLocal, endLocal, refLocal, rule: o.rule }), 1);

  const rows: ReportRow[] = [...byField.entries()].map(([field, counts]) => ({ field, ...counts }));
  const totals = emptyCounts();
  for (const r of rows) addCounts(totals, r);
  const res = totals.resolved;
  const handled = res.total + totals.inProgress.total;
  const indicators = {
    onlineShare: indicator('onlineShare', t.online, t.newReceived),
    onTimeShare: indicator('onTimeShare', res.early + res.onTime + totals.inProgress.withinDeadline, handled),
    digitizationShare: indicator('digitizationShare', t.digitized, t.newReceived),
    reuseShare: indicator('reuseShare', t.reused, t.newReceived),
    electronicResultShare: indicator('electronicResultShare', t.eResults, t.paperResolved),
    // 100% − (% resolved late + % with a "dislike"); the numerator shown is the satisfied-equivalent count.
    satisfactionShare: indicator('satisfactionShare', Math.max(0, res.total - res.late - t.dislikes), res.total, () =>
      res.total === 0 ? 0 : 100 - ((res.late / res.total) * 100 + (t.dislikes / res.total) * 100),
    ),
  } satisfies Record<(typeof INDICATOR_KEYS)[number], Indicator>;
  return { from: o.from, to: o.to, rows, totals, summary: summarySentence(o.from, o.to, rows, totals, o.unitName), indicators };
}

/** Received per month by field and the share of dossiers resolved that month early or on time (charts). */
export async function computeMonthly(db: Kysely<Database>, o: ComputeOptions): Promise<Monthly> {
  const fromLocal = `${o.from}T00:00`;
  const endLocal = `${nextDay(o.to)}T00:00`;
  const [{ fields }, groups, judged] = await readSnapshot(db, (trx) =>
    Promise.all([fieldOrder(trx), monthlyGroups(trx, { fromLocal, toLocalExclusive: endLocal, rule: o.rule }), dossiersNeedingJudgement(trx, fromLocal, endLocal)]),
  );
  const months: Monthly['months'] = [];
  const index = new Map<string, Monthly['months'][number]>();
  for (let m = o.from.slice(0, 7); m <= o.to.slice(0, 7); ) {
    const entry = { month: m, received: Object.fromEntries(fields.map((f) => [f, 0])), receivedTotal: 0, resolved: 0, earlyOrOnTime: 0, onTimeShare: null };
    months.push(entry);
    index.set(m, entry);
    const [y, mm] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  const allFields = [...fields];
  const count = (x: MonthlyGroupRow) => {
    if (x.received_month !== null) {
      const e = index.get(x.received_month);
      if (e) {
        if (!(x.field in e.received)) {
          for (const m of months) m.received[x.field] = 0;
          allFields.push(x.field);
        }
        e.received[x.field] = (e.received[x.field] ?? 0) + x.n;
        e.receivedTotal += x.n;
      }
    }
    if (x.finished_month !== null) {
      const e = index.get(x.finished_month);
      if (e) {
        e.resolved += x.n;
        if (x.cls !== 'late') e.earlyOrOnTime += x.n;
      }
    }
  };
  for (const g of groups) count(g);
  for (const r of judged) {
    const facts = toFacts(r);
    const finish = finishedLocal(facts);
    const finishedIn = finish !== null && finish >= fromLocal && finish < endLocal;
    count({
      field: r.field,
      received_month: r.received_local >= fromLocal ? r.received_local.slice(0, 7) : null,
      finished_month: finishedIn ? finish.slice(0, 7) : null,
      cls: finishedIn ? classifyResolved(facts, o.rule) : null,
      n: 1,
    });
  }
  for (const e of months) e.onTimeShare = e.resolved === 0 ? null : round2((e.earlyOrOnTime / e.resolved) * 100);
  return { fields: allFields, months };
}
