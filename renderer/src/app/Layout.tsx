import { useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/contract/app.schema';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { vi } from '../../../shared/i18n/vi';
import { Dialog } from '../components/Dialog';
import { ROUTES, type RouteId } from './routes';
import { useShortcuts, type Shortcut } from './shortcuts';
import { Icon } from '../components/Icon';

interface LayoutProps {
  route: RouteId;
  navigate(id: RouteId): void;
  unit: UnitProfile;
  info: AppInfo;
  children: ReactNode;
  /** The signed-in officer and the lock/switch button (features/auth). */
  userSlot?: ReactNode;
  /** The dossier search box (HeaderSearch), on every screen. */
  searchSlot?: ReactNode;
}

export function Layout({ route, navigate, unit, info, children, userSlot, searchSlot }: LayoutProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  const shortcuts: Shortcut[] = [
    { keys: 'F1', description: vi.shortcuts.help, run: () => setHelpOpen(true) },
    ...ROUTES.map((r, i) => ({ keys: `Alt+${i + 1}`, description: r.label, run: () => navigate(r.id) })),
  ];
  useShortcuts(shortcuts);
  return (
    <div className="layout">
      <header className="topbar">
        <div className="topbar__unit">
          <div className="topbar__parent">{unit.parentAgency}</div>
          <div className="topbar__name">{unit.unitName}</div>
        </div>
        {searchSlot}
        <div className="topbar__meta">
          {userSlot}
          {info.store === 'postgres' ? (
            <span className="badge" title={vi.storeBadge.sharedTitle}>
              {vi.storeBadge.shared}
            </span>
          ) : null}
          <span className="topbar__hint">{vi.common.shortcutsHint}</span>
        </div>
      </header>
      <nav className="sidenav" aria-label={vi.nav.mainLabel}>
        <ul>
          {ROUTES.map((r, i) => (
            <li key={r.id}>
              <a
                href={`#/${r.id}`}
                className={`sidenav__link${route === r.id ? ' sidenav__link--active' : ''}`}
                aria-current={route === r.id ? 'page' : undefined}
              >
                <span className="sidenav__icon">
                  <Icon name={r.icon} />
                </span>
                <span className="sidenav__label">{r.label}</span>
                <kbd className="sidenav__kbd">Alt+{i + 1}</kbd>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        {children}
      </main>
      <Dialog open={helpOpen} title={vi.common.shortcutsTitle} onClose={() => setHelpOpen(false)}>
        <table className="table table--compact">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Ctrl+K</kbd> / <kbd>F3</kbd>
              </td>
              <td>{vi.headerSearch.shortcut}</td>
            </tr>
            <tr>
              <td>
                <kbd>Ctrl+Enter</kbd>
              </td>
              <td>{vi.shortcuts.saveIntake}</td>
            </tr>
            <tr>
              <td>
                <kbd>Enter</kbd>
              </td>
              <td>{vi.shortcuts.submit}</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>{vi.shortcuts.closeDialog}</td>
            </tr>
          </tbody>
        </table>
      </Dialog>
    </div>
  );
}
