import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ALL, CITIZEN } from './access';
import { noInput, optionalText, requiredText } from './common.schema';
import { CriterionRatingSchema, RATING_CRITERIA, RATINGS } from './tracking.schema';
import { vi } from '../i18n/vi';

/**
 * The citizen's own rating screen (issue 14 item 8). The clerk opens it for one returned dossier with
 * `citizen.open`, which issues a narrow pass; the screen (a second browser tab or Electron window)
 * holds only that pass, which reaches `citizen.dossier` and `citizen.rate` and nothing else. The pass
 * names its dossier, so the rating carries no code: a citizen cannot rate another dossier.
 */
export const CitizenPassSchema = z.strictObject({
  /** The pass itself (browser mode puts it in the new tab's fragment; the Electron shell keeps it in the main process). */
  token: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type CitizenPass = z.output<typeof CitizenPassSchema>;

export const CitizenDossierSchema = z.strictObject({
  code: z.string(),
  procedureName: z.string(),
  /** The applicant's name only: the citizen is looking at their own dossier, and the screen faces the room. */
  applicantName: z.string(),
  expiresAt: z.string(),
});

export const CitizenRateSchema = z.strictObject({
  rating: z.enum(RATINGS, { error: vi.tracking.ratingRequired }),
  criteria: z.array(CriterionRatingSchema).max(RATING_CRITERIA.length).default([]),
  comment: optionalText(1000),
});

export const citizenChannels = {
  'citizen.open': {
    access: ALL,
    summary: 'Issue a short-lived citizen pass for one returned, not yet rated dossier (its rating screen); a new pass ends the older ones of the dossier.',
    input: z.strictObject({ code: requiredText(120) }),
    output: CitizenPassSchema,
  },
  'citizen.dossier': {
    access: CITIZEN,
    summary: 'Citizen pass only: the dossier the pass was issued for (code, procedure, applicant name).',
    input: noInput,
    output: CitizenDossierSchema,
  },
  'citizen.rate': {
    access: CITIZEN,
    summary: 'Citizen pass only: rate the pass’s dossier (source citizen); the pass ends with it.',
    input: CitizenRateSchema,
    output: z.strictObject({ code: z.string(), ratingLabel: z.string() }),
  },
} as const satisfies Record<string, ChannelDef>;
