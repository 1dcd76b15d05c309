/**
 * Where the shipped data files (form templates, fonts, catalogue, holidays) live, found from this
 * file's location. It sits two levels below the project root on purpose: the esbuild bundles
 * (dist/node/*.mjs, dist/shell/*.cjs) are also two levels down, so the same relative URL is right
 * whether the code runs from source (tsx, vitest) or from a bundle.
 */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));
