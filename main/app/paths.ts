import { fileURLToPath } from 'node:url';

/** The project root (where package.json and dist/ live), found from this file's own location. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIST = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));
