import type { intakeChannels } from '../../../shared/contract/intake.channels';
import { randomUUID } from 'node:crypto';
import shippedCatalogue from '../../../assets/catalogue/catalogue-2026.json';
import { catalogueSchema, procedureSchema, type Catalogue, type Procedure } from '../../../shared/contract/catalogue.schema';
import { findProcedure, isInForce, requireProcedure } from '../../../shared/domain/catalogue';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { countProcedures, findProcedureRow, listProcedureRows, upsertProcedureRow, type ProcedureRow } from '../../store/catalogue.repository';
import type { Database } from '../../store/schema';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit';
import { storeFile } from '../files/files.service';
import { catalogueToXlsx, xlsxToCatalogue } from './catalogue-xlsx';
import type { CallContext, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

/** Vietnam calendar date of an instant ('YYYY-MM-DD'). */
export function vietnamDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function rowToProcedure(row: ProcedureRow): Procedure {
  return procedureSchema.parse(JSON.parse(row.data_json));
}

function procedureToRow(p: Procedure, at: string, id: string = randomUUID()): ProcedureRow {
  return {
    id,
    code: p.code,
    name: p.name,
    field: p.field,
    effective_from: p.effectiveFrom,
    retired_at: p.retiredAt ?? null,
    data_json: JSON.stringify(p),
    updated_at: at,
  };
}

/** The catalogue as stored: every version of every procedure. */
export async function loadCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const rows = await listProcedureRows(db);
  const procedures = rows.map(rowToProcedure);
  const effectiveFrom = procedures.reduce((min, p) => (p.effectiveFrom < min ? p.effectiveFrom : min), '9999-12-31');
  return { version: 'store', effectiveFrom: procedures.length ? effectiveFrom : '2025-07-01', procedures };
}

/** The version of `code` in force on `onDate`, or a clear not_found. */
export async function requireProcedureInForce(db: Kysely<Database>, code: string, onDate: string): Promise<Procedure> {
  const p = findProcedure(await loadCatalogue(db), code, onDate);
  if (!p) throw new AppError('not_found', vi.intake.procedureNotFound(code), { issues: [{ path: 'procedureCode', message: vi.intake.procedureNotFound(code) }] });
  return p;
}

/**
 * A fresh store gets the catalogue shipped with the app. Runs at start-up; idempotent, and safe
 * when several desks start at once (the unique code+date constraint makes the second insert an update).
 */
export async function seedCatalogueIfEmpty(deps: CoreDeps): Promise<number> {
  if ((await countProcedures(deps.db)) > 0) return 0;
  const catalogue = catalogueSchema.parse(shippedCatalogue);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const p of catalogue.procedures) {
      const row = procedureToRow(p, at);
      await upsertProcedureRow(trx, row);
      ids.push(row.id);
    }
    await appendAudit(trx, deps, {
      rows: ids.map((id) => ({ table: 'procedures', id })),
      actor: 'system',
      action: 'catalog.seed',
      entity: 'catalogue',
      entityId: catalogue.version,
      before: null,
      after: { version: catalogue.version, procedures: catalogue.procedures.length },
    });
  });
  deps.logger.info('catalogue seeded', { version: catalogue.version, procedures: catalogue.procedures.length });
  return catalogue.procedures.length;
}

