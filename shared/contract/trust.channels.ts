import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { noInput } from './common.schema';
import { z } from 'zod';
import { AuditReportSchema, AuditVerifyInputSchema, CreatedRecoveryCodeSchema, RecoveryCodeInputSchema, TrustStatusSchema } from './trust.schema';

/**
 * The recovery code, the office key and the keyed audit chain (issue 15 items 2–3). The code is
 * shown once (set-up, or `trust.createCode` for an office set up before codes existed); a desk
 * joining the office types it (`trust.join`); `audit.verify` checks the chain and the rows.
 */
export const trustChannels = {
  'trust.status': {
    access: ALL,
    summary: 'Whether the office has a recovery code (chain keyed, backups encrypted) and whether this desk holds the key.',
    input: noInput,
    output: TrustStatusSchema,
  },
  'trust.createCode': {
    access: ADMINS,
    summary: 'Office without a recovery code: create it (shown once), keep the keys outside the database, seal the chain.',
    input: noInput,
    output: CreatedRecoveryCodeSchema,
  },
  'trust.join': {
    access: ADMINS,
    summary: 'A desk without the office key types the recovery code; checked against the verifier, the key is kept here.',
    input: z.strictObject({ recoveryCode: RecoveryCodeInputSchema }),
    output: TrustStatusSchema,
  },
  'audit.verify': {
    access: ADMINS,
    summary: 'Check the audit chain, its seal, every business row against its latest entry, and optionally an anchor (printed code or backup).',
    input: AuditVerifyInputSchema,
    output: AuditReportSchema,
  },
} as const satisfies Record<string, ChannelDef>;
