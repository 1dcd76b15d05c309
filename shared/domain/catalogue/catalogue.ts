/**
 * Pure helpers over a procedure catalogue (danh mục thủ tục): which versions are in force on a day, one
 * procedure by code, and the listing shape the CLI prints. Dates are civil dates "YYYY-MM-DD", compared as strings.
 */
import { catalogueSchema, type Catalogue, type Limit, type Procedure } from '../../contract/catalogue.schema';
import { AppError, type FieldIssue } from '../../errors';

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertCivilDate(onDate: string): void {
  if (!CIVIL_DATE.test(onDate)) {
    throw new AppError('invalid_input', `Ngày tra cứu danh mục phải có dạng YYYY-MM-DD (nhận được "${onDate}").`, {
      issues: [{ path: 'onDate', message: 'Ngày phải có dạng YYYY-MM-DD.' }],
    });
  }
}

/** Whether this version of a procedure applies to a dossier received on `onDate` (retiredAt is exclusive). */
export function isInForce(procedure: Procedure, onDate: string): boolean {
  return procedure.effectiveFrom <= onDate && (procedure.retiredAt === undefined || onDate < procedure.retiredAt);
}

/**
 * The procedures in force on `onDate`, in catalogue order. Nothing is in force before the catalogue's own
 * effectiveFrom.
 */
export function currentProcedures(catalogue: Catalogue, onDate: string): Procedure[] {
  assertCivilDate(onDate);
  if (onDate < catalogue.effectiveFrom) return [];
  return catalogue.procedures.filter((p) => isInForce(p, onDate));
}

/** The version of procedure `code` in force on `onDate`, or undefined if there is none. */
export function findProcedure(catalogue: Catalogue, code: string, onDate: string): Procedure | undefined {
  const wanted = code.trim();
  return currentProcedures(catalogue, onDate).find((p) => p.code === wanted);
}

/** Like findProcedure, but a missing procedure is a not_found AppError with a message for the clerk. */
export function requireProcedure(catalogue: Catalogue, code: string, onDate: string): Procedure {
  const p = findProcedure(catalogue, code, onDate);
  if (!p) {
    const [y, m, d] = onDate.split('-');
    throw new AppError('not_found', `Không có thủ tục mã ${code.trim()} đang có hiệu lực ngày ${d}/${m}/${y} trong danh mục.`);
  }
  return p;
}

/** Validate a catalogue read from a file or the store; problems become invalid_input with per-field issues. */
export function parseCatalogue(data: unknown): Catalogue {
  const result = catalogueSchema.safeParse(data);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('invalid_input', `Danh mục thủ tục không hợp lệ (${issues.length} lỗi). Lỗi đầu tiên: ${issues[0]?.path || '(gốc)'}: ${issues[0]?.message ?? ''}`, {
    issues,
  });
}

/**
 * Limit as the CLI lists it: the number of working days, "same-day" for the 15:00 rule, or
 * "calendar-days:N" for limits counted in calendar days.
 */
export type ListingLimit = number | 'same-day' | `calendar-days:${number}`;

export function listingLimit(limit: Limit): ListingLimit {
  switch (limit.kind) {
    case 'working-days':
      return limit.days;
    case 'same-day':
      return 'same-day';
    case 'calendar-days':
      return `calendar-days:${limit.days}`;
  }
}

export interface ProcedureListingRow {
  code: string;
  name: string;
  field: string;
  limit: ListingLimit;
}

/** `[{"code","name","field","limit"}]` for `motcua procedures list` and similar outputs. */
export function toListing(procedures: readonly Procedure[]): ProcedureListingRow[] {
  return procedures.map((p) => ({ code: p.code, name: p.name, field: p.field, limit: listingLimit(p.limit) }));
}

/** Vietnamese wording of a limit for the picker and receipts ("03 ngày làm việc", "Trong ngày (nhận sau 15:00 trả ngày làm việc tiếp theo)"). */
export function describeLimit(limit: Limit): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  switch (limit.kind) {
    case 'working-days':
      return `${pad(limit.days)} ngày làm việc` + (limit.verificationDays ? `; cần xác minh: không quá ${pad(limit.verificationDays)} ngày làm việc` : '');
    case 'same-day':
      return (
        `Trong ngày; tiếp nhận sau ${limit.cutoff} thì trả trong ngày làm việc tiếp theo` +
        (limit.extensionWorkingDays ? `; có thể kéo dài không quá ${pad(limit.extensionWorkingDays)} ngày làm việc` : '') +
        (limit.verificationDays ? `; cần xác minh: không quá ${pad(limit.verificationDays)} ngày làm việc` : '')
      );
    case 'calendar-days':
      return `Không quá ${pad(limit.days)} ngày`;
  }
}
