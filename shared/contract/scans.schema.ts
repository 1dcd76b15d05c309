import { z } from 'zod';
import { optionalText, requiredText } from './common.schema';

/**
 * Digitization ("số hóa") shapes: scanning into a pending batch the clerk arranges (rotate, reorder,
 * delete, drop blank pages), then attaching it as ONE PDF per dossier component or as the result.
 */

/** Largest imported file. JSON carries it as base64 (4/3 larger), so the host lets this channel's body be bigger. */
export const SCAN_IMPORT_MAX_BYTES = 30 * 1024 * 1024;
/** Body limit the HTTP host applies to `scans.import` (base64 of the largest file plus the other fields). */
export const SCAN_IMPORT_MAX_BODY = Math.ceil((SCAN_IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;

export const scanImportTooLarge = (mb: number) =>
  `Tệp quá lớn (${mb.toLocaleString('vi-VN')} MB). Chỉ nhận tệp đến ${SCAN_IMPORT_MAX_BYTES / 1024 / 1024} MB; hãy quét lại ở 200 dpi hoặc tách tệp thành nhiều phần.`;

/** Scan profiles per kind of paper (same keys as main/core/digitize/profiles.ts). */
export const SCAN_PROFILES = ['sealed', 'plain_text', 'small_print', 'photo_id', 'text_bw'] as const;
export type ScanProfileKind = (typeof SCAN_PROFILES)[number];
export const SCAN_PROFILE_LABELS: Readonly<Record<ScanProfileKind, string>> = {
  sealed: 'Giấy tờ có con dấu, chữ ký (màu, 200 dpi)',
  plain_text: 'Văn bản thường (xám, 200 dpi)',
  small_print: 'Chữ nhỏ, bản mờ (xám, 300 dpi)',
  photo_id: 'Giấy tờ tùy thân, ảnh (màu, 300 dpi)',
  text_bw: 'Văn bản đen trắng, nhẹ (200 dpi)',
};

export const colourModeSchema = z.enum(['color', 'gray', 'bw']);
export const scanSourceSchema = z.enum(['flatbed', 'adf', 'adf-duplex']);
export const scanProfileSchema = z.enum(SCAN_PROFILES, { error: 'Chưa chọn loại giấy tờ (cấu hình quét).' });

/** A dossier component by its position (0-based, as in the checklist), or the dossier's result document. */
export const componentRefSchema = z.union([z.number().int().min(0).max(199), z.literal('result')]);
export type ComponentRef = z.output<typeof componentRefSchema>;

const dossierCode = requiredText(40);
const id = z.string().min(1).max(80);

/** A scanner as the driver reports it, plus `label`: the name the clerk reads (shared/domain/scanner-names.ts). */
export const ScannerDeviceSchema = z.strictObject({ id: z.string(), vendor: z.string(), model: z.string(), type: z.string(), label: z.string() });

export const ScanProfileInfoSchema = z.strictObject({
  kind: scanProfileSchema,
  label: z.string(),
  dpi: z.number().int(),
  mode: colourModeSchema,
});

export const ScanPageSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** 'pdf' = an imported PDF kept whole (its pages are not re-encoded). */
  kind: z.enum(['image', 'pdf']),
  pageCount: z.number().int().positive(),
  widthPx: z.number().int().nonnegative(),
  heightPx: z.number().int().nonnegative(),
  dpi: z.number().int().nonnegative().nullable(),
  /** Clockwise quarter turns the clerk asked for, applied when attaching. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Looks blank (ink below 0.01 % of the page): the clerk confirms before it is dropped. */
  blank: z.boolean(),
  inkRatio: z.number(),
  /** Id of a small PNG served at /files/<id> (null for PDFs). */
  thumbId: z.string().nullable(),
});
export type ScanPage = z.output<typeof ScanPageSchema>;

export const ScanJobSchema = z.strictObject({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** Why it stopped (Vietnamese), when it failed or was cancelled. */
  error: z.string().nullable(),
});
export type ScanJob = z.output<typeof ScanJobSchema>;

