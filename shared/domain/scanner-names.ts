/**
 * Friendly scanner names and the default pick. Drivers name devices for programmers ("Noname PNM
 * file reader virtual device", "escl:http://…"); the clerk picks from names like "Canon LiDE 300"
 * or "Máy quét thử (phần mềm…)". The default is the device that last delivered a page on this desk,
 * else the first real one, never a stand-in that cannot scan paper (SANE's pnm reader fails without
 * a file).
 */
import { vi } from '../i18n/vi';

export interface DeviceLike {
  id: string;
  vendor: string;
  model: string;
  type: string;
}

/** SANE backends that are not scanners of paper: shown last, never picked by default. */
const STAND_INS: Record<string, 'softwareTest' | 'fileReader'> = { test: 'softwareTest', pnm: 'fileReader' };
const NETWORK = new Set(['escl', 'airscan', 'net']);
const NO_VENDOR = /^(noname|unknown|generic|)$/i;

function backendOf(id: string): string {
  const i = id.indexOf(':');
  return i > 0 ? id.slice(0, i).toLowerCase() : '';
}

/** 0 = a real scanner, 1 = a software test scanner, 2 = a file reader. */
function rank(d: DeviceLike): number {
  const kind = STAND_INS[backendOf(d.id)];
  return kind === 'fileReader' ? 2 : kind === 'softwareTest' ? 1 : 0;
}

function baseLabel(d: DeviceLike): string {
  const kind = STAND_INS[backendOf(d.id)];
  if (kind) return vi.scanDevices[kind];
  const vendor = NO_VENDOR.test(d.vendor.trim()) ? '' : d.vendor.trim();
  let model = d.model.replace(/\s+/g, ' ').trim();
  if (vendor && model.toLowerCase().startsWith(vendor.toLowerCase())) model = model.slice(vendor.length).trim();
  const name = [vendor, model].filter(Boolean).join(' ') || vi.scanDevices.unnamed;
  return NETWORK.has(backendOf(d.id)) ? `${name} (${vi.scanDevices.network})` : name;
}

/** Devices in the order the picker shows them (real ones first), each with a name a clerk reads; twins are numbered. */
export function labelScanners<T extends DeviceLike>(devices: readonly T[]): Array<T & { label: string }> {
  const ordered = devices.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map(({ d }) => d);
  const bases = ordered.map(baseLabel);
  const seen = new Map<string, number>();
  return ordered.map((d, i) => {
    const base = bases[i]!;
    const twins = bases.filter((b) => b === base).length;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...d, label: twins > 1 ? vi.scanDevices.numbered(base, n) : base };
  });
}

/** The device to select: the last one that worked if it is still there, else the first real one, else any but a file reader. */
export function preferredScanner(devices: readonly DeviceLike[], lastWorking: string | null): string | null {
  if (lastWorking && devices.some((d) => d.id === lastWorking)) return lastWorking;
  const usable = [...devices].filter((d) => rank(d) < 2).sort((a, b) => rank(a) - rank(b));
  return usable[0]?.id ?? null;
}
