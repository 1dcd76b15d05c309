import type { AppInfo } from '../../../../shared/contract/app.schema';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { BoardScreen } from '../tracking/BoardScreen';

export function formatVietnamDate(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** The home screen after set-up is the deadlines board: what is due, late, waiting or ready today. */
export function HomeScreen({ unit, info }: { unit: UnitProfile; info: AppInfo }) {
  return (
    <section className="page">
      <p className="page__eyebrow">{vi.home.greeting}</p>
      <h1 className="page__title">{unit.unitName}</h1>
      <p className="page__sub">
        {unit.parentAgency} · Mã định danh <strong>{unit.agencyCode}</strong> · {vi.home.today(formatVietnamDate(info.now))} ·{' '}
        {info.store === 'postgres' ? vi.home.storePostgres : vi.home.storeSqlite}
      </p>
      <BoardScreen embedded />
    </section>
  );
}