export const ScanBatchSchema = z.strictObject({
  id: z.string(),
  dossierCode: z.string(),
  component: componentRefSchema,
  componentName: z.string(),
  profile: scanProfileSchema,
  dpi: z.number().int(),
  mode: colourModeSchema,
  pages: z.array(ScanPageSchema),
  /** The last scan into this batch (null for imports only). */
  job: ScanJobSchema.nullable(),
  warnings: z.array(z.string()),
});
export type ScanBatch = z.output<typeof ScanBatchSchema>;

export const DossierScanSchema = z.strictObject({
  id: z.string(),
  dossierCode: z.string(),
  component: componentRefSchema,
  componentName: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  pageCount: z.number().int(),
  dpi: z.number().int().nullable(),
  mode: colourModeSchema.nullable(),
  sha256: z.string(),
  bytes: z.number().int(),
  /** QĐ 766 flags: digitized at the desk; reused from an earlier result; taken from the national store (DuocLayTuKhoDMQG). */
  digitized: z.boolean(),
  reused: z.boolean(),
  fromNationalStore: z.boolean(),
  source: z.enum(['scanner', 'import', 'folder', 'mixed']),
  warnings: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  detachedAt: z.string().nullable(),
  detachedBy: z.string().nullable(),
  detachReason: z.string().nullable(),
});
export type DossierScan = z.output<typeof DossierScanSchema>;

const target = {
  dossierCode,
  component: componentRefSchema,
  profile: scanProfileSchema,
  /** Add to an existing batch (several flatbed scans, or a scan plus a file). */
  batchId: id.optional(),
};

export const ScanStartSchema = z.strictObject({
  ...target,
  device: z.string().min(1, { error: 'Chưa chọn máy quét.' }).max(300),
  source: scanSourceSchema.default('flatbed'),
  /** Override the profile's dpi / mode (the app warns below 200 dpi). */
  dpi: z.number().int().min(50).max(1200).optional(),
  mode: colourModeSchema.optional(),
  /** ADF: stop after this many pages; unset = until the feeder is empty. */
  pages: z.number().int().min(1).max(500).optional(),
});

export const ScanImportSchema = z.strictObject({
  ...target,
  name: requiredText(255),
  /** The file's bytes, base64. */
  dataBase64: z.string().max(Math.ceil((SCAN_IMPORT_MAX_BYTES * 4) / 3) + 4, { error: scanImportTooLarge(Math.round(SCAN_IMPORT_MAX_BYTES / 1024 / 1024) + 1) }),
});

export const ScanArrangeSchema = z.strictObject({
  batchId: id,
  /** The pages to keep, in order; pages left out are deleted. */
  pages: z.array(z.strictObject({ id, rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0) })).max(500),
});

export const ScanAttachSchema = z.strictObject({
  batchId: id,
  /** Replace the component's current scan (the old one is detached, kept for the record). */
  replace: z.boolean().default(false),
  digitized: z.boolean().default(true),
  reused: z.boolean().default(false),
  fromNationalStore: z.boolean().default(false),
});

export const ScanAttachResultSchema = z.strictObject({ scan: DossierScanSchema, warnings: z.array(z.string()) });

export const ScanDetachSchema = z.strictObject({ scanId: id, reason: requiredText(300) });

export const ScanSettingsSchema = z.strictObject({
  /** Which driver the desk uses: SANE (Linux/macOS), WIA (Windows), or none. Applied at the next start. */
  backend: z.enum(['sane', 'wia', 'none']),
  /** Folder a network scanner drops files into (scan-to-folder); empty = off. */
  folder: optionalText(500),
});
export type ScanSettings = z.output<typeof ScanSettingsSchema>;

export const ScanSettingsViewSchema = z.strictObject({
  settings: ScanSettingsSchema,
  /** The backend actually in use now (the env or a restart may differ from the setting). */
  activeBackend: z.string(),
  folderWatching: z.boolean(),
  folderError: z.string().nullable(),
});

export const InboxFileSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['pdf', 'png', 'jpeg', 'tiff']),
  bytes: z.number().int(),
  arrivedAt: z.string(),
});
export type InboxFile = z.output<typeof InboxFileSchema>;

export const InboxTakeSchema = z.strictObject({ inboxId: id, ...target });
