import { z } from 'zod';
import { vi } from '../i18n/vi';

/**
 * Building blocks for every channel's schemas. Messages are Vietnamese because zod issues flow
 * straight to the field they belong to in the form.
 */

/** A required single-line text: trimmed, inner spaces collapsed, length-limited. */
export const requiredText = (max: number) =>
  z
    .string({ error: vi.validation.expectedText })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: vi.validation.required }).max(max, { error: vi.validation.tooLong(max) }));

/** An optional single-line text: missing, null and blank all become "". */
export const optionalText = (max: number) =>
  z
    .string({ error: vi.validation.expectedText })
    .nullish()
    .transform((s) => (s ?? '').replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max, { error: vi.validation.tooLong(max) }));

/** An empty input object, for channels that take no arguments. Unknown keys are refused. */
export const noInput = z.strictObject({}).default({});

/** ISO-8601 instant, as every timestamp crosses the contract. */
export const isoInstant = z.iso.datetime({ offset: true });
