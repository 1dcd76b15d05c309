import { z } from 'zod';
import '../../../shared/contract/zod-locale';

/**
 * Input of the form renderer (Mẫu 01–07, Circular 03/2025 set with the 2018 layouts, DOMAIN.md §1.2–1.3).
 * Deliberately independent of the store: the caller maps its dossier (hồ sơ) record onto these shapes.
 * Times are Vietnam local wall-clock strings ('YYYY-MM-DDTHH:mm') so no time-zone arithmetic happens here.
 */

export const FORM_KINDS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const FormKindSchema = z.enum(FORM_KINDS);

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** 'YYYY-MM-DDTHH:mm', Vietnam local time. */
export const LocalDateTimeSchema = z.string().refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
    return !!m && isRealDate(+m[1]!, +m[2]!, +m[3]!) && +m[4]! < 24 && +m[5]! < 60;
  },
  { error: 'Thời điểm phải có dạng YYYY-MM-DDTHH:mm (giờ Việt Nam), ví dụ 2026-02-13T10:00.' },
);

/** 'YYYY-MM-DD'. */
export const LocalDateSchema = z.string().refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return !!m && isRealDate(+m[1]!, +m[2]!, +m[3]!);
  },
  { error: 'Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-02-13.' },
);

/** A date, or a date with time; the book (Mẫu 07) prints only the date part. */
export const LocalDateOrDateTimeSchema = z.union([LocalDateTimeSchema, LocalDateSchema]);

const required = (max: number) => z.string().trim().min(1, { error: 'Không được để trống.' }).max(max);
const optional = (max: number) => z.string().trim().max(max).default('');

export const FormUnitSchema = z.object({
  /** Parent agency, printed not bold in capitals, e.g. "UBND XÃ HƯỚNG PHÙNG". */
  parentAgency: required(200),
  /** Unit name, printed bold in capitals, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG". */
  unitName: required(200),
  /** The unit's name as used inside a sentence ("Trung tâm Phục vụ hành chính công xã Hướng Phùng"); defaults to unitName. */
  displayName: optional(200),
  /** Place name (địa danh) for "<place>, ngày … tháng … năm …". */
  place: required(80),
  address: optional(300),
  phone: optional(40),
  /** Agency identifier code (mã định danh), opaque. */
  agencyCode: required(45),
});
export type FormUnit = z.output<typeof FormUnitSchema>;

export const FormPersonSchema = z.object({ name: required(120), title: optional(160) });
export type FormPerson = z.output<typeof FormPersonSchema>;

export const ComponentLineSchema = z.object({
  /** Tên giấy tờ. */
  name: required(500),
  /** Loại bản: 'Bản chính' | 'Bản sao' | 'Bản sao chứng thực' | 'Bản photo' … (free text, printed as given). */
  kindLabel: required(60),
  count: z.number().int().min(0).max(999),
});
export type ComponentLine = z.output<typeof ComponentLineSchema>;

export const DossierSchema = z.object({
  /** Mã số hồ sơ, e.g. "H50.12.34-260213-0001". Printed, put in the QR code and in the Code 128 bar code. */
  code: z
    .string()
    .trim()
    .min(1, { error: 'Thiếu mã hồ sơ.' })
    .max(60)
    // Code 128 carries ASCII only; dossier codes are ASCII by construction (DOMAIN.md §2).
    .regex(/^[\x20-\x7e]+$/, { error: 'Mã hồ sơ chỉ gồm chữ không dấu, chữ số và các dấu . - /' }),
  procedure: z.object({
    /** National TTHC code, e.g. "2.000815". */
    code: required(40),
    name: required(500),
    /** Lĩnh vực, e.g. "Chứng thực". */
    field: optional(120),
    /** Processing limit as printed: "03 ngày làm việc", "Trong ngày". */
    limitText: required(120),
  }),
  applicant: z.object({
    name: required(200),
    /** CCCD / personal identifier or tax code (mã định danh). */
    idNumber: optional(20),
    address: optional(300),
    phone: optional(40),
    email: optional(120),
  }),
  components: z.array(ComponentLineSchema).max(60),
  /** Số lượng hồ sơ (bộ). */
  setCount: z.number().int().min(1).max(999),
  receivedAt: LocalDateTimeSchema,
  dueAt: LocalDateTimeSchema,
  /** "Tại Bộ phận tiếp nhận và trả kết quả" or "Qua dịch vụ bưu chính: <address>". */
  returnMethod: required(300),
  /** Phí, lệ phí in đồng; 0 means none collected with the dossier. */
  fee: z.number().int().min(0).max(1_000_000_000),
  /**
   * What item 7 says when `fee` is 0: "Không thu" only for a free procedure or an exempt applicant;
   * "theo mức HĐND tỉnh quy định (thu theo biên lai riêng)" when the province sets it. Empty = "Không thu".
   */
  feeWording: optional(300),
  /** A later extension (Mẫu 04) of the appointment this receipt gave, noted under item 5 on a reprint. */
  extension: z.object({ dueAt: LocalDateTimeSchema, documentNumber: optional(60) }).optional(),
  /** Sổ theo dõi hồ sơ: quyển số and số thứ tự. */
  book: z.object({ number: z.union([z.string(), z.number()]).transform(String), line: z.union([z.string(), z.number()]).transform(String) }),
  receivedBy: FormPersonSchema,
});
export type Dossier = z.output<typeof DossierSchema>;
export type DossierInput = z.input<typeof DossierSchema>;

