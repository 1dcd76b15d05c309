/** Number formatting the Vietnamese way, whatever locale the machine runs. */

/** 12345 → "12.345". */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
