import type { reportsChannels } from '../../../shared/contract/reports.channels';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { ExportedFile, Report, TimelinessRule } from '../../../shared/contract/reports.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { nextDay, periodNameOf } from '../../../shared/domain/report-period';
import { bookRows } from '../../store/reports.repository';
import type { CallContext, CoreDeps } from '../context';
import { storeFile } from '../files/files.service';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { getUnitProfile, requireUnitProfile } from '../unit/unit.service';
import { trackingBookXlsx } from './export-book';
import { report06aPdf, report06aXlsx } from './export-06a';
import { importDossiers } from './import.service';
import { computeMonthly, computeReport, loadReportSettings, saveReportSettings } from './report.service';
import { searchDossierTable } from './search.service';

export type ReportChannel = ChannelsOf<typeof reportsChannels>;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function nowLocal(deps: CoreDeps): string {
  return utcToVietnamLocal(deps.clock.now().toISOString());
}

/** The 06a report for a range, with the stored early/on-time rule unless the call names one. */
export async function runReport(deps: CoreDeps, input: { from: string; to: string; rule?: TimelinessRule }): Promise<Report> {
  const rule = input.rule ?? (await loadReportSettings(deps.db)).timelinessRule;
  const unit = await getUnitProfile(deps);
  return computeReport(deps.db, { from: input.from, to: input.to, rule, nowLocal: nowLocal(deps), unitName: unit?.unitName ?? '' });
}

/** The 06a table as file bytes (the CLI writes them to disk, the app stores them for download). */
export async function render06a(deps: CoreDeps, input: { from: string; to: string; format: 'xlsx' | 'pdf'; periodLabel?: string; rule?: TimelinessRule }) {
  const report = await runReport(deps, input);
  const unit = await requireUnitProfile(deps);
  const ctx = { unit, periodLabel: input.periodLabel || periodNameOf(input.from, input.to), today: nowLocal(deps).slice(0, 10) };
  const bytes = input.format === 'xlsx' ? await report06aXlsx(report, ctx) : await report06aPdf(report, ctx);
  return { report, bytes, name: `Bieu-06a-${input.from}-den-${input.to}.${input.format}`, mime: input.format === 'xlsx' ? XLSX_MIME : 'application/pdf' };
}

async function keep(deps: CoreDeps, ctx: CallContext, name: string, mime: string, bytes: Buffer): Promise<ExportedFile> {
  const meta = await deps.db.transaction().execute((trx) => storeFile(trx, { kind: 'export', mime, name, bytes, createdBy: ctx.actor, at: deps.clock.now().toISOString() }));
  return { fileId: meta.id, name: meta.name, mime: meta.mime, size: meta.size };
}

export async function renderBook(deps: CoreDeps, input: ParsedInput<'reports.exportBook'>): Promise<{ bytes: Buffer; name: string }> {
  const unit = await requireUnitProfile(deps);
  const rows = await bookRows(deps.db, `${input.from}T00:00`, `${nextDay(input.to)}T00:00`);
  return { bytes: await trackingBookXlsx(rows, { unit, from: input.from, to: input.to }), name: `So-theo-doi-ho-so-${input.from}-den-${input.to}.xlsx` };
}

export function reportsHandlers(deps: CoreDeps): HandlerMap<ReportChannel> {
  return {
    'dossiers.search': (input) => searchDossierTable(deps, input),
    'dossiers.import': (input, ctx) => importDossiers(deps, ctx, input),
    'reports.run': (input) => runReport(deps, input),
    'reports.monthly': async (input) => {
      const rule = input.rule ?? (await loadReportSettings(deps.db)).timelinessRule;
      return computeMonthly(deps.db, { from: input.from, to: input.to, rule, nowLocal: nowLocal(deps) });
    },
    'reports.export': async (input, ctx) => {
      const out = await render06a(deps, { ...input, periodLabel: input.periodLabel || undefined });
      return keep(deps, ctx, out.name, out.mime, out.bytes);
    },
    'reports.exportBook': async (input, ctx) => {
      const out = await renderBook(deps, input);
      return keep(deps, ctx, out.name, XLSX_MIME, out.bytes);
    },
    'reports.settings': () => loadReportSettings(deps.db),
    'reports.saveSettings': (input, ctx) => saveReportSettings(deps, ctx, input),
  };
}