const base = { unit: FormUnitSchema, dossier: DossierSchema };

export const Form01DataSchema = z.object(base);

export const Form02DataSchema = z.object({
  ...base,
  supplement: z.object({
    /** Components the applicant must add or complete. */
    items: z.array(ComponentLineSchema).min(1, { error: 'Cần ít nhất một giấy tờ phải bổ sung.' }).max(60),
    reason: required(2000),
    /** Officer the applicant contacts with questions (công chức hướng dẫn). */
    officer: z.object({ name: required(120), phone: optional(40), title: optional(160) }),
    issuedAt: LocalDateTimeSchema,
  }),
});

export const Form03DataSchema = z.object({
  ...base,
  refusal: z.object({ reason: required(2000), issuedAt: LocalDateTimeSchema }),
});

export const Form04DataSchema = z.object({
  ...base,
  apology: z.object({
    /** Document number, e.g. "12/PXL-TTPVHCC". */
    documentNumber: required(60),
    issuedAt: LocalDateTimeSchema,
    originalDueAt: LocalDateTimeSchema,
    reason: required(2000),
    proposedDueAt: LocalDateTimeSchema,
    /** Signer: title may hold several lines ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"). */
    signer: FormPersonSchema,
    /** Nơi nhận; defaults to the template's list. */
    recipients: z.array(required(200)).max(10).optional(),
  }),
});

export const Form05DataSchema = z.object({
  ...base,
  stop: z.object({
    documentNumber: optional(60),
    reason: required(2000),
    /** Date from which processing stops. */
    date: LocalDateSchema,
    issuedAt: LocalDateTimeSchema.optional(),
    signer: FormPersonSchema,
    recipients: z.array(required(200)).max(10).optional(),
  }),
});

export const STEP_RESULTS = ['Trước hạn', 'Đúng hạn', 'Quá hạn', ''] as const;

export const ControlRowSchema = z.object({
  /** Agency or step name (tên cơ quan / bộ phận). */
  agency: required(300),
  givenAt: LocalDateTimeSchema.optional(),
  receivedAt: LocalDateTimeSchema.optional(),
  giver: optional(120),
  receiver: optional(120),
  result: z.enum(STEP_RESULTS).default(''),
  note: optional(500),
});
export type ControlRow = z.output<typeof ControlRowSchema>;

export const Form06DataSchema = z.object({
  ...base,
  control: z.object({
    /** Cơ quan (bộ phận) giải quyết hồ sơ. */
    handlingAgency: optional(300),
    /** Cơ quan phối hợp giải quyết hồ sơ. */
    coordinatingAgency: optional(300),
    rows: z.array(ControlRowSchema).max(40),
  }),
});

export const BookRowSchema = z.object({
  code: required(60),
  procedureName: required(500),
  setCount: z.number().int().min(1).max(999),
  applicantName: required(200),
  /** Địa chỉ, số điện thoại. */
  applicantContact: optional(400),
  /** Cơ quan chủ trì giải quyết. */
  handlingAgency: optional(300),
  receivedAt: LocalDateOrDateTimeSchema,
  dueAt: LocalDateOrDateTimeSchema,
  transferredAt: LocalDateOrDateTimeSchema.optional(),
  resultReceivedAt: LocalDateOrDateTimeSchema.optional(),
  returnedAt: LocalDateOrDateTimeSchema.optional(),
  note: optional(500),
});
export type BookRow = z.output<typeof BookRowSchema>;

export const Form07DataSchema = z
  .object({
    unit: FormUnitSchema,
    book: z.object({
      number: z.union([z.string(), z.number()]).transform(String).default(''),
      from: LocalDateSchema,
      to: LocalDateSchema,
      /** Date printed in the header; defaults to `to`. */
      printedOn: LocalDateSchema.optional(),
      rows: z.array(BookRowSchema).max(5000),
    }),
  })
  .refine((d) => d.book.from <= d.book.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['book', 'to'] });

export const FORM_DATA_SCHEMAS = {
  '01': Form01DataSchema,
  '02': Form02DataSchema,
  '03': Form03DataSchema,
  '04': Form04DataSchema,
  '05': Form05DataSchema,
  '06': Form06DataSchema,
  '07': Form07DataSchema,
} as const;

/** What the caller passes for each form (before defaults are applied). */
export type FormInput<K extends FormKind> = z.input<(typeof FORM_DATA_SCHEMAS)[K]>;
/** The validated, defaulted, NFC-normalised data a form is drawn from. */
export type FormData<K extends FormKind> = z.output<(typeof FORM_DATA_SCHEMAS)[K]>;

export const PAPERS = ['A4', 'A5'] as const;
export type Paper = (typeof PAPERS)[number];

export const RenderOptionsSchema = z.object({
  paper: z.enum(PAPERS).default('A4'),
  /** Folder holding layout.json and mau-0N.json; defaults to assets/forms. */
  templateDir: z.string().min(1).optional(),
});
export type RenderOptions = z.input<typeof RenderOptionsSchema>;
