import type { ColourMode } from '../ports/scanner';

/**
 * Scan profiles per kind of dossier component ("thành phần hồ sơ"). Product decision (DOMAIN.md):
 * 200 dpi colour for papers with seals or signatures, 200–300 dpi grey for plain text; the app warns
 * below 200 dpi. The legal minimum is unconfirmed, so these are defaults the settings may override.
 */
export type ComponentKind =
  /** Papers with a red seal or signatures (certificates, decisions, results of earlier procedures). */
  | 'sealed'
  /** Plain typed or handwritten text, no seal (application forms, declarations). */
  | 'plain_text'
  /** Small print or faint copies where 200 dpi loses strokes. */
  | 'small_print'
  /** Identity cards, photos: small originals where colour and detail matter. */
  | 'photo_id'
  /** Plain black text where file size matters more than tone; loses any seal colour. */
  | 'text_bw';

export interface ScanProfile {
  dpi: number;
  mode: ColourMode;
  /** JPEG quality for colour/grey (mozjpeg). */
  jpegQuality: number;
  /** Warn when the result is not colour (seals and signatures must stay readable). */
  colourRecommended: boolean;
}

export const COMPONENT_KINDS: readonly ComponentKind[] = ['sealed', 'plain_text', 'small_print', 'photo_id', 'text_bw'];

export const DEFAULT_SCAN_PROFILES: Readonly<Record<ComponentKind, Readonly<ScanProfile>>> = Object.freeze({
  sealed: { dpi: 200, mode: 'color', jpegQuality: 60, colourRecommended: true },
  plain_text: { dpi: 200, mode: 'gray', jpegQuality: 60, colourRecommended: false },
  small_print: { dpi: 300, mode: 'gray', jpegQuality: 60, colourRecommended: false },
  photo_id: { dpi: 300, mode: 'color', jpegQuality: 75, colourRecommended: true },
  text_bw: { dpi: 200, mode: 'bw', jpegQuality: 60, colourRecommended: false },
});

/** The minimum the app recommends; below it the result carries a warning. */
export const RECOMMENDED_MIN_DPI = 200;

export function profileFor(kind: ComponentKind, overrides?: Partial<Record<ComponentKind, Partial<ScanProfile>>>): ScanProfile {
  return { ...DEFAULT_SCAN_PROFILES[kind], ...overrides?.[kind] };
}
