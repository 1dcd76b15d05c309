/**
 * The hand-over recipients list (issue 14 item 13): the admin keeps departments and officers in
 * Settings; the hand-over dialog picks from it. Writes are audited; entries are deactivated rather
 * than deleted so the Mẫu 06 steps that name them still read.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { handoverChannels } from '../../../shared/contract/handover.channels';
import type { Recipient } from '../../../shared/contract/handover.schema';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { findRecipient, findRecipientByName, insertRecipient, listRecipients, updateRecipient, type RecipientRow } from '../../store/recipients.repository';
import type { Database } from '../../store/schema';
import { appendAudit } from '../audit/audit';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

export function toRecipient(r: RecipientRow): Recipient {
  return { id: r.id, department: r.department, fullName: r.full_name, position: r.position, active: Number(r.active) === 1 };
}

/** The active entry a hand-over names, or a clear refusal. */
export async function requireActiveRecipient(db: Kysely<Database>, id: string): Promise<RecipientRow> {
  const r = await findRecipient(db, id);
  if (!r) throw new AppError('not_found', vi.handover.notFound, { issues: [{ path: 'recipientId', message: vi.handover.notFound }] });
  if (Number(r.active) !== 1) {
    const message = vi.handover.inactiveRecipient(r.full_name);
    throw new AppError('conflict', message, { issues: [{ path: 'recipientId', message }] });
  }
  return r;
}

export function recipientHandlers(deps: CoreDeps): HandlerMap<ChannelsOf<typeof handoverChannels>> {
  return {
    'recipients.list': async ({ includeInactive }) => (await listRecipients(deps.db, includeInactive)).map(toRecipient),
    'recipients.save': async (input, ctx) => {
      const at = deps.clock.now().toISOString();
      const saved = await deps.db.transaction().execute(async (trx) => {
        // The unique index (department, full_name) settles a race the check below cannot see.
        const twin = await findRecipientByName(trx, input.department, input.fullName);
        if (twin && twin.id !== input.id) {
          const message = vi.handover.duplicate(input.fullName, input.department);
          throw new AppError('conflict', message, { issues: [{ path: 'fullName', message }] });
        }
        const fields = { department: input.department, full_name: input.fullName, position: input.position, active: input.active ? 1 : 0, updated_at: at };
        let before: RecipientRow | null = null;
        let id = input.id;
        if (id) {
          before = (await findRecipient(trx, id)) ?? null;
          if (!before) throw new AppError('not_found', vi.handover.notFound);
          await updateRecipient(trx, id, fields);
        } else {
          id = randomUUID();
          await insertRecipient(trx, { id, created_at: at, ...fields });
        }
        const after = (await findRecipient(trx, id))!;
        await appendAudit(trx, deps, { actor: ctx.actor, action: 'recipients.save', entity: 'handover_recipient', entityId: id, before: before ? toRecipient(before) : null, after: toRecipient(after) });
        return after;
      }).catch((e: unknown) => {
        if (!(e instanceof AppError) && /unique|duplicate/i.test((e as Error)?.message ?? '')) {
          throw new AppError('conflict', vi.handover.duplicate(input.fullName, input.department), { cause: e });
        }
        throw e;
      });
      deps.events.emit('data.changed', { entity: 'handover_recipient', id: saved.id });
      return toRecipient(saved);
    },
  };
}
