import { z } from 'zod';
import { hasLoneSurrogate } from '../domain/input-guard';
import { findUnsafeChar, stripUnsafeChars } from '../domain/safe-text';
import { vi } from '../i18n/vi';

/**
 * Building blocks for every channel's schemas. Messages are Vietnamese because zod issues flow
 * straight to the field they belong to in the form.
 */

/** Free text tidied: white space collapsed, controls and invisible/bidi marks removed (shared/domain/safe-text.ts). */
function tidyFreeText(s: string): string {
  const spaced = s.replace(/\s+/g, ' ').trim();
  const stripped = stripUnsafeChars(spaced);
  return stripped === spaced ? spaced : stripped.replace(/\s+/g, ' ').trim();
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Half a character is refused everywhere (a store would silently turn it into U+FFFD). */
const wellFormed = z.string().refine((s) => !hasLoneSurrogate(s), { error: vi.validation.loneSurrogate });

/**
 * A required single-line free text (notes, reasons, titles): trimmed, inner spaces collapsed,
 * length-limited; control, invisible and bidi characters are removed (why: safe-text.ts).
 */
export const requiredText = (max: number) =>
  z
    .string({ error: vi.validation.expectedText })
    .pipe(wellFormed)
    .transform(tidyFreeText)
    .pipe(z.string().min(1, { error: vi.validation.required }).max(max, { error: vi.validation.tooLong(max) }));

/** An optional single-line free text: missing, null and blank all become "". */
export const optionalText = (max: number) =>
  z
    .string({ error: vi.validation.expectedText })
    .nullish()
    .transform((s) => s ?? '')
    .pipe(wellFormed)
    .transform(tidyFreeText)
    .pipe(z.string().max(max, { error: vi.validation.tooLong(max) }));

/** Refuse a control, invisible or bidi character with a message that names the field and the character. */
function refuseUnsafe(label: string) {
  return (s: string, ctx: z.RefinementCtx) => {
    const found = findUnsafeChar(s);
    if (found) ctx.addIssue({ code: 'custom', message: vi.validation.unsafeChar(label, found.code, found.kind) });
  };
}

/**
 * A name, ID number, address, code or path (what identifies a person or a thing, or is printed as
 * such): like requiredText, but a control, invisible or bidi character is refused, naming `label`.
 */
export const requiredStrictText = (max: number, label: string) =>
  z
    .string({ error: vi.validation.expectedText })
    .pipe(wellFormed)
    .transform(tidy)
    .pipe(z.string().min(1, { error: vi.validation.required }).max(max, { error: vi.validation.tooLong(max) }).superRefine(refuseUnsafe(label)));

/** Optional form of requiredStrictText: missing, null and blank all become "". */
export const optionalStrictText = (max: number, label: string) =>
  z
    .string({ error: vi.validation.expectedText })
    .nullish()
    .transform((s) => s ?? '')
    .pipe(wellFormed)
    .transform(tidy)
    .pipe(z.string().max(max, { error: vi.validation.tooLong(max) }).superRefine(refuseUnsafe(label)));

const UTF8 = new TextEncoder();

/**
 * A folder path typed or picked by an admin (backup folder, scan folder): no hidden characters
 * (a NUL cuts a path short in the OS), at most 1,000 characters and no part longer than the 255
 * bytes file systems allow, so the OS never answers with an error the desk would call "internal".
 */
export const folderPathText = (label: string) =>
  requiredStrictText(1000, label).superRefine((s, ctx) => {
    if (s.split(/[\\/]/).some((part) => UTF8.encode(part).length > 255)) ctx.addIssue({ code: 'custom', message: vi.validation.pathPartTooLong(label) });
  });

/** An empty input object, for channels that take no arguments. Unknown keys are refused. */
export const noInput = z.strictObject({}).default({});

/** ISO-8601 instant, as every timestamp crosses the contract. */
export const isoInstant = z.iso.datetime({ offset: true });
