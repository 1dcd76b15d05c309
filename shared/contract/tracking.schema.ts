import { z } from 'zod';
import { vi } from '../i18n/vi';
import { optionalStrictText, optionalText, requiredText } from './common.schema';
import { AppointmentSchema, localDateTime } from './intake.schema';

/**
 * Tracking a dossier from intake to return (issue "Tracking to return"): transitions, hand-overs
 * (Mẫu 06), extensions (Mẫu 04), return to the collector, the citizen's rating, the deadlines board
 * and the history screen.
 */

/** The dossier version the clerk's screen shows; a save based on an older one is refused as a conflict. */
const version = z.number().int().min(1).optional();
const code = requiredText(120);

export const RATINGS = ['rat_hai_long', 'hai_long', 'khong_hai_long'] as const;
export type Rating = (typeof RATINGS)[number];

/** The 9 criteria of the Circular 01/2018 scoring sheet (DOMAIN.md §7), as ids; labels live in vi.tracking. */
export const RATING_CRITERIA = [
  'tong_thoi_gian',
  'thoi_gian_tung_co_quan',
  'so_lan_lien_he',
  'so_co_quan',
  'to_chuc_mot_cua',
  'cong_khai',
  'thai_do',
  'tiep_thu_phan_anh',
  'dich_vu_truc_tuyen',
] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export const TRACKING_ACTIONS = ['handOver', 'requestSupplement', 'supplySupplement', 'resultReady', 'return', 'refuse', 'stop', 'withdraw', 'extend', 'rate'] as const;
export type TrackingAction = (typeof TRACKING_ACTIONS)[number];

