import { vi } from '../../../../shared/i18n/vi';

/** "12 hồ sơ · 9 công dân · 30 tệp tài liệu" from a manifest's row counts. */
export function contentsOf(counts: Record<string, number>): string {
  return vi.backupUi.contents(counts.dossiers ?? 0, counts.applicants ?? 0, counts.files ?? 0);
}

/** "1,2 MB" */
export function sizeText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** ISO instant → "17/03/2026 09:00" in Vietnam time, whatever the machine's zone. */
export function vietnamTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
