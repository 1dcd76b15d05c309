import { useEffect, useState } from 'react';
import { vi } from '../../../shared/i18n/vi';
import type { IconName } from '../components/Icon';

/** The app's areas, in navigation order (Alt+1 … Alt+7 follow this order). */
export const ROUTES = [
  { id: 'home', label: vi.nav.home, icon: 'home' },
  { id: 'intake', label: vi.nav.intake, icon: 'intake' },
  { id: 'scanning', label: vi.nav.scanning, icon: 'scanning' },
  { id: 'tracking', label: vi.nav.tracking, icon: 'tracking' },
  { id: 'reports', label: vi.nav.reports, icon: 'reports' },
  { id: 'settings', label: vi.nav.settings, icon: 'settings' },
  // Last, so Alt+1 … Alt+6 keep the places clerks already know.
  { id: 'archive', label: vi.nav.archive, icon: 'archive' },
] as const satisfies ReadonlyArray<{ id: string; label: string; icon: IconName }>;
export type RouteId = (typeof ROUTES)[number]['id'];

function parse(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES.find((r) => r.id === id)?.id ?? 'home') as RouteId;
}

/** Hash routing: works the same under app://desk/ and http://127.0.0.1, with no server rewrites. */
export function useRoute(): [RouteId, (id: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(() => parse(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (id) => (window.location.hash = `#/${id}`)];
}
