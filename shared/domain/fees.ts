/**
 * Fee computation for a procedure's fee rule (DOMAIN.md §3, worked example 15).
 * All amounts are integers in đồng; the breakdown is the Vietnamese line shown to the clerk and citizen.
 */
import type { FeeRule } from '../contract/catalogue.schema';
import { AppError, type FieldIssue } from '../errors';

export interface FeeInput {
  /** Pages of the original (chứng thực bản sao). */
  pages?: number;
  /** Copies requested. Default 1. */
  copies?: number;
  /** Cases (việc, hợp đồng, di chúc…). Default 1. */
  cases?: number;
  /** The applicant belongs to an exempt group (the clerk ticked "miễn lệ phí"). */
  exempt?: boolean;
}

export interface FeeResult {
  amount: number;
  breakdown: string;
}

/** "14.000 đ": dot-grouped thousands, as printed on receipts. */
export function formatVnd(amount: number): string {
  const n = Math.round(amount);
  const digits = Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${digits} đ`;
}

function countOf(value: number | undefined, field: 'pages' | 'copies' | 'cases', label: string, fallback: number | null): number {
  if (value === undefined || value === null) {
    if (fallback !== null) return fallback;
    throw invalid(field, `Cần nhập ${label} để tính lệ phí.`);
  }
  if (!Number.isInteger(value) || value < 1) throw invalid(field, `${capitalise(label)} phải là số nguyên từ 1 trở lên.`);
  if (value > 100_000) throw invalid(field, `${capitalise(label)} quá lớn (${value}).`);
  return value;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function invalid(path: string, message: string): AppError {
  const issues: FieldIssue[] = [{ path, message }];
  return new AppError('invalid_input', message, { issues });
}

/** Amount for one copy under a per-page rule, before the cap, and the number of pages at each rate. */
function perPageParts(rule: Extract<FeeRule, { kind: 'per-page' }>, pages: number) {
  const first = Math.min(pages, rule.firstPages);
  const later = Math.max(0, pages - rule.firstPages);
  return { first, later, raw: first * rule.firstPageAmount + later * rule.laterPageAmount };
}

/**
 * Compute the fee for one dossier.
 * Throws AppError('invalid_input') when a needed count is missing or not a positive integer, or when a
 * provincial fee has no amount in the catalogue yet.
 *
 * Example 15: per-page rule (2 pages at 2.000 đ, then 1.000 đ, max 200.000 đ/copy), 5 pages, 2 copies →
 * (2.000 đ × 2 + 1.000 đ × 3) × 2 = 14.000 đ.
 */
export function computeFee(rule: FeeRule, input: FeeInput = {}): FeeResult {
  if (rule.kind === 'free') return { amount: 0, breakdown: 'Không thu phí, lệ phí.' };
  if (input.exempt) {
    const who = rule.exemptions && rule.exemptions.length > 0 ? ` (${rule.exemptions.join('; ')})` : '';
    return { amount: 0, breakdown: `Miễn phí, lệ phí${who}.` };
  }

  switch (rule.kind) {
    case 'flat':
      return { amount: rule.amount, breakdown: `${formatVnd(rule.amount)}/hồ sơ = ${formatVnd(rule.amount)}` };

    case 'per-case': {
      const cases = countOf(input.cases, 'cases', 'số trường hợp', 1);
      const amount = rule.amount * cases;
      return { amount, breakdown: `${formatVnd(rule.amount)}/${rule.unitLabel} × ${cases} = ${formatVnd(amount)}` };
    }

    case 'per-copy': {
      const copies = countOf(input.copies, 'copies', 'số bản', 1);
      const amount = rule.amount * copies;
      return { amount, breakdown: `${formatVnd(rule.amount)}/${rule.unitLabel} × ${copies} = ${formatVnd(amount)}` };
    }

    case 'per-page': {
      const pages = countOf(input.pages, 'pages', 'số trang của bản chính', null);
      const copies = countOf(input.copies, 'copies', 'số bản sao', 1);
      const { first, later, raw } = perPageParts(rule, pages);
      const perCopy = Math.min(raw, rule.maxPerCopy);
      const amount = perCopy * copies;
      const terms = [`${formatVnd(rule.firstPageAmount)} × ${first} trang`];
      if (later > 0) terms.push(`${formatVnd(rule.laterPageAmount)} × ${later} trang`);
      const perCopyText = terms.length > 1 ? `(${terms.join(' + ')})` : terms[0]!;
      const breakdown =
        raw > rule.maxPerCopy
          ? `${perCopyText} = ${formatVnd(raw)}, vượt mức tối đa ${formatVnd(rule.maxPerCopy)}/bản; ${formatVnd(rule.maxPerCopy)} × ${copies} bản = ${formatVnd(amount)}`
          : `${perCopyText} × ${copies} bản = ${formatVnd(amount)}`;
      return { amount, breakdown };
    }

    case 'provincial': {
      if (rule.amount === undefined) {
        throw new AppError(
          'invalid_input',
          'Mức thu của thủ tục này do HĐND tỉnh quy định nhưng chưa được nhập trong danh mục thủ tục. Đề nghị quản trị viên cập nhật mức thu trong Cài đặt → Danh mục thủ tục.',
        );
      }
      const n = rule.per === 'copy' ? countOf(input.copies, 'copies', 'số bản', 1) : countOf(input.cases, 'cases', 'số trường hợp', 1);
      const unit = rule.per === 'copy' ? 'bản' : 'trường hợp';
      const amount = rule.amount * n;
      return {
        amount,
        breakdown: `${formatVnd(rule.amount)}/${unit} (mức HĐND tỉnh) × ${n} = ${formatVnd(amount)}`,
      };
    }
  }
}

/** One-line description of a rule for listings and the procedure picker ("2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản"). */
export function describeFeeRule(rule: FeeRule): string {
  switch (rule.kind) {
    case 'free':
      return 'Miễn phí';
    case 'flat':
      return `${formatVnd(rule.amount)}/hồ sơ`;
    case 'per-case':
      return `${formatVnd(rule.amount)}/${rule.unitLabel}`;
    case 'per-copy':
      return `${formatVnd(rule.amount)}/${rule.unitLabel}`;
    case 'per-page':
      return `${formatVnd(rule.firstPageAmount)}/trang; từ trang thứ ${rule.firstPages + 1}: ${formatVnd(rule.laterPageAmount)}/trang; tối đa ${formatVnd(rule.maxPerCopy)}/bản`;
    case 'provincial':
      return rule.amount === undefined
        ? 'Theo mức HĐND tỉnh (chưa nhập)'
        : `${formatVnd(rule.amount)}/${rule.per === 'copy' ? 'bản' : 'trường hợp'} (mức HĐND tỉnh)`;
  }
}
