/**
 * Vietnamese date, time and money wording for printed forms.
 * Inputs are local wall-clock strings ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm'), so no time zone is involved.
 */

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

export function parseLocal(value: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`not a local date: ${value}`);
  const parts: Parts = { year: +m[1]!, month: +m[2]!, day: +m[3]! };
  if (m[4] !== undefined) {
    parts.hour = +m[4];
    parts.minute = +m[5]!;
  }
  return parts;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Decree 30/2020 (Phụ lục I): "days below 10 and months 1–2 get a leading zero" (DOMAIN.md §1.3).
 * So 05/3 prints "ngày 05 tháng 3" and 13/02 prints "ngày 13 tháng 02"; months 3–12 keep their plain number.
 */
export function decreeDay(day: number): string {
  return day < 10 ? pad2(day) : String(day);
}
export function decreeMonth(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

/** "ngày 13 tháng 02 năm 2026" */
export function dateInWords(value: string): string {
  const p = parseLocal(value);
  return `ngày ${decreeDay(p.day)} tháng ${decreeMonth(p.month)} năm ${p.year}`;
}

/** "<place>, ngày 13 tháng 02 năm 2026" — the Decree 30 place-and-date line. */
export function placeDateLine(place: string, value: string): string {
  return `${place}, ${dateInWords(value)}`;
}

/** "10 giờ 00 phút, ngày 13 tháng 02 năm 2026"; a date-only value gives just the date part. */
export function dateTimeInWords(value: string): string {
  const p = parseLocal(value);
  const date = dateInWords(value);
  if (p.hour === undefined) return date;
  return `${pad2(p.hour)} giờ ${pad2(p.minute ?? 0)} phút, ${date}`;
}

/** "13/02/2026" for table cells (the book), where a full sentence would not fit. */
export function shortDate(value: string): string {
  const p = parseLocal(value);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "10:00 13/02/2026" */
export function shortDateTime(value: string): string {
  const p = parseLocal(value);
  const d = shortDate(value);
  return p.hour === undefined ? d : `${pad2(p.hour)}:${pad2(p.minute ?? 0)} ${d}`;
}

/** 1250000 → "1.250.000" (Vietnamese thousands separator). */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function readTriple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (full || h > 0)) words.push('linh');
  } else if (t === 1) words.push('mười');
  else words.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t > 1) words.push('mốt');
    else if (u === 5 && t > 0) words.push('lăm');
    else if (u === 4 && t > 1) words.push('tư');
    else words.push(DIGITS[u]!);
  }
  return words.join(' ');
}

/** 14000 → "Mười bốn nghìn" (for "Bằng chữ" on money amounts). */
export function numberInWords(n: number): string {
  const value = Math.trunc(n);
  if (value === 0) return 'Không';
  const units = ['', 'nghìn', 'triệu', 'tỷ'];
  const groups: number[] = [];
  let rest = value;
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(readTriple(g, i < groups.length - 1));
    const unit = units[i % 4] ?? '';
    if (unit) words.push(unit);
  }
  const text = words.join(' ').replace(/\s+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
