/**
 * Looking inside an XLSX (a zip) before anything is inflated: the central directory at the end of
 * the file says, for every part, how big it claims to be uncompressed. A bomb (5M rows in 1.6 MB, a
 * 2 GB sheet) is refused from those numbers in microseconds. A part that lies about its size is
 * caught when it is inflated, because inflating stops at the limit instead of at the end of the data.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { ImportLimits } from './import-limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

const damaged = () => new AppError('invalid_input', vi.imports.xlsxDamaged);

/** The entries of the zip's central directory (throws invalid_input when there is none to read). */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  // The end record is in the last 64 KB + 22 bytes (its comment is at most 65535 bytes).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  // 0xffff / 0xffffffff mean zip64: no spreadsheet a commune makes needs it; a bomb might.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || offset + size > eocd) throw damaged();
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CEN) throw damaged();
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) throw damaged();
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuse the file from its directory alone: sizes, compression ratio, encryption. */
export function checkZipDirectory(entries: ZipEntry[], limits: ImportLimits): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw new AppError('invalid_input', vi.imports.xlsxEncrypted);
    total += e.uncompressedSize;
    if (e.uncompressedSize > limits.xlsxEntryBytes) {
      throw new AppError('invalid_input', vi.imports.xlsxTooLarge(e.uncompressedSize, limits.xlsxEntryBytes), { details: { part: e.name, bytes: e.uncompressedSize } });
    }
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.xlsxMaxRatio * Math.max(1, e.compressedSize)) {
      throw new AppError('invalid_input', vi.imports.xlsxRatio, { details: { part: e.name, bytes: e.uncompressedSize, compressed: e.compressedSize } });
    }
  }
  if (total > limits.xlsxTotalBytes) throw new AppError('invalid_input', vi.imports.xlsxTooLarge(total, limits.xlsxTotalBytes), { details: { bytes: total } });
}

/**
 * Inflate one part, never beyond `maxBytes` whatever its header claims. The local header is read
 * for where the data starts (its name and extra field lengths may differ from the directory's).
 */
export function inflateEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOC) throw damaged();
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new AppError('invalid_input', vi.imports.xlsxTooLarge(data.length, maxBytes));
    return data;
  }
  if (entry.method !== 8) throw damaged();
  const limit = Math.min(maxBytes, Math.max(entry.uncompressedSize, 0));
  let out: Buffer;
  try {
    // One byte more than claimed: a part that inflates past its own claim (or the limit) is refused.
    out = inflateRawSync(data, { maxOutputLength: limit + 1 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') liar(entry, maxBytes);
    throw damaged();
  }
  if (out.length > limit) liar(entry, maxBytes);
  return out;
}

function liar(entry: ZipEntry, maxBytes: number): never {
  throw new AppError('invalid_input', vi.imports.xlsxRatio, { details: { part: entry.name, claimed: entry.uncompressedSize, limit: maxBytes } });
}
