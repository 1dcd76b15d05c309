import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { CriterionRating, Rating } from '../../../../shared/contract/tracking.schema';
import { vi } from '../../../../shared/i18n/vi';
import { rpc } from '../../rpc/client';
import { citizenClient } from './citizen-client';
import { SatisfactionPanel } from './SatisfactionPanel';

const t = vi.tracking;

interface Shown {
  code: string;
  applicantName: string;
  procedureName: string;
}

type Send = (rating: Rating, criteria: CriterionRating[], comment: string) => Promise<string | null>;

/** The citizen-facing view itself: full screen, large buttons; the dossier, the thanks, or a wait. */
function CitizenView({ current, send, waiting, closeHint = false }: { current: Shown | null; send: Send; waiting: string; closeHint?: boolean }) {
  const [thanks, setThanks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="tracking-citizen" role="main">
      {thanks ? (
        <>
          <p className="tracking-citizen__thanks" role="status">
            {t.rateThanks}
          </p>
          {closeHint ? <p className="tracking-citizen__dossier">{vi.citizen.closeHint}</p> : null}
        </>
      ) : current ? (
        <>
          <h1 className="tracking-citizen__dossier">{t.citizenDossier(current.code)}</h1>
          <p className="tracking-citizen__name">
            {current.applicantName} · {current.procedureName}
          </p>
          <SatisfactionPanel
            large
            busy={busy}
            onRate={async (rating, criteria, comment) => {
              setBusy(true);
              setError(null);
              const failed = await send(rating, criteria, comment);
              setBusy(false);
              if (failed) setError(failed);
              else setThanks(true);
            }}
          />
          {error ? (
            <p className="form__error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : (
        <p className="tracking-citizen__waiting">{waiting}</p>
      )}
    </div>
  );
}

/**
 * The officer's own tab turned towards the citizen (#/tracking/citizen, signed in): the dossier just
 * returned and not rated yet, and a wait otherwise.
 */
export function CitizenScreen() {
  const qc = useQueryClient();
  const pending = useQuery({ queryKey: ['tracking.pendingRating'], queryFn: () => rpc.invoke('tracking.pendingRating'), refetchInterval: 2000 });
  const current = pending.data ?? null;
  return (
    <CitizenView
      key={current?.code ?? 'none'}
      current={current}
      waiting={t.citizenWaiting}
      send={async (rating, criteria, comment) => {
        if (!current) return null;
        const r = await rpc.call('tracking.rate', { code: current.code, rating, criteria, comment, source: 'citizen' });
        if (!r.ok) return r.error.message;
        void qc.invalidateQueries({ queryKey: ['tracking.pendingRating'] });
        return null;
      }}
    />
  );
}

/**
 * The citizen's own page (#/citizen, a second tab or the Electron shell's second window), opened
 * from the desk for one returned dossier with a narrow pass: it shows that dossier and sends its
 * rating, and can do nothing else. Once rated, or after the pass expires, it only says so.
 */
export function CitizenPassScreen() {
  const client = useMemo(() => citizenClient(), []);
  const [state, setState] = useState<{ dossier: Shown | null; message: string }>({ dossier: null, message: vi.common.loading });
  useEffect(() => {
    document.title = vi.citizen.title;
    let live = true;
    client.call('citizen.dossier', {}).then((r) => {
      if (!live) return;
      setState(r.ok ? { dossier: r.value, message: '' } : { dossier: null, message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return (
    <CitizenView
      current={state.dossier}
      waiting={state.message}
      closeHint
      send={async (rating, criteria, comment) => {
        const r = await client.call('citizen.rate', { rating, criteria, comment });
        return r.ok ? null : r.error.message;
      }}
    />
  );
}
