import { z } from 'zod';

/** The recovery code as typed: groups of four, dashes or spaces optional (checked by the core). */
export const RecoveryCodeInputSchema = z.string().trim().min(20).max(60);

/** Whether the office has a recovery code, and whether this desk holds the keys derived from it. */
export const TrustStatusSchema = z.strictObject({
  /** The office has a recovery code: the audit chain is sealed and backups are encrypted. */
  keyed: z.boolean(),
  /** This desk holds the office key (it set the office up, or joined with the code). */
  deskHasKey: z.boolean(),
  officeId: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** Where this desk keeps the keys (never inside the data folder). */
  keyStore: z.string(),
  /** Vietnamese sentence for the admin when something is to be done (no code yet, desk not joined). */
  advice: z.string().nullable(),
});
export type TrustStatus = z.infer<typeof TrustStatusSchema>;

export const CreatedRecoveryCodeSchema = z.strictObject({
  /** Shown ONCE; print the recovery sheet now. */
  recoveryCode: z.string(),
  officeId: z.string(),
  createdAt: z.string(),
});

export const AuditVerifyInputSchema = z.strictObject({
  /** A printed "Mã kiểm tra sổ" (1234-9F3A-1B2C-7D8E-0A1B) or the path of a backup file whose manifest holds the head. */
  against: z.string().trim().min(1).max(1000).optional(),
  /** The recovery code, to read the manifest of a backup made on another PC. */
  recoveryCode: RecoveryCodeInputSchema.optional(),
});

export const AuditReportSchema = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  keyed: z.boolean(),
  keyedFrom: z.number().int().nullable(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
  rowsChecked: z.number().int().nonnegative(),
  rowProblems: z.array(z.strictObject({ table: z.string(), id: z.string(), change: z.enum(['edited', 'added', 'deleted']) })),
  rowProblemCount: z.number().int().nonnegative(),
  head: z.strictObject({ seq: z.number().int(), hash: z.string(), code: z.string() }),
  against: z.strictObject({ seq: z.number().int(), ok: z.boolean(), reason: z.enum(['missing', 'different']).nullable(), source: z.string() }).nullable(),
  /** Every finding in Vietnamese, for the screen and the CLI. */
  messages: z.array(z.string()),
});
export type AuditReportOut = z.infer<typeof AuditReportSchema>;
