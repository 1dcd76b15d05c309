/**
 * A generated year of a commune's dossiers, as the CSV an admin would import, together with the
 * 06a counts worked out here from the rules in DOMAIN.md ("Product decisions", §3, §6) without
 * using the app's report code.
 */

export const FIELDS_BY_CODE: Record<string, { field: string; sameDay: boolean }> = {
  '2.000815': { field: 'Chứng thực', sameDay: true },
  '2.000884': { field: 'Chứng thực', sameDay: true },
  '2.001035': { field: 'Chứng thực', sameDay: false },
  '1.001193': { field: 'Hộ tịch', sameDay: true },
  '1.004873': { field: 'Hộ tịch', sameDay: false },
  '2.000635': { field: 'Hộ tịch', sameDay: true },
  '1.012812': { field: 'Đất đai', sameDay: false },
  '1.001776': { field: 'Bảo trợ xã hội', sameDay: false },
  '1.001731': { field: 'Bảo trợ xã hội', sameDay: false },
  '1.010803': { field: 'Người có công', sameDay: false },
};
const CODES = Object.keys(FIELDS_BY_CODE);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hồ', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Ngọc', 'Minh', 'Thu'];
const GIVEN = ['Hường', 'Lan', 'Hùng', 'Dũng', 'Phương', 'Thảo', 'Quân', 'Giang', 'Hiếu', 'Yến', 'Đạt', 'Sơn'];

export interface HistoryRow {
  ma_ho_so: string;
  ma_thu_tuc: string;
  ho_ten: string;
  so_giay_to: string;
  kenh: string;
  ngay_nhan: string;
  ngay_hen: string;
  ngay_co_ket_qua: string;
  ngay_tra: string;
  trang_thai: string;
  so_lan_bo_sung: string;
  so_phut_cho_bo_sung: string;
}

/** Deterministic PRNG (mulberry32): the same "year" every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const DAY = 86_400_000;
const MIN = 60_000;

/**
 * Dossiers received from 1/12/2025 to 31/12/2026 (so December 2025 carries into 2026). Outcomes:
 * early, on time (same day as the appointment, before its hour), late, "trả ngay" for same-day
 * procedures, one supplement with its wait deducted (late on its face, on time after deduction),
 * two supplements (late whatever the dates), refused/stopped/withdrawn, still in progress.
 */