async function saveProcedure(deps: CoreDeps, ctx: CallContext, p: Procedure, action: string): Promise<Procedure> {
  const saved = await deps.db.transaction().execute(async (trx) => {
    const existing = await findProcedureRow(trx, p.code, p.effectiveFrom);
    const catalogue = await loadCatalogue(trx);
    const others = catalogue.procedures.filter((o) => !(o.code === p.code && o.effectiveFrom === p.effectiveFrom));
    // The whole catalogue must stay consistent (no two versions of a code in force at once).
    const check = catalogueSchema.safeParse({ ...catalogue, procedures: [...others, p] });
    if (!check.success) {
      const issue = check.error.issues[0]!;
      throw new AppError('conflict', issue.message, { issues: [{ path: 'effectiveFrom', message: issue.message }] });
    }
    const row = procedureToRow(p, deps.clock.now().toISOString(), existing?.id);
    await upsertProcedureRow(trx, row);
    await appendAudit(trx, deps, {
      rows: [{ table: 'procedures', id: row.id }],
      actor: ctx.actor,
      action,
      entity: 'procedure',
      entityId: `${p.code}@${p.effectiveFrom}`,
      before: existing ? JSON.parse(existing.data_json) : null,
      after: p,
    });
    return p;
  });
  deps.events.emit('data.changed', { entity: 'procedure', id: p.code });
  return saved;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Merge a catalogue document into the store: new versions added, same code+date replaced, all in one transaction. */
export async function importCatalogue(deps: CoreDeps, ctx: CallContext, catalogue: Catalogue): Promise<{ added: number; replaced: number; unchanged: number }> {
  const written: string[] = [];
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    const current = await loadCatalogue(trx);
    const incomingKeys = new Set(catalogue.procedures.map((p) => `${p.code}@${p.effectiveFrom}`));
    const merged = [...current.procedures.filter((p) => !incomingKeys.has(`${p.code}@${p.effectiveFrom}`)), ...catalogue.procedures];
    const check = catalogueSchema.safeParse({ ...current, procedures: merged });
    if (!check.success) throw new AppError('conflict', check.error.issues[0]!.message);
    for (const p of catalogue.procedures) {
      const existing = await findProcedureRow(trx, p.code, p.effectiveFrom);
      if (existing && existing.data_json === JSON.stringify(p)) {
        unchanged += 1;
        continue;
      }
      if (existing) replaced += 1;
      else added += 1;
      const row = procedureToRow(p, at, existing?.id);
      await upsertProcedureRow(trx, row);
      written.push(row.id);
    }
    await appendAudit(trx, deps, {
      rows: written.map((id) => ({ table: 'procedures', id })),
      actor: ctx.actor,
      action: 'catalog.import',
      entity: 'catalogue',
      entityId: catalogue.version,
      before: null,
      after: { version: catalogue.version, added, replaced, unchanged },
    });
  });
  deps.events.emit('data.changed', { entity: 'procedure' });
  return { added, replaced, unchanged };
}

export function catalogueHandlers(
  deps: CoreDeps,
): HandlerMap<ChannelsOf<typeof intakeChannels, 'catalog.'>> {
  return {
    'catalog.list': async ({ onDate, includeRetired }) => {
      const date = onDate ?? vietnamDate(deps.clock.now());
      const all = (await loadCatalogue(deps.db)).procedures;
      return includeRetired ? all : all.filter((p) => isInForce(p, date));
    },
    'catalog.get': async ({ code, onDate }) => requireProcedure(await loadCatalogue(deps.db), code, onDate ?? vietnamDate(deps.clock.now())),
    'catalog.save': (p, ctx) => saveProcedure(deps, ctx, p, 'catalog.save'),
    'catalog.retire': async ({ code, effectiveFrom, retiredAt }, ctx) => {
      const row = await findProcedureRow(deps.db, code, effectiveFrom);
      if (!row) throw new AppError('not_found', vi.intake.procedureNotFound(code));
      if (retiredAt <= effectiveFrom) {
        throw new AppError('invalid_input', 'Ngày hết hiệu lực phải sau ngày có hiệu lực.', { issues: [{ path: 'retiredAt', message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.' }] });
      }
      return saveProcedure(deps, ctx, { ...rowToProcedure(row), retiredAt }, 'catalog.retire');
    },
    'catalog.export': async () => {
      const c = await loadCatalogue(deps.db);
      return { ...c, version: `export-${vietnamDate(deps.clock.now())}` };
    },
    'catalog.import': ({ catalogue }, ctx) => importCatalogue(deps, ctx, catalogue),
    'catalog.exportXlsx': async (_input, ctx) => {
      const catalogue = await loadCatalogue(deps.db);
      const bytes = await catalogueToXlsx(catalogue);
      const name = `danh-muc-thu-tuc-${vietnamDate(deps.clock.now())}.xlsx`;
      const meta = await deps.db.transaction().execute((trx) =>
        storeFile(trx, { kind: 'export', mime: XLSX_MIME, name, bytes, createdBy: ctx.actor, at: deps.clock.now().toISOString() }),
      );
      return { fileId: meta.id, name: meta.name, procedures: catalogue.procedures.length };
    },
    'catalog.importXlsx': async ({ base64, name }, ctx) => {
      const bytes = Buffer.from(base64, 'base64');
      return importCatalogue(deps, ctx, await xlsxToCatalogue(bytes, name));
    },
  };
}
