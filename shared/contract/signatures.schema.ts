import { z } from 'zod';
import { isoInstant, optionalText, requiredText } from './common.schema';

/** Schemas of the digital-signature channels (issue 17): token settings, signing stored PDFs, verifying. */

export const TokenChoiceSchema = z.strictObject({
  /** Path of the PKCS#11 library the CA's driver installed. */
  library: requiredText(400),
  slot: z.number().int().min(0).max(63),
  /** Hex CKA_ID of the chosen certificate; the first with a private key when absent. */
  keyId: z.string().regex(/^[0-9a-fA-F]{1,128}$/).optional(),
});
export type TokenChoiceInput = z.output<typeof TokenChoiceSchema>;

export const SignatureSettingsSchema = z.strictObject({
  token: TokenChoiceSchema.nullable(),
});

/** A PIN crosses once, for one token session; it is never stored or logged. */
export const pinSchema = z.string().min(1).max(64);

export const SignScansSchema = z.strictObject({
  /** dossier_scans ids (the stored result / electronic copy); one token session signs them all. */
  scanIds: z.array(z.string().min(1).max(80)).min(1).max(200),
  pin: pinSchema,
  reason: optionalText(200),
});

export const SignatureRecordSchema = z.strictObject({
  id: z.string(),
  scanId: z.string().nullable(),
  sourceFileId: z.string(),
  fileId: z.string(),
  signer: z.string(),
  organisation: z.string(),
  certificateSerial: z.string(),
  certificateSha256: z.string(),
  signedAt: isoInstant,
  timeSource: z.enum(['pc', 'tsa']),
  reason: z.string(),
  visible: z.boolean(),
  signedBy: z.string(),
});
export type SignatureRecord = z.output<typeof SignatureRecordSchema>;

export const SignScansResultSchema = z.strictObject({
  signed: z.array(SignatureRecordSchema),
});
