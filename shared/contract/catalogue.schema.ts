import { z } from 'zod';

/**
 * The procedure catalogue (danh mục thủ tục hành chính), versioned by effective date.
 * DOMAIN.md "What the software must implement" A and §3.
 *
 * A procedure is identified by its national TTHC code plus the date its rules took effect, so a dossier
 * can keep the exact version it was received under when the rules change (e.g. the Civil Status Law
 * announced for 2027). Amounts are integers in đồng.
 */

const isRealDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
};

/** A calendar date "YYYY-MM-DD" (no time, no zone). */
export const civilDateSchema = z
  .string({ error: 'Ngày phải là chuỗi dạng YYYY-MM-DD.' })
  .refine(isRealDate, { error: 'Ngày không hợp lệ; cần dạng YYYY-MM-DD, ví dụ 2026-01-01.' });

/** National TTHC code as published on the National Public Service Portal: "2.000815", "1.001193". */
export const TTHC_CODE_PATTERN = /^\d\.\d{6}$/;
export const tthcCodeSchema = z
  .string({ error: 'Mã thủ tục phải là chuỗi.' })
  .regex(TTHC_CODE_PATTERN, { error: 'Mã thủ tục hành chính phải có dạng 1 chữ số, dấu chấm, 6 chữ số (ví dụ 2.000815).' });

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} phải là chuỗi ký tự.` })
    .trim()
    .min(1, { error: `${what} không được để trống.` })
    .max(max, { error: `${what} dài quá ${max} ký tự.` });

const money = (what: string) =>
  z
    .number({ error: `${what} phải là số (đồng).` })
    .int({ error: `${what} phải là số nguyên (đồng).` })
    .min(0, { error: `${what} không được âm.` })
    .max(1_000_000_000, { error: `${what} quá lớn.` });

const positiveInt = (what: string, max: number) =>
  z
    .number({ error: `${what} phải là số.` })
    .int({ error: `${what} phải là số nguyên.` })
    .min(1, { error: `${what} phải từ 1 trở lên.` })
    .max(max, { error: `${what} không được quá ${max}.` });

/** The lĩnh vực names used by reports; a catalogue may add others (Hộ kinh doanh, Cư trú, …). */
export const KNOWN_FIELDS = ['Chứng thực', 'Hộ tịch', 'Đất đai', 'Bảo trợ xã hội', 'Người có công'] as const;

/**
 * How a component is presented (loại bản):
 * ban-chinh = original (bản chính), ban-sao = photocopy (bản sao/bản chụp),
 * ban-sao-chung-thuc = certified copy (bản sao có chứng thực), ban-chinh-hoac-ban-sao = original or certified copy.
 */
export const COMPONENT_KINDS = ['ban-chinh', 'ban-sao', 'ban-sao-chung-thuc', 'ban-chinh-hoac-ban-sao'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Labels printed on receipts (Mẫu 01 "loại bản"). */
export const COMPONENT_KIND_LABELS: Readonly<Record<ComponentKind, string>> = {
  'ban-chinh': 'Bản chính',
  'ban-sao': 'Bản sao',
  'ban-sao-chung-thuc': 'Bản sao có chứng thực',
  'ban-chinh-hoac-ban-sao': 'Bản chính hoặc bản sao có chứng thực',
};

export const componentSchema = z.strictObject({
  name: text('Tên thành phần hồ sơ', 500),
  kind: z.enum(COMPONENT_KINDS, {
    error: 'Loại bản phải là một trong: ban-chinh, ban-sao, ban-sao-chung-thuc, ban-chinh-hoac-ban-sao.',
  }),
  count: positiveInt('Số lượng', 99),
  required: z.boolean({ error: 'Trường "bắt buộc" phải là true hoặc false.' }),
  /** When the component applies only in some cases ("Trường hợp người đi đăng ký là người được ủy quyền"). */
  note: text('Ghi chú thành phần', 500).optional(),
});
export type Component = z.infer<typeof componentSchema>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Processing time limit (thời hạn giải quyết).
 * - working-days: N ngày làm việc, counted from the day after receipt (deadline engine).
 * - same-day: result the same day, or the next working day when received at/after `cutoff` (15:00 rule).
 * - calendar-days: N ngày (not working days), e.g. land dispute mediation "không quá 30 ngày".
 * `verificationDays`: the longer limit, in working days, when verification (xác minh) is needed.
 * `extensionWorkingDays`: how far the limit may be extended for large jobs (chứng thực: +≤2 working days).
 */
export const limitSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('working-days'),
      days: positiveInt('Số ngày làm việc', 365),
      verificationDays: positiveInt('Số ngày làm việc khi cần xác minh', 365).optional(),
    }),
    z.strictObject({
      kind: z.literal('same-day'),
      cutoff: z
        .string()
        .regex(HHMM, { error: 'Giờ chốt phải có dạng HH:MM, ví dụ 15:00.' })
        .default('15:00'),
      verificationDays: positiveInt('Số ngày làm việc khi cần xác minh', 365).optional(),
      extensionWorkingDays: positiveInt('Số ngày làm việc được gia hạn', 30).optional(),
    }),
    z.strictObject({
      kind: z.literal('calendar-days'),
      days: positiveInt('Số ngày', 365),
    }),
  ],
  { error: 'Thời hạn giải quyết phải có kind là working-days, same-day hoặc calendar-days.' },
);
export type Limit = z.infer<typeof limitSchema>;

/** Who is exempt (labels shown to the clerk when ticking "miễn lệ phí"), plus a free note. */
const feeExtras = {
  exemptions: z.array(text('Đối tượng miễn', 300)).optional(),
  note: text('Ghi chú lệ phí', 500).optional(),
};

/**
 * Fee rule (phí/lệ phí), DOMAIN.md §3:
 * - free: no charge.
 * - flat: one amount per dossier.
 * - per-case: amount × number of cases (chứng thực chữ ký 10.000 đ/trường hợp; hợp đồng 50.000 đ/hợp đồng).
 * - per-copy: amount × number of copies (trích lục 8.000 đ/bản).
 * - per-page: per copy, `firstPageAmount` for each of the first `firstPages` pages and `laterPageAmount` for
 *   each later page, capped at `maxPerCopy`; then × copies (chứng thực bản sao, TT 226/2016/TT-BTC).
 * - provincial: set by the provincial People's Council (HĐND tỉnh); `amount` is filled in by the admin,
 *   charged per case or per copy. Without an amount the fee cannot be computed.
 */
export const feeRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('free'), ...feeExtras }),
    z.strictObject({ kind: z.literal('flat'), amount: money('Mức thu'), ...feeExtras }),
    z.strictObject({
      kind: z.literal('per-case'),
      amount: money('Mức thu mỗi trường hợp'),
      unitLabel: text('Đơn vị tính', 50).default('trường hợp'),
      ...feeExtras,
    }),
    z.strictObject({
      kind: z.literal('per-copy'),
      amount: money('Mức thu mỗi bản'),
      unitLabel: text('Đơn vị tính', 50).default('bản'),
      ...feeExtras,
    }),
    z
      .strictObject({
        kind: z.literal('per-page'),
        firstPages: positiveInt('Số trang tính mức đầu', 1000),
        firstPageAmount: money('Mức thu mỗi trang đầu'),
        laterPageAmount: money('Mức thu mỗi trang tiếp theo'),
        maxPerCopy: money('Mức thu tối đa mỗi bản'),
        ...feeExtras,
      })
      .refine((r) => r.maxPerCopy >= r.firstPageAmount, {
        error: 'Mức thu tối đa mỗi bản không được nhỏ hơn mức thu của một trang.',
        path: ['maxPerCopy'],
      }),
    z.strictObject({
      kind: z.literal('provincial'),
      amount: money('Mức thu do HĐND tỉnh quy định').optional(),
      per: z.enum(['case', 'copy'], { error: 'Cách tính phải là case (mỗi trường hợp) hoặc copy (mỗi bản).' }).default('case'),
      ...feeExtras,
    }),
  ],
  { error: 'Cách tính lệ phí phải có kind là free, flat, per-case, per-copy, per-page hoặc provincial.' },
);
export type FeeRule = z.infer<typeof feeRuleSchema>;

export const procedureSchema = z
  .strictObject({
    code: tthcCodeSchema,
    name: text('Tên thủ tục', 500),
    /** Lĩnh vực, e.g. "Chứng thực", "Hộ tịch" (see KNOWN_FIELDS). */
    field: text('Lĩnh vực', 100),
    level: z.literal('xa', { error: 'Cấp thực hiện phải là "xa" (cấp xã).' }),
    components: z
      .array(componentSchema, { error: 'Thành phần hồ sơ phải là một danh sách.' })
      .min(1, { error: 'Thủ tục phải có ít nhất một thành phần hồ sơ.' }),
    limit: limitSchema,
    feeRule: feeRuleSchema,
    /** paper = a paper result is handed back; none = nothing to hand back (e.g. the result is the certified copy itself at the desk). */
    resultType: z.enum(['paper', 'none'], { error: 'Loại kết quả phải là paper hoặc none.' }),
    /** Whether a Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) is printed. */
    receiptRequired: z.boolean({ error: 'Trường receiptRequired phải là true hoặc false.' }),
    effectiveFrom: civilDateSchema,
    /** First day the version is no longer in force (exclusive). */
    retiredAt: civilDateSchema.optional(),
    /** Legal basis or source the admin checked the record against. */
    legalBasis: text('Căn cứ pháp lý', 1000).optional(),
    /** Facts of this record not yet checked against the official text (shown to the admin). */
    unconfirmed: z.array(text('Ghi chú chưa xác minh', 500)).optional(),
  })
  .refine((p) => p.retiredAt === undefined || p.retiredAt > p.effectiveFrom, {
    error: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.',
    path: ['retiredAt'],
  });
export type Procedure = z.infer<typeof procedureSchema>;
/** What a catalogue file may contain before defaults (cutoff, unitLabel, per) are filled in. */
export type ProcedureInput = z.input<typeof procedureSchema>;

/** Two versions of one code overlap when each starts before the other ends. */
function overlaps(a: Procedure, b: Procedure): boolean {
  const aEnd = a.retiredAt ?? '9999-12-31';
  const bEnd = b.retiredAt ?? '9999-12-31';
  return a.effectiveFrom < bEnd && b.effectiveFrom < aEnd;
}

export const catalogueSchema = z
  .strictObject({
    version: text('Phiên bản danh mục', 50),
    effectiveFrom: civilDateSchema,
    procedures: z.array(procedureSchema, { error: 'Danh sách thủ tục phải là một danh sách.' }),
  })
  .superRefine((cat, ctx) => {
    const byCode = new Map<string, number[]>();
    cat.procedures.forEach((p, i) => {
      const seen = byCode.get(p.code) ?? [];
      for (const j of seen) {
        const other = cat.procedures[j];
        if (other && overlaps(other, p)) {
          ctx.addIssue({
            code: 'custom',
            path: ['procedures', i, 'effectiveFrom'],
            message: `Thủ tục ${p.code} có hai phiên bản cùng hiệu lực (mục ${j + 1} và mục ${i + 1}); phiên bản cũ cần có ngày hết hiệu lực (retiredAt) không muộn hơn ngày có hiệu lực của phiên bản mới.`,
          });
        }
      }
      seen.push(i);
      byCode.set(p.code, seen);
    });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueInput = z.input<typeof catalogueSchema>;
