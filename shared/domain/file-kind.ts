/** What a file really is, from its bytes (never its extension), and whether its name is safe to keep. */
import { AppError } from '../errors';
import { digitizeVi } from '../i18n/vi/digitize';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'tiff';

/**
 * The type by content, never by extension: a renamed .exe or .docx must not reach the decoder.
 * PDF readers accept the header anywhere in the first 1 KB, so do we (some scanners prepend junk).
 */
export function sniffKind(bytes: Uint8Array): FileKind | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'png';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) {
    return 'tiff';
  }
  if (pdfHeaderOffset(b) >= 0) return 'pdf';
  return null;
}

export function pdfHeaderOffset(b: Uint8Array): number {
  const end = Math.min(b.length - 5, 1024);
  for (let i = 0; i <= end; i++) {
    if (b[i] === 0x25 && b[i + 1] === 0x50 && b[i + 2] === 0x44 && b[i + 3] === 0x46 && b[i + 4] === 0x2d) return i;
  }
  return -1;
}

/**
 * A display name from the outside (drag-and-drop, folder, HTTP upload). It is only ever shown and
 * stored as a label, but a name that tries to climb directories is a sign of a crafted upload, so it
 * is refused rather than quietly cleaned.
 */
export function checkFileName(name: string): string {
  const n = name.normalize('NFC');
  // eslint-disable-next-line no-control-regex
  const bad = n.length === 0 || n.length > 255 || /[\u0000-\u001f\u007f]/.test(n) || /[/\\]/.test(n) || n === '.' || n === '..' || /^[a-zA-Z]:/.test(n);
  if (bad) throw new AppError('invalid_input', digitizeVi.badFileName, { issues: [{ path: 'fileName', message: digitizeVi.badFileName }] });
  return n;
}

/** Refuses what the pipeline cannot take, with the message the clerk sees. */
export function requireKind(bytes: Uint8Array, name: string): FileKind {
  if (bytes.length === 0) throw new AppError('invalid_input', digitizeVi.emptyFile(name));
  const kind = sniffKind(bytes);
  if (!kind) throw new AppError('invalid_input', digitizeVi.unsupportedType(name));
  return kind;
}
