import type { AppInfo } from '../../../../shared/contract/app.schema';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { ROUTES } from '../../app/routes';
import { Icon } from '../../components/Icon';

const DESCRIPTIONS: Record<string, string> = {
  intake: vi.home.intakeDesc,
  scanning: vi.home.scanningDesc,
  tracking: vi.home.trackingDesc,
  reports: vi.home.reportsDesc,
  settings: vi.home.settingsDesc,
};

export function formatVietnamDate(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
}

export function HomeScreen({ unit, info }: { unit: UnitProfile; info: AppInfo }) {
  return (
    <section className="page">
      <p className="page__eyebrow">{vi.home.greeting}</p>
      <h1 className="page__title">{unit.unitName}</h1>
      <p className="page__sub">
        {unit.parentAgency} · Mã định danh <strong>{unit.agencyCode}</strong> · {vi.home.today(formatVietnamDate(info.now))}
      </p>
      <p className="page__sub">{info.store === 'postgres' ? vi.home.storePostgres : vi.home.storeSqlite}</p>
      <h2 className="section-title">{vi.home.areas}</h2>
      <div className="tiles">
        {ROUTES.filter((r) => r.id !== 'home').map((r, i) => (
          <a key={r.id} className="tile" href={`#/${r.id}`}>
            <span className="tile__icon">
              <Icon name={r.icon} size={28} />
            </span>
            <span className="tile__title">{r.label}</span>
            <span className="tile__desc">{DESCRIPTIONS[r.id]}</span>
            <kbd className="tile__kbd">Alt+{i + 2}</kbd>
          </a>
        ))}
      </div>
    </section>
  );
}
