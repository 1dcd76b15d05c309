import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { vi } from '../../../../shared/i18n/vi';
import { rpc } from '../../rpc/client';
import { SatisfactionPanel } from './SatisfactionPanel';

const t = vi.tracking;

/**
 * The citizen-facing view for a second monitor (#/tracking/citizen): full screen, large buttons. It
 * shows the dossier just returned at the desk and waits otherwise.
 */
export function CitizenScreen() {
  const qc = useQueryClient();
  const pending = useQuery({ queryKey: ['tracking.pendingRating'], queryFn: () => rpc.invoke('tracking.pendingRating'), refetchInterval: 2000 });
  const [thanks, setThanks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = pending.data;
  return (
    <div className="tracking-citizen" role="main">
      {thanks ? (
        <p className="tracking-citizen__thanks" role="status">
          {t.rateThanks}
        </p>
      ) : current ? (
        <>
          <p className="tracking-citizen__dossier">{t.citizenDossier(current.code)}</p>
          <p className="tracking-citizen__name">
            {current.applicantName} · {current.procedureName}
          </p>
          <SatisfactionPanel
            large
            busy={busy}
            onRate={async (rating, criteria, comment) => {
              setBusy(true);
              setError(null);
              const r = await rpc.call('tracking.rate', { code: current.code, rating, criteria, comment, source: 'citizen' });
              setBusy(false);
              if (!r.ok) {
                setError(r.error.message);
                return;
              }
              setThanks(true);
              void qc.invalidateQueries();
              setTimeout(() => setThanks(false), 5000);
            }}
          />
          {error ? (
            <p className="form__error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : (
        <p className="tracking-citizen__waiting">{t.citizenWaiting}</p>
      )}
    </div>
  );
}
