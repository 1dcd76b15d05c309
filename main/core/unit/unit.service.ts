import type { unitChannels } from '../../../shared/contract/unit.channels';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { findUnitProfile, upsertUnitProfile, type UnitProfileRow } from '../../store/unit.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

function toProfile(row: UnitProfileRow): UnitProfile {
  return {
    parentAgency: row.parent_agency,
    unitName: row.unit_name,
    agencyCode: row.agency_code,
    place: row.place,
    address: row.address,
    phone: row.phone,
    email: row.email,
    officers: JSON.parse(row.officers_json) as UnitProfile['officers'],
    updatedAt: row.updated_at,
  };
}

export async function getUnitProfile(deps: CoreDeps): Promise<UnitProfile | null> {
  const row = await findUnitProfile(deps.db);
  return row ? toProfile(row) : null;
}

/** The profile, or a clear error when the desk has not been set up yet (intake needs the agency code). */
export async function requireUnitProfile(deps: CoreDeps): Promise<UnitProfile> {
  const profile = await getUnitProfile(deps);
  if (!profile) throw new AppError('not_found', vi.errors.unit_not_set_up, { details: { entity: 'unit_profile' } });
  return profile;
}

export async function saveUnitProfile(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'unit.save'>): Promise<UnitProfile> {
  const saved = await deps.db.transaction().execute(async (trx) => {
    const beforeRow = await findUnitProfile(trx);
    const row: Omit<UnitProfileRow, 'id'> = {
      parent_agency: input.parentAgency,
      unit_name: input.unitName,
      agency_code: input.agencyCode,
      place: input.place,
      address: input.address,
      phone: input.phone,
      email: input.email,
      officers_json: JSON.stringify(input.officers),
      updated_at: deps.clock.now().toISOString(),
    };
    await upsertUnitProfile(trx, row);
    const after = toProfile({ id: 1, ...row });
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: beforeRow ? 'unit.update' : 'unit.create',
      entity: 'unit_profile',
      entityId: '1',
      before: beforeRow ? toProfile(beforeRow) : null,
      after,
    });
    deps.logger.info('unit profile saved', { agencyCode: after.agencyCode, first: !beforeRow });
    return after;
  });
  // Announce only after the commit, so other screens never refetch a change that rolled back.
  deps.events.emit('data.changed', { entity: 'unit_profile' });
  return saved;
}

export function unitHandlers(deps: CoreDeps): HandlerMap<ChannelsOf<typeof unitChannels>> {
  return {
    'app.info': async () => ({
      version: deps.version,
      store: deps.storeKind,
      setUp: (await findUnitProfile(deps.db)) !== undefined,
      now: deps.clock.now().toISOString(),
    }),
    'unit.get': () => getUnitProfile(deps),
    'unit.save': (input, ctx) => saveUnitProfile(deps, ctx, input),
  };
}
