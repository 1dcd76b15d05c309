// The preload's channel list (shared/contract/names.ts) is generated from the domain tables; a
// stale file would let the preload refuse a new channel (or pass a removed one) at run time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateNamesSource } from '../../scripts/gen-channel-names';
import { channels } from '../../shared/contract/channels';
import { permissions } from '../../shared/contract/permissions';

describe('channel names and permissions derived from the domain tables', () => {
  it('names.ts on disk is what the generator writes (run `npm run gen:names` if this fails)', async () => {
    const onDisk = readFileSync(new URL('../../shared/contract/names.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(await generateNamesSource());
  });

  it('the permission table is exactly each ChannelDef’s access, for every channel', () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(channels).sort());
    for (const [name, def] of Object.entries(channels)) expect(permissions[name as keyof typeof channels]).toBe(def.access);
  });
});