export const TIMELINESS = ['early', 'on_time', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const HandOverSchema = z
  .strictObject({
  code,
  version,
  /** e.g. "Thẩm định hồ sơ", "Trình ký". */
  stepName: requiredText(200),
  /**
   * The entry of the admin's recipients list (recipients.list) the dossier goes to: its department and
   * name become `agency` and `receiver`. Without it both must be typed (a desk with no list yet, the CLI).
   */
  recipientId: z.string().min(1).max(64).optional(),
  /** Agency or section receiving the dossier (tên cơ quan / bộ phận); taken from the list when `recipientId` is given. */
  agency: optionalText(300),
  /** Ignored when a signed-in officer calls: the giver is that officer (issue 14 item 13); the CLI may name one. */
  giver: optionalText(120),
  receiver: optionalText(120),
  /** Working days the step may take (0 = within the day); omitted when the procedure sets none. */
  allowedDays: z.number().int().min(0).max(365).optional(),
  /**
   * When the dossier was handed over, if not now (Vietnam local): entered after the fact, this is the time
   * printed as "Giao" on Mẫu 06 and the time the previous step finished. Defaults to `receivedAt`, then now.
   */
  givenAt: localDateTime.optional(),
  /** When the receiver took it, if not at the hand-over (Vietnam local); defaults to `givenAt`. */
  receivedAt: localDateTime.optional(),
  note: optionalText(1000),
  })
  .superRefine((h, ctx) => {
    if (h.recipientId) return;
    if (h.agency === '') ctx.addIssue({ code: 'custom', path: ['agency'], message: vi.handover.agencyRequired });
    if (h.receiver === '') ctx.addIssue({ code: 'custom', path: ['receiver'], message: vi.handover.receiverRequired });
  });

export const SupplementRequestSchema = z.strictObject({
  code,
  version,
  missing: z.array(requiredText(500)).max(50).default([]),
  reason: requiredText(1000),
  note: optionalText(1000),
});

export const SimpleTransitionSchema = z.strictObject({ code, version, note: optionalText(1000) });

export const ResultReadySchema = z.strictObject({
  code,
  version,
  /** The result also exists as an electronic document (QĐ 766 indicator 4.1). */
  hasElectronicResult: z.boolean().default(false),
  note: optionalText(1000),
});

export const CloseSchema = z.strictObject({
  code,
  version,
  reason: requiredText(1000),
  /** Who signs the notice (Mẫu 05 for a stop). */
  signer: optionalText(200),
  note: optionalText(1000),
});

export const CollectorSchema = z
  .strictObject({
    isApplicant: z.boolean(),
    fullName: optionalStrictText(150, vi.fields.collectorName),
    idNumber: optionalStrictText(30, vi.fields.collectorId),
    relation: optionalText(120),
    /** Someone else collects: the authorisation paper (giấy ủy quyền: number, date, who certified it). */
    authorisation: optionalText(300),
  })
  .superRefine((c, ctx) => {
    if (!c.isApplicant) {
      if (c.fullName === '') ctx.addIssue({ code: 'custom', path: ['fullName'], message: vi.tracking.collectorNameRequired });
      if (c.idNumber === '') ctx.addIssue({ code: 'custom', path: ['idNumber'], message: vi.tracking.collectorIdRequired });
      if (c.relation === '') ctx.addIssue({ code: 'custom', path: ['relation'], message: vi.tracking.collectorRelationRequired });
      if (c.authorisation === '') ctx.addIssue({ code: 'custom', path: ['authorisation'], message: vi.collect.authorisationRequired });
    }
  });

export const CriterionRatingSchema = z.strictObject({ criterion: z.enum(RATING_CRITERIA), rating: z.enum(RATINGS) });
export type CriterionRating = z.output<typeof CriterionRatingSchema>;

export const RateSchema = z.strictObject({
  code,
  rating: z.enum(RATINGS, { error: vi.tracking.ratingRequired }),
  criteria: z.array(CriterionRatingSchema).max(RATING_CRITERIA.length).default([]),
  comment: optionalText(1000),
  source: z.enum(['desk', 'citizen']).default('desk'),
});

export const ReturnSchema = z.strictObject({
  code,
  version,
  collector: CollectorSchema,
  /** The clerk confirms the fee was collected; required when the dossier has a fee (refused otherwise). */
  feeCollected: z.boolean().default(false),
  note: optionalText(1000),
});

export const ExtendSchema = z.strictObject({
  code,
  version,
  newDue: localDateTime,
  reason: requiredText(2000),
  /** Head of the agency who signs Mẫu 04. */
  signer: optionalText(200),
  /** The deadline has passed: the letter should have gone out before it (DOMAIN.md §1.4); record it anyway. */
  lateAcknowledged: z.boolean().default(false),
});

export const HandoverOutSchema = z.strictObject({
  position: z.number(),
  stepName: z.string(),
  agency: z.string(),
  giver: z.string(),
  receiver: z.string(),
  givenLocal: z.string(),
  receivedLocal: z.string(),
  allowedDays: z.number().nullable(),
  dueLocal: z.string().nullable(),
  finishedLocal: z.string().nullable(),
  pausedMinutes: z.number(),
  /** 'Trước hạn' | 'Đúng hạn' | 'Quá hạn', '' while open or without an allowed time. */
  result: z.string(),
  note: z.string(),
});

/** A row of Mẫu 06 in the shape the documents module prints (ControlRowSchema). */
export const ControlRowOutSchema = z.strictObject({
  agency: z.string(),
  givenAt: z.string().optional(),
  receivedAt: z.string().optional(),
  giver: z.string(),
  receiver: z.string(),
  result: z.enum(['Trước hạn', 'Đúng hạn', 'Quá hạn', '']),
  note: z.string(),
});

export const CollectorOutSchema = z.strictObject({
  isApplicant: z.boolean(),
  fullName: z.string(),
  idNumber: z.string(),
  relation: z.string(),
  /** The authorisation paper of someone other than the applicant ('' for the applicant). */
  authorisation: z.string(),
  officer: z.string(),
  /** The officer's full name (officer is the sign-in name). */
  officerName: z.string(),
  returnedLocal: z.string(),
  /** Fee due at return (đồng) and whether its collection was confirmed (null: returned before this was asked). */
  feeAmount: z.number(),
  feeCollected: z.boolean().nullable(),
});

export const RatingOutSchema = z.strictObject({
  rating: z.enum(RATINGS),
  ratingLabel: z.string(),
  criteria: z.array(CriterionRatingSchema),
  comment: z.string(),
  source: z.string(),
  atLocal: z.string(),
});

export const TrackingSchema = z.strictObject({
  code: z.string(),
  version: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  procedureName: z.string(),
  procedureCode: z.string(),
  field: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  applicantPhone: z.string(),
  /** The fee of the dossier (đồng), 0 when the procedure is free: the return asks to confirm it was collected. */
  feeAmount: z.number(),
  receivedLocal: z.string(),
  dueLocal: z.string(),
  /** The appointment with the time waited for supplements added (QĐ 766), on a working day. */
  effectiveDueLocal: z.string(),
  resultLocal: z.string().nullable(),
  returnedLocal: z.string().nullable(),
  closedLocal: z.string().nullable(),
  supplementCount: z.number(),
  pausedMinutes: z.number(),
  pausedSinceLocal: z.string().nullable(),
  hasElectronicResult: z.boolean(),
  /** Once resolved: early / on time / late (a second supplement request counts late). */
  timeliness: z.enum(TIMELINESS).nullable(),
  timelinessLabel: z.string().nullable(),
  /** While open: the effective appointment has passed. */
  overdue: z.boolean(),
  /** What the clerk may do now, in the order the screen shows them. */
  actions: z.array(z.enum(TRACKING_ACTIONS)),
  handovers: z.array(HandoverOutSchema),
  controlRows: z.array(ControlRowOutSchema),
  appointments: z.array(AppointmentSchema),
  collector: CollectorOutSchema.nullable(),
  rating: RatingOutSchema.nullable(),
});
export type Tracking = z.output<typeof TrackingSchema>;

export const BoardItemSchema = z.strictObject({
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string(),
  effectiveDueLocal: z.string(),
  supplementCount: z.number(),
  pausedSinceLocal: z.string().nullable(),
  resultLocal: z.string().nullable(),
  /** An apology / extension letter (Mẫu 04) can still be made before the deadline. */
  canExtend: z.boolean(),
});
export type BoardItem = z.output<typeof BoardItemSchema>;

export const BOARD_BUCKETS = ['receivedToday', 'dueToday', 'dueNextWorkingDay', 'overdue', 'waitingSupplement', 'resultReady'] as const;
export type BoardBucket = (typeof BOARD_BUCKETS)[number];

export const BoardSchema = z.strictObject({
  today: z.string(),
  nowLocal: z.string(),
  nextWorkingDay: z.string(),
  counts: z.strictObject({
    receivedToday: z.number(),
    dueToday: z.number(),
    dueNextWorkingDay: z.number(),
    overdue: z.number(),
    waitingSupplement: z.number(),
    resultReady: z.number(),
  }),
  lists: z.strictObject({
    receivedToday: z.array(BoardItemSchema),
    dueToday: z.array(BoardItemSchema),
    dueNextWorkingDay: z.array(BoardItemSchema),
    overdue: z.array(BoardItemSchema),
    waitingSupplement: z.array(BoardItemSchema),
    resultReady: z.array(BoardItemSchema),
  }),
});
export type Board = z.output<typeof BoardSchema>;

export const HistoryEntrySchema = z.strictObject({
  at: z.string(),
  atLocal: z.string(),
  source: z.enum(['event', 'appointment', 'audit']),
  kind: z.string(),
  /** Vietnamese one-liner for the timeline. */
  title: z.string(),
  /** The user name stored with the entry (what the audit chain records). */
  actor: z.string(),
  /** The officer's full name as the timeline shows it ("Hồ Thị Lan", not "lan"). */
  actorName: z.string(),
  note: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

export const PendingRatingSchema = z
  .strictObject({ code: z.string(), procedureName: z.string(), applicantName: z.string(), returnedLocal: z.string() })
  .nullable();

export { localDateTime };
