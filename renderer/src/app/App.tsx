import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { vi } from '../../../shared/i18n/vi';
import { Button } from '../components/Button';
import { ToastProvider } from '../components/Toast';
import { HomeScreen } from '../features/home/HomeScreen';
import { IntakeScreen } from '../features/intake/IntakeScreen';
import { NotYetScreen } from '../features/placeholder/NotYetScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { rpc, subscribe } from '../rpc/client';
import { Layout } from './Layout';
import { useRoute } from './routes';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const qc = useQueryClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => rpc.invoke('app.info') });
  const unit = useQuery({ queryKey: ['unit.get'], queryFn: () => rpc.invoke('unit.get') });
  const [route, navigate] = useRoute();

  // Another desk (or the CLI) changed data: refetch what is on screen.
  useEffect(() => subscribe('data.changed', () => void qc.invalidateQueries()), [qc]);

  const onSaved = (profile: UnitProfile) => {
    qc.setQueryData(['unit.get'], profile);
    void qc.invalidateQueries({ queryKey: ['app.info'] });
  };

  if (info.isPending || unit.isPending) return <div className="splash">{vi.common.loading}</div>;
  if (info.isError || unit.isError) {
    const message = (info.error ?? unit.error)?.message ?? vi.errors.internal;
    return (
      <div className="splash splash--error" role="alert">
        <h1>{vi.common.errorTitle}</h1>
        <p>{message}</p>
        <Button variant="primary" onClick={() => void qc.invalidateQueries()}>
          {vi.common.retry}
        </Button>
      </div>
    );
  }
  if (!unit.data) return <SetupScreen onSaved={onSaved} />;

  return (
    <Layout route={route} navigate={navigate} unit={unit.data} info={info.data}>
      {route === 'home' && <HomeScreen unit={unit.data} info={info.data} />}
      {route === 'settings' && <SettingsScreen unit={unit.data} onSaved={onSaved} />}
      {route === 'intake' && <IntakeScreen unit={unit.data} />}
      {route === 'scanning' && <NotYetScreen title={vi.nav.scanning} description={vi.home.scanningDesc} />}
      {route === 'tracking' && <NotYetScreen title={vi.nav.tracking} description={vi.home.trackingDesc} />}
      {route === 'reports' && <NotYetScreen title={vi.nav.reports} description={vi.home.reportsDesc} />}
    </Layout>
  );
}
