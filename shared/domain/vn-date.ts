/**
 * Dates the Vietnamese way, whatever the OS or browser locale (issue 14 item 5).
 *
 * The desk types and shows dates as dd/mm/yyyy and times in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year,
 * no daylight saving), never through the machine's locale or time zone: a PC set to en-US or UTC must show
 * the same thing as one set to vi-VN. The contract carries civil dates as 'YYYY-MM-DD'.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export type VnDateParse = { ok: true; iso: string } | { ok: true; iso: '' } | { ok: false; error: string };

/**
 * Shape what the clerk typed so far into dd/mm/yyyy: digits go straight through, the slashes come by
 * themselves ("15031993" → "15/03/1993", "150" → "15/0"). Typed separators (/ . -) are accepted as well.
 * Nothing is ever reordered or corrected: a wrong date stays visible and is reported by parseVnDate.
 */
export function maskVnDate(typed: string): string {
  const parts = typed.split(/[/.\-\s]+/);
  const fits = parts.length <= 3 && (parts[0] ?? '').length <= 2 && (parts[1] ?? '').length <= 2 && (parts[2] ?? '').length <= 4;
  if (parts.length >= 2 && fits && parts.every((p) => /^\d*$/.test(p))) {
    // "1/3/1993" typed with separators: keep the clerk's grouping, pad day and month when complete.
    const [d = '', m = '', y = ''] = parts;
    const closedDay = parts.length > 1;
    const closedMonth = parts.length > 2;
    const day = closedDay && d.length === 1 ? `0${d}` : d;
    const month = closedMonth && m.length === 1 ? `0${m}` : m;
    return [day, month, y].slice(0, parts.length).join('/');
  }
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Read a typed dd/mm/yyyy (with or without slashes). Empty → { ok, iso: '' }. */
export function parseVnDate(typed: string, range: { minYear?: number; maxYear?: number } = {}): VnDateParse {
  const s = typed.trim();
  if (s === '') return { ok: true, iso: '' };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return { ok: false, error: 'Ngày chưa đủ: nhập theo dạng ngày/tháng/năm, ví dụ 15/03/1993 (gõ liền 15031993).' };
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const minYear = range.minYear ?? 1900;
  const maxYear = range.maxYear ?? 2100;
  if (month < 1 || month > 12) return { ok: false, error: `Tháng ${month} không có: tháng phải từ 1 đến 12 (nhập ngày/tháng/năm).` };
  if (year < minYear || year > maxYear) return { ok: false, error: `Năm ${year} không hợp lệ: năm phải từ ${minYear} đến ${maxYear}.` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return { ok: false, error: `Ngày ${day}/${String(month).padStart(2, '0')}/${year} không có: tháng ${month} năm ${year} có ${last} ngày.` };
  return { ok: true, iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** 'YYYY-MM-DD' (or the date part of 'YYYY-MM-DDTHH:mm') → 'dd/mm/yyyy'; anything else unchanged. */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The parts of an instant on the wall clock in Vietnam, whatever the PC's time zone. */
function vnParts(instant: string | number | Date): { y: string; mo: string; d: string; h: string; mi: string } | null {
  const t = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(t)) return null;
  const v = new Date(t + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return { y: String(v.getUTCFullYear()), mo: p(v.getUTCMonth() + 1), d: p(v.getUTCDate()), h: p(v.getUTCHours()), mi: p(v.getUTCMinutes()) };
}

/** An ISO instant → 'dd/mm/yyyy HH:mm' in Vietnam time. */
export function formatVnInstant(instant: string | number | Date | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const p = vnParts(instant);
  return p ? `${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}` : String(instant);
}

/** An ISO instant → 'YYYY-MM-DD' of that moment in Vietnam (for "today" and date defaults). */
export function vnCivilDate(instant: string | number | Date): string {
  const p = vnParts(instant);
  return p ? `${p.y}-${p.mo}-${p.d}` : '';
}

/** Read a typed 'HH:mm' (or 'HHmm'); → { ok, value: 'HH:mm' } or an error for 25:00 or 10:75. */
export function parseVnTime(typed: string): { ok: true; value: string } | { ok: false; error: string } {
  const m = /^(\d{1,2})[:.hg]?(\d{2})$/.exec(typed.trim());
  if (!m) return { ok: false, error: 'Giờ nhập theo dạng giờ:phút, ví dụ 09:30.' };
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return { ok: false, error: `Giờ ${typed.trim()} không có: giờ từ 00 đến 23, phút từ 00 đến 59.` };
  return { ok: true, value: `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}` };
}
