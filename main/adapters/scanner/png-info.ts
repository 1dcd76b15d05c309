const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk; null if the bytes are not a PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || PNG_SIG.some((v, i) => b[i] !== v)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A PNG is complete when it ends with the IEND chunk (a page still being written does not). */
export function pngComplete(b: Uint8Array): boolean {
  if (!pngSize(b) || b.length < 12) return false;
  const n = b.length;
  // ... 00 00 00 00 'I' 'E' 'N' 'D' AE 42 60 82
  return b[n - 8] === 0x49 && b[n - 7] === 0x45 && b[n - 6] === 0x4e && b[n - 5] === 0x44;
}
