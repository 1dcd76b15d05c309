/**
 * `motcua scan --out file.pdf`: scan straight from a device into a standalone PDF, outside any
 * dossier (an admin testing a scanner, or a quick copy). It is a device utility of the composition
 * root, not a channel: nothing is stored, so there is nothing to validate against the store or audit.
 * Pages stream through the page pipeline into the file, so a long ADF batch never sits in memory.
 */
import type { ScanProfileKind } from '../../shared/contract/scans.schema';
import { PdfAssembler } from '../core/digitize/pipeline';
import { profileFor } from '../core/digitize/profiles';
import type { ColourMode, ScanSource } from '../core/ports/scanner';
import type { App } from './create-app';

export type { ColourMode, ScanSource };

export interface ScanToFileRequest {
  device: string;
  source: ScanSource;
  profile: ScanProfileKind;
  /** Overrides of the profile's colour mode and resolution. */
  mode?: ColourMode;
  dpi?: number;
  pages?: number;
  out: string;
  onPage?: (done: number, total: number | null | undefined) => void;
}

export async function scanToFile(app: App, req: ScanToFileRequest) {
  const profile = profileFor(req.profile);
  const mode = req.mode ?? profile.mode;
  const dpi = req.dpi ?? profile.dpi;
  const asm = new PdfAssembler({ dpi, mode, jpegQuality: profile.jpegQuality, colourRecommended: profile.colourRecommended });
  let chain: Promise<unknown> = Promise.resolve();
  await app.deps.scanner.scan(
    { device: req.device, source: req.source, dpi, mode, ...(req.pages ? { pages: req.pages } : {}) },
    {
      retainPages: false,
      onPage: (p, done, total) => {
        chain = chain.then(() => asm.addImage({ image: p.image, dpi: p.dpi, name: `trang ${done}` }));
        req.onPage?.(done, total);
      },
    },
  );
  await chain;
  return asm.finishToFile(req.out);
}

/** The profile's colour mode, for the CLI's dossier path (which passes mode and dpi to scans.start). */
export function profileDefaults(kind: ScanProfileKind): { mode: ColourMode; dpi: number } {
  const p = profileFor(kind);
  return { mode: p.mode, dpi: p.dpi };
}
