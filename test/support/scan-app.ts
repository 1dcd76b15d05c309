import { createApp, type App } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import type { ScanFolderPort } from '../../main/core/ports/scan-folder';
import type { Scanner } from '../../main/core/ports/scanner';
import { randomUUID } from 'node:crypto';
import type { Input } from '../../shared/contract/channels';
import { SAMPLE_UNIT } from './app';
import type { StoreTarget } from './stores';

/** A fresh app with an injected scanner, the unit saved, and a dossier with two components received. */
export async function scanDesk(
  target: StoreTarget,
  opts: { scanner?: Scanner; scanFolder?: ScanFolderPort; now?: string } = {},
): Promise<{ app: App; code: string; cleanup(): Promise<void> }> {
  const { config, dataDir, cleanup } = target.fresh();
  const clock = fixedClock(opts.now ?? '2026-03-17T02:00:00.000Z');
  const app = await createApp({ dataDir, store: config, clock, validateOutputs: true, ...(opts.scanner ? { scanner: opts.scanner } : {}), ...(opts.scanFolder ? { scanFolder: opts.scanFolder } : {}) });
  const c = app.client();
  await c.invoke('unit.save', SAMPLE_UNIT);
  const input: Input<'dossiers.create'> = {
    requestId: randomUUID(),
    procedureCode: '2.000815',
    applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
    components: [
      { position: 0, received: true },
      { position: 1, received: true },
    ],
    fee: { pages: 1, copies: 1 },
  };
  const dossier = await c.invoke('dossiers.create', input);
  return {
    app,
    code: dossier.code,
    cleanup: async () => {
      await app.close();
      await cleanup();
    },
  };
}
