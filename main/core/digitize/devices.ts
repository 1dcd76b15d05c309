/**
 * The scanner list as the scan panel shows it (friendly names, real devices first) and the default
 * pick: the device that last delivered a page, remembered in the settings table so it survives a
 * restart (shared/domain/scanner-names.ts decides the names and the fallback).
 */
import { labelScanners, preferredScanner } from '../../../shared/domain/scanner-names';
import { readSetting, writeSetting } from '../../store/settings.repository';
import type { CoreDeps } from '../context';

const LAST_DEVICE_KEY = 'scanning.lastDevice';

export async function listDevices(d: CoreDeps) {
  const [devices, last] = await Promise.all([d.scanner.list(), readSetting(d.db, LAST_DEVICE_KEY)]);
  const lastId = typeof last === 'object' && last !== null && typeof (last as { id?: unknown }).id === 'string' ? (last as { id: string }).id : null;
  return { backend: d.scanner.kind, devices: labelScanners(devices), preferred: preferredScanner(devices, lastId) };
}

/** A scan delivered pages from `device`: it becomes the default. A failed write only loses the hint. */
export async function rememberWorkingDevice(d: CoreDeps, device: string): Promise<void> {
  await writeSetting(d.db, LAST_DEVICE_KEY, { id: device }, d.clock.now().toISOString()).catch((e: unknown) => d.logger.warn('last scanner not saved', { message: (e as Error)?.message }));
}
