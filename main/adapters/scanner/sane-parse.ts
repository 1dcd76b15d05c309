import type { ColourMode, ScannerCapabilities, ScannerDevice, ScanSource } from '../../core/ports/scanner';

/**
 * Parsers for `scanimage` text output. Kept pure so they are tested on captured output as well as
 * on the live SANE test backend.
 */

/** `device `test:0' is a Noname frontend-tester virtual device` → { id, vendor, model, type }. */
export function parseDeviceList(stdout: string): ScannerDevice[] {
  const out: ScannerDevice[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    // The id may contain quotes and spaces (escl:http://…), so anchor on "' is a ".
    const m = /^device `(.+)' is a (.*)$/.exec(line.trim());
    if (!m) continue;
    const id = m[1]!;
    const rest = m[2]!.trim();
    // "<vendor> <model…> <type…>": vendor is one word; the type is the trailing "…device"/"scanner" words
    // when recognisable, otherwise the model keeps everything.
    const words = rest.split(/\s+/);
    const vendor = words.shift() ?? '';
    const typeMatch = /\b((?:virtual |flatbed |sheetfed |film |handheld |multi-function |USB |network |still )*(?:device|scanner|camera|peripheral|all-in-one))$/i.exec(words.join(' '));
    const type = typeMatch ? typeMatch[1]! : '';
    const model = typeMatch ? words.join(' ').slice(0, typeMatch.index).trim() : words.join(' ');
    out.push({ id, vendor, model, type });
  }
  return out;
}

export interface SaneOption {
  name: string;
  /** Allowed values for list options. */
  values?: string[];
  range?: { min: number; max: number; step?: number };
  unit?: string;
  current?: string;
  inactive: boolean;
}

/** Parses `scanimage -d DEV -A` into options keyed by name (`--mode`, `-x`, …). */
export function parseOptions(stdout: string): Map<string, SaneOption> {
  const out = new Map<string, SaneOption>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s{2,}(--?[A-Za-z][\w-]*)(?:\[=\(([^)]*)\)\])?\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!;
    let spec = (m[3] ?? '').trim();
    let current: string | undefined;
    const def = /\s*\[([^\]]*)\]\s*$/.exec(spec);
    if (def) {
      current = def[1];
      spec = spec.slice(0, def.index).trim();
    }
    const inactive = current === 'inactive';
    if (inactive) current = undefined;
    const opt: SaneOption = { name, current, inactive };
    const steps = /\s*\(in steps of ([\d.]+)\)\s*$/.exec(spec);
    if (steps) spec = spec.slice(0, steps.index).trim();
    const range = /^(-?[\d.]+)\.\.(-?[\d.]+)([a-z%]*)(?:,\.\.\.)?$/i.exec(spec);
    if (range) {
      opt.range = { min: Number(range[1]), max: Number(range[2]), ...(steps ? { step: Number(steps[1]) } : {}) };
      if (range[3]) opt.unit = range[3];
    } else if (spec.includes('|')) {
      const unit = /(dpi|mm|%|us|pel|bit)$/.exec(spec);
      const list = unit ? spec.slice(0, -unit[1]!.length) : spec;
      opt.values = list.split('|').filter((v) => v.length > 0);
      if (unit) opt.unit = unit[1];
    } else if (m[2]) {
      opt.values = m[2].split('|');
    }
    out.set(name, opt);
  }
  return out;
}

const SOURCE_PATTERNS: Record<ScanSource, (v: string) => boolean> = {
  flatbed: (v) => /flatbed|glass|platen/i.test(v),
  adf: (v) => /adf|feeder|automatic/i.test(v) && !/duplex|back|rear/i.test(v),
  'adf-duplex': (v) => /duplex/i.test(v),
};

const MODE_PATTERNS: Record<ColourMode, (v: string) => boolean> = {
  color: (v) => /colou?r/i.test(v),
  gray: (v) => /gr[ae]y/i.test(v),
  bw: (v) => /lineart|binary|black|mono|halftone/i.test(v) && !/gr[ae]y/i.test(v),
};

export function sourceValue(opts: Map<string, SaneOption>, source: ScanSource): string | null {
  return opts.get('--source')?.values?.find(SOURCE_PATTERNS[source]) ?? null;
}

export function modeValue(opts: Map<string, SaneOption>, mode: ColourMode): string | null {
  return opts.get('--mode')?.values?.find(MODE_PATTERNS[mode]) ?? null;
}

/** The device's resolution closest to the request (the request itself when the driver gives none). */
export function pickResolution(opts: Map<string, SaneOption>, dpi: number): number {
  const r = opts.get('--resolution');
  if (r?.range) return Math.min(r.range.max, Math.max(r.range.min, dpi));
  const list = (r?.values ?? []).map(Number).filter((n) => Number.isFinite(n) && n > 0);
  if (list.length === 0) return dpi;
  // Prefer the smallest value at or above the request (never scan coarser than asked when avoidable).
  const above = list.filter((n) => n >= dpi).sort((a, b) => a - b);
  return above[0] ?? Math.max(...list);
}

export function toCapabilities(opts: Map<string, SaneOption>): ScannerCapabilities {
  const sourceValues = opts.get('--source')?.values;
  const sources = sourceValues
    ? (Object.keys(SOURCE_PATTERNS) as ScanSource[]).filter((s) => sourceValues.some(SOURCE_PATTERNS[s]))
    : (['flatbed'] as ScanSource[]);
  const modeValues = opts.get('--mode')?.values ?? [];
  const modes = (Object.keys(MODE_PATTERNS) as ColourMode[]).filter((m) => modeValues.some(MODE_PATTERNS[m]));
  // bw can always be made from grey by the page pipeline.
  if (!modes.includes('bw') && modes.includes('gray')) modes.push('bw');
  const r = opts.get('--resolution');
  const resolutions = r?.range ? { min: r.range.min, max: r.range.max } : (r?.values ?? []).map(Number).filter((n) => Number.isFinite(n) && n > 0);
  const x = opts.get('-x')?.range;
  const y = opts.get('-y')?.range;
  return { sources, modes, resolutions, ...(x && y ? { maxAreaMm: { width: x.max, height: y.max } } : {}) };
}
