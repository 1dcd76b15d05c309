import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL, LEADERS } from './access';
import { noInput, requiredText } from './common.schema';
import { SignatureRecordSchema, SignatureSettingsSchema, SignScansResultSchema, SignScansSchema } from './signatures.schema';

/** Digital signatures (chữ ký số): which token the desk signs with, signing stored PDFs, the record of it. */
export const signaturesChannels = {
  'signatures.settings': {
    access: LEADERS,
    summary: 'The signing token the admin chose (PKCS#11 library, slot, certificate id); null when none. Never a PIN.',
    input: noInput,
    output: SignatureSettingsSchema,
  },
  'signatures.configure': {
    access: ADMINS,
    summary: 'Choose the signing token (PKCS#11 library, slot, certificate id), or null to remove it; audited.',
    input: SignatureSettingsSchema,
    output: SignatureSettingsSchema,
  },
  'signatures.sign': {
    access: LEADERS,
    summary: 'Sign stored PDFs (results, electronic copies) with the token under one PIN: PAdES B-B as a new revision; the unsigned scan is detached, the signed one takes its place; timeline + audit per document.',
    input: SignScansSchema,
    output: SignScansResultSchema,
  },
  'signatures.list': {
    access: ALL,
    summary: "The signatures made at the desk on a dossier's documents, oldest first.",
    input: z.strictObject({ dossierCode: requiredText(40) }),
    output: z.array(SignatureRecordSchema),
  },
} as const satisfies Record<string, ChannelDef>;
