import { createApp, type App } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import type { StoreTarget } from './stores';

/** A fully wired app on a fresh store of the given target, validating outputs like development builds. */
export async function freshApp(target: StoreTarget, opts: { now?: string } = {}): Promise<{ app: App; clock: ReturnType<typeof fixedClock>; cleanup(): Promise<void> }> {
  const { config, dataDir, cleanup } = target.fresh();
  const clock = fixedClock(opts.now ?? '2026-03-17T02:00:00.000Z');
  const app = await createApp({ dataDir, store: config, clock, validateOutputs: true });
  return {
    app,
    clock,
    cleanup: async () => {
      await app.close();
      await cleanup();
    },
  };
}

export const SAMPLE_UNIT = {
  parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'H50.12.34',
  place: 'Hướng Phùng',
  address: 'Thôn Cợp, xã Hướng Phùng, tỉnh Quảng Trị',
  phone: '0233 3880 123',
  email: '',
  officers: [{ name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }],
};
