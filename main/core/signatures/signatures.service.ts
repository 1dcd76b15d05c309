/**
 * Handlers of the signatures.* channels: the token the admin chose (a setting, never a PIN), signing
 * stored PDFs under one PIN, the record of signatures on a dossier.
 */
import type { signaturesChannels } from '../../../shared/contract/signatures.channels';
import { TokenChoiceSchema } from '../../../shared/contract/signatures.schema';
import { readSetting, writeSetting } from '../../store/settings.repository';
import { listDossierSignatures } from '../../store/signatures.repository';
import { appendAudit } from '../audit/audit';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { requireDossier } from '../intake/dossiers.service';
import type { SigningKeys, TokenChoice } from '../ports/signer';
import { signStored, toRecord } from './sign-stored';

const TOKEN_SETTING = 'signatures.token';

export async function readTokenChoice(deps: CoreDeps): Promise<TokenChoice | null> {
  const raw = await readSetting(deps.db, TOKEN_SETTING);
  const parsed = TokenChoiceSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function signatureHandlers(deps: CoreDeps, keys: SigningKeys): HandlerMap<ChannelsOf<typeof signaturesChannels>> {
  return {
    'signatures.settings': async () => ({ token: await readTokenChoice(deps) }),
    'signatures.configure': async ({ token }, ctx) => {
      const at = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const before = await readSetting(trx, TOKEN_SETTING);
        await writeSetting(trx, TOKEN_SETTING, token, at);
        await appendAudit(trx, deps, { actor: ctx.actor, action: 'signatures.configure', entity: 'setting', entityId: TOKEN_SETTING, before: before ?? null, after: token });
      });
      deps.events.emit('data.changed', { entity: 'settings', id: TOKEN_SETTING });
      return { token };
    },
    'signatures.sign': async ({ scanIds, pin, reason }, ctx) => ({
      signed: await signStored(deps, keys, ctx, await readTokenChoice(deps), scanIds, pin, reason),
    }),
    'signatures.list': async ({ dossierCode }) => {
      const dossier = await requireDossier(deps.db, dossierCode);
      return (await listDossierSignatures(deps.db, dossier.id)).map(toRecord);
    },
  };
}
