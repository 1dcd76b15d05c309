/**
 * The citizen's narrow pass (issue 14 item 8): the clerk opens the rating screen for one returned
 * dossier, and the screen (a second browser tab, or the Electron shell's second window) holds only
 * this pass. The dispatcher resolves it to the dossier and lets it reach the `citizen.*` channels and
 * nothing else; the rating ends it, and it expires after a few minutes anyway.
 *
 * Passes live in this process's memory, not the store: they last minutes, belong to the desk that
 * issued them, and a restart (or a restore) should end them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { citizenChannels } from '../../../shared/contract/citizen.channels';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { findDossierById } from '../../store/tracking.repository';
import type { CallContext, CitizenGrant, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { canDo } from './lifecycle';
import { requireDossierByScan, trackingTransitions } from './tracking.service';

/** Long enough to hand the screen over and think; short enough that a tab left open is harmless. */
export const CITIZEN_PASS_MS = 10 * 60_000;

export interface CitizenPasses {
  issue(dossierId: string, code: string): { token: string; expiresAt: string };
  resolve(token: string): CitizenGrant | null;
  /** End every pass of a dossier (it was rated, or a new pass replaces them). */
  endFor(dossierId: string): void;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createCitizenPasses(now: () => Date): CitizenPasses {
  // Keyed by digest: a heap dump or a log of this map never holds a usable pass.
  const passes = new Map<string, CitizenGrant>();
  const sweep = () => {
    const t = now().toISOString();
    for (const [k, g] of passes) if (g.expiresAt <= t) passes.delete(k);
  };
  const endFor = (dossierId: string) => {
    for (const [k, g] of passes) if (g.dossierId === dossierId) passes.delete(k);
  };
  return {
    issue(dossierId, code) {
      sweep();
      endFor(dossierId);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + CITIZEN_PASS_MS).toISOString();
      passes.set(digest(token), { dossierId, code, expiresAt });
      return { token, expiresAt };
    },
    resolve(token) {
      if (token.length < 20 || token.length > 200) return null;
      const grant = passes.get(digest(token));
      if (!grant) return null;
      if (grant.expiresAt <= now().toISOString()) {
        passes.delete(digest(token));
        return null;
      }
      return grant;
    },
    endFor,
  };
}

/** The grant the dispatcher resolved; a citizen channel without one (a dispatcher without access control) refuses. */
function grantOf(ctx: CallContext): CitizenGrant {
  if (!ctx.citizen) throw new AppError('unauthenticated', vi.citizen.passExpired);
  return ctx.citizen;
}

export function citizenHandlers(deps: CoreDeps, passes: CitizenPasses): HandlerMap<ChannelsOf<typeof citizenChannels>> {
  const transitions = trackingTransitions(deps);
  return {
    'citizen.open': async ({ code }, ctx) => {
      const row = await requireDossierByScan(deps.db, code);
      if (!canDo('rate', row.status) || row.satisfaction !== null) throw new AppError('conflict', vi.citizen.notAwaitingRating(row.code));
      const pass = passes.issue(row.id, row.code);
      deps.logger.info('citizen pass issued', { code: row.code, by: ctx.actor, expiresAt: pass.expiresAt });
      return { token: pass.token, code: row.code, expiresAt: pass.expiresAt };
    },
    'citizen.dossier': async (_input, ctx) => {
      const grant = grantOf(ctx);
      const row = await findDossierById(deps.db, grant.dossierId);
      // Rated at the desk meanwhile, or gone: the pass has nothing left to show.
      if (!row || row.satisfaction !== null) {
        passes.endFor(grant.dossierId);
        throw new AppError('unauthenticated', vi.citizen.passExpired);
      }
      return { code: row.code, procedureName: row.procedure_name, applicantName: row.applicant_name, expiresAt: grant.expiresAt };
    },
    'citizen.rate': async (input, ctx) => {
      const grant = grantOf(ctx);
      const rated = await transitions.rate({ code: grant.code, rating: input.rating, criteria: input.criteria, comment: input.comment, source: 'citizen' }, ctx);
      passes.endFor(grant.dossierId);
      return { code: rated.code, ratingLabel: vi.tracking.ratings[input.rating] };
    },
  };
}