export function generateHistory(count: number, seed = 7): HistoryRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = Date.UTC(2025, 11, 1);
  const span = Date.UTC(2027, 0, 1) - start;
  const rows: HistoryRow[] = [];
  for (let i = 0; i < count; i++) {
    const code = pick(CODES);
    const day = start + Math.floor(r() * (span / DAY)) * DAY;
    const received = day + (7 * 60 + 30 + Math.floor(r() * 540)) * MIN;
    const due = received + (1 + Math.floor(r() * 8)) * DAY;
    const dueDay = Math.floor(due / DAY) * DAY;
    const kind = r();
    let result: number | null = null;
    let returned: number | null = null;
    let trangThai = '';
    let supplements = 0;
    let paused = 0;
    if (kind < 0.25) result = dueDay - DAY + 9 * 60 * MIN; // a day before the appointment day
    else if (kind < 0.4) result = Math.min(due - 30 * MIN, dueDay + 8 * 60 * MIN); // the appointment day, not after its hour
    else if (kind < 0.5) result = due + (1 + Math.floor(r() * 3)) * DAY; // late
    else if (kind < 0.6) {
      result = due + 2 * DAY; // late on its face…
      supplements = 1;
      paused = 3 * 24 * 60; // …but three days waited for the applicant
    } else if (kind < 0.65) {
      result = dueDay - 2 * DAY + 10 * 60 * MIN; // early on its face, but two supplement requests
      supplements = 2;
      paused = 60;
    } else if (kind < 0.72 && FIELDS_BY_CODE[code]!.sameDay) result = received + 20 * MIN; // trả ngay
    else if (kind < 0.78) {
      trangThai = pick(['tu_choi', 'dung', 'rut']);
      returned = received + (1 + Math.floor(r() * 3)) * DAY;
    } // else: still in progress
    if (result !== null && result < received) result = received + MIN;
    if (result !== null && r() < 0.7) returned = result + Math.floor(r() * 2) * DAY;
    const family = pick(FAMILY);
    const name = `${family} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    rows.push({
      ma_ho_so: r() < 0.3 ? `H50.12.34-${new Date(received).toISOString().slice(2, 10).replace(/-/g, '')}-${String(9000 + i).padStart(4, '0')}` : '',
      ma_thu_tuc: code,
      ho_ten: name,
      so_giay_to: r() < 0.6 ? `0453${pad(Math.floor(r() * 100))}${String(100000 + i).slice(-6)}` : '',
      kenh: r() < 0.12 ? 'truc_tuyen' : r() < 0.05 ? 'buu_chinh' : 'truc_tiep',
      ngay_nhan: local(received),
      ngay_hen: local(due),
      ngay_co_ket_qua: result === null || trangThai ? '' : local(result),
      ngay_tra: returned === null ? '' : local(returned),
      trang_thai: trangThai,
      so_lan_bo_sung: supplements ? String(supplements) : '',
      so_phut_cho_bo_sung: paused ? String(paused) : '',
    });
  }
  return rows;
}

export function toCsv(rows: HistoryRow[]): string {
  const header = Object.keys(rows[0]!) as Array<keyof HistoryRow>;
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [header.join(','), ...rows.map((row) => header.map((h) => esc(row[h])).join(','))].join('\r\n') + '\r\n';
}

export interface ExpectedCounts {
  received: { total: number; online: number; directOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
}

const zero = (): ExpectedCounts => ({
  received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
});

/** The 06a counts per field for [from, to] judged at the period's end, straight from the rules. */
export function expected06a(rows: HistoryRow[], from: string, to: string): Map<string, ExpectedCounts> {
  const startMs = Date.parse(`${from}T00:00:00Z`);
  const endMs = Date.parse(`${to}T00:00:00Z`) + DAY;
  const ms = (s: string) => Date.parse(`${s}:00Z`);
  const out = new Map<string, ExpectedCounts>();
  for (const row of rows) {
    const received = ms(row.ngay_nhan);
    const finished = row.trang_thai ? ms(row.ngay_tra) : row.ngay_co_ket_qua ? ms(row.ngay_co_ket_qua) : row.ngay_tra ? ms(row.ngay_tra) : null;
    if (received >= endMs) continue;
    if (finished !== null && finished < startMs) continue;
    const { field, sameDay } = FIELDS_BY_CODE[row.ma_thu_tuc]!;
    const c = out.get(field) ?? zero();
    out.set(field, c);
    c.received.total++;
    if (received < startMs) c.received.carriedOver++;
    else if (row.kenh === 'truc_tuyen') c.received.online++;
    else c.received.directOrPostal++;
    const due = ms(row.ngay_hen);
    const paused = Number(row.so_phut_cho_bo_sung || 0) * MIN;
    const supplements = Number(row.so_lan_bo_sung || 0);
    if (finished !== null && finished < endMs) {
      c.resolved.total++;
      if (row.trang_thai) c.resolved.onTime++;
      else if (supplements > 1) c.resolved.late++;
      else {
        const effective = finished - paused;
        const effDay = Math.floor(effective / DAY);
        if (effective > due) c.resolved.late++;
        else if (effDay < Math.floor(due / DAY)) c.resolved.early++;
        else if (sameDay && Math.floor(finished / DAY) === Math.floor(received / DAY)) c.resolved.early++;
        else c.resolved.onTime++;
      }
    } else {
      c.inProgress.total++;
      if (supplements > 1 || endMs > due + paused) c.inProgress.overdue++;
      else c.inProgress.withinDeadline++;
    }
  }
  return out;
}
