/** The project root, the built renderer and the shipped assets, for the transports (see core/assets-dir.ts). */
import { join } from 'node:path';
import { ASSETS_DIR, PROJECT_ROOT } from '../core/assets-dir';

export { ASSETS_DIR, PROJECT_ROOT };
export const RENDERER_DIST = join(PROJECT_ROOT, 'dist', 'renderer') + '/';
