import type { trackingChannels } from '../../../shared/contract/tracking.channels';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { findPendingRating } from '../../store/tracking.repository';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { buildBoard } from './board.service';
import { dossierHistory } from './history.service';
import { requireDossierByScan, trackingTransitions } from './tracking.service';
import { readTracking } from './tracking-view';

/** How long after the return the citizen-facing screen still offers the rating. */
const PENDING_RATING_WINDOW_MS = 30 * 60_000;

export type TrackingChannel = ChannelsOf<typeof trackingChannels>;

export function trackingHandlers(deps: CoreDeps): HandlerMap<TrackingChannel> {
  const t = trackingTransitions(deps);
  return {
    'tracking.get': async ({ code }) => readTracking(deps, deps.db, await requireDossierByScan(deps.db, code)),
    'tracking.handOver': t.handOver,
    'tracking.requestSupplement': t.requestSupplement,
    'tracking.supplySupplement': t.supplySupplement,
    'tracking.resultReady': t.resultReady,
    'tracking.return': t.returnResult,
    'tracking.refuse': t.refuse,
    'tracking.stop': t.stop,
    'tracking.withdraw': t.withdraw,
    'tracking.extend': t.extend,
    'tracking.rate': t.rate,
    'tracking.pendingRating': async () => {
      const since = new Date(deps.clock.now().getTime() - PENDING_RATING_WINDOW_MS).toISOString();
      const row = await findPendingRating(deps.db, since);
      return row ? { code: row.code, procedureName: row.procedure_name, applicantName: row.full_name, returnedLocal: row.returned_local ?? utcToVietnamLocal(deps.clock.now().toISOString()) } : null;
    },
    'board.today': ({ limit }) => buildBoard(deps, limit),
    'dossiers.history': ({ code }) => dossierHistory(deps, code),
  };
}
