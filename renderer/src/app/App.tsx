import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { events } from '../../../shared/contract/events';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { vi } from '../../../shared/i18n/vi';
import { Button } from '../components/Button';
import { ToastProvider } from '../components/Toast';
import { HomeScreen } from '../features/home/HomeScreen';
import { IntakeScreen } from '../features/intake/IntakeScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { ArchiveScreen } from '../features/archive/ArchiveScreen';
import { ScanningScreen } from '../features/scanning/ScanningScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { RecoveryScreen, recoveryFromError } from '../features/recovery/RecoveryScreen';
import { TrackingRoute } from '../features/tracking/TrackingRoute';
import { openDossier, useBarcodeWedge } from '../features/tracking/useBarcodeWedge';
import { rpc, subscribe } from '../rpc/client';
import { invalidateForChange } from '../rpc/query-keys';
import { AuthGate, UserMenu } from '../features/auth/AuthGate';
import { HeaderSearch } from './HeaderSearch';
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
  useBarcodeWedge(openDossier);

  // Something changed (here, at another desk, or by the CLI): refetch only the queries reading it.
  useEffect(
    () =>
      subscribe('data.changed', (payload) => {
        const change = events['data.changed'].safeParse(payload);
        void invalidateForChange(qc, change.success ? change.data.entity : 'store');
      }),
    [qc],
  );

  const onSaved = (profile: UnitProfile) => {
    qc.setQueryData(['unit.get'], profile);
    void qc.invalidateQueries({ queryKey: ['app.info'] });
  };

  if (info.isPending || unit.isPending) return <div className="splash">{vi.common.loading}</div>;
  // A damaged database: offer the latest good backup instead of an error page.
  const recovery = recoveryFromError(info.error ?? unit.error);
  if (recovery) return <RecoveryScreen initial={recovery} onRestored={() => void qc.resetQueries()} />;
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
    <AuthGate unitName={unit.data.unitName}>
    <Layout route={route} navigate={navigate} unit={unit.data} info={info.data} userSlot={<UserMenu />} searchSlot={<HeaderSearch onOpen={openDossier} />}>
      {route === 'home' && <HomeScreen unit={unit.data} info={info.data} />}
      {route === 'settings' && <SettingsScreen unit={unit.data} onSaved={onSaved} />}
      {route === 'intake' && <IntakeScreen unit={unit.data} />}
      {route === 'scanning' && <ScanningScreen />}
      {route === 'tracking' && <TrackingRoute />}
      {route === 'reports' && <ReportsScreen />}
      {route === 'archive' && <ArchiveScreen />}
    </Layout>
    </AuthGate>
  );
}
