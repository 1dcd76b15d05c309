import { z } from 'zod';
import { vi } from '../i18n/vi';
import { optionalText, requiredStrictText } from './common.schema';

/**
 * The admin's list of where dossiers are handed over to (issue 14 item 13): each entry is one
 * officer in one department (bộ phận / cơ quan). The hand-over dialog picks from it.
 */
export const RecipientSchema = z.strictObject({
  id: z.string(),
  department: z.string(),
  fullName: z.string(),
  /** Chức vụ, e.g. "Công chức Tư pháp - Hộ tịch"; '' when not given. */
  position: z.string(),
  active: z.boolean(),
});
export type Recipient = z.output<typeof RecipientSchema>;

export const RecipientListInputSchema = z.strictObject({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false });

export const RecipientSaveSchema = z.strictObject({
  /** Omitted = a new entry. */
  id: z.string().min(1).max(64).optional(),
  department: requiredStrictText(300, vi.fields.department),
  fullName: requiredStrictText(120, vi.fields.recipientName),
  position: optionalText(200),
  /** false = no longer offered for new hand-overs (old steps keep the name). */
  active: z.boolean().default(true),
});
