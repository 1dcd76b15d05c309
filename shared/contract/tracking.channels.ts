import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ALL } from './access';
import { noInput, requiredText } from './common.schema';
import {
  BoardSchema,
  CloseSchema,
  ExtendSchema,
  HandOverSchema,
  HistoryEntrySchema,
  PendingRatingSchema,
  RateSchema,
  ResultReadySchema,
  ReturnSchema,
  SimpleTransitionSchema,
  SupplementRequestSchema,
  TrackingSchema,
} from './tracking.schema';

const byCode = z.strictObject({ code: requiredText(200) });

export const trackingChannels = {
  'tracking.get': {
    access: ALL,
    summary: 'A dossier as tracking shows it (status, effective deadline, hand-overs, valid actions); accepts a scanned code.',
    input: byCode,
    output: TrackingSchema,
  },
  'tracking.handOver': {
    access: ALL,
    summary: 'Hand the dossier to an officer or agency (a Mẫu 06 row); closes the previous step.',
    input: HandOverSchema,
    output: TrackingSchema,
  },
  'tracking.requestSupplement': {
    access: ALL,
    summary: 'Ask the applicant for a supplement: the clock pauses; a second request is marked (late in QĐ 766).',
    input: SupplementRequestSchema,
    output: TrackingSchema,
  },
  'tracking.supplySupplement': {
    access: ALL,
    summary: 'The applicant supplied the papers: the waited minutes are added to the pause, the clock runs again.',
    input: SimpleTransitionSchema,
    output: TrackingSchema,
  },
  'tracking.resultReady': {
    access: ALL,
    summary: 'The result is ready at the desk: the dossier counts as resolved (early / on time / late).',
    input: ResultReadySchema,
    output: TrackingSchema,
  },
  'tracking.return': {
    access: ALL,
    summary: 'Hand the result to the collector (the applicant, or someone else with ID and relation).',
    input: ReturnSchema,
    output: TrackingSchema,
  },
  'tracking.refuse': {
    access: ALL,
    summary: 'Refuse to resolve an open dossier, with the reason.',
    input: CloseSchema,
    output: TrackingSchema,
  },
  'tracking.stop': {
    access: ALL,
    summary: 'Stop resolving an open dossier (Mẫu 05), with the reason.',
    input: CloseSchema,
    output: TrackingSchema,
  },
  'tracking.withdraw': {
    access: ALL,
    summary: 'The applicant withdraws an open dossier.',
    input: CloseSchema,
    output: TrackingSchema,
  },
  'tracking.extend': {
    access: ALL,
    summary: 'Apology and new appointment (Mẫu 04): an extension row, the new due date; before the deadline.',
    input: ExtendSchema,
    output: TrackingSchema,
  },
  'tracking.rate': {
    access: ALL,
    summary: 'The citizen’s satisfaction with a returned dossier (3 levels, optional criteria); once per dossier.',
    input: RateSchema,
    output: TrackingSchema,
  },
  'tracking.pendingRating': {
    access: ALL,
    summary: 'The dossier just returned and not rated yet, for the citizen-facing screen.',
    input: noInput,
    output: PendingRatingSchema,
  },
  'board.today': {
    access: ALL,
    summary: 'Deadlines board: received today, due today, due next working day, overdue, waiting supplement, result ready.',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
    output: BoardSchema,
  },
  'dossiers.history': {
    access: ALL,
    summary: 'Timeline of a dossier: events, appointments and audit entries, oldest first.',
    input: byCode,
    output: z.array(HistoryEntrySchema),
  },
} as const satisfies Record<string, ChannelDef>;
