import { useEffect, useState } from 'react';
import { TRACKING_ACTIONS, type TrackingAction } from '../../../../shared/contract/tracking.schema';
import { BoardScreen } from './BoardScreen';
import { CitizenScreen } from './CitizenScreen';
import { DossierScreen } from './DossierScreen';

type View = { kind: 'board' } | { kind: 'citizen' } | { kind: 'dossier'; code: string; action?: TrackingAction };

/** #/tracking → board; #/tracking/citizen → citizen view; #/tracking/<code>[/<action>] → the dossier. */
export function parseTrackingHash(hash: string): View {
  const parts = hash.replace(/^#\/?/, '').split('/').slice(1);
  const first = parts[0] ? decodeURIComponent(parts[0]) : '';
  if (!first) return { kind: 'board' };
  if (first === 'citizen') return { kind: 'citizen' };
  const action = parts[1] && (TRACKING_ACTIONS as readonly string[]).includes(parts[1]) ? (parts[1] as TrackingAction) : undefined;
  return { kind: 'dossier', code: first, action };
}

export function TrackingRoute() {
  const [view, setView] = useState<View>(() => parseTrackingHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setView(parseTrackingHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (view.kind === 'citizen') return <CitizenScreen />;
  if (view.kind === 'dossier') return <DossierScreen key={view.code} code={view.code} initialAction={view.action} />;
  return <BoardScreen />;
}
