// Bundles the Electron main process and preload with esbuild into dist/shell/.
// Main: CommonJS, node_modules left external (electron-builder ships them, native ones rebuilt
// for Electron at `npm run dist`). Preload: one self-contained file, because a sandboxed
// preload cannot require() anything but electron.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'info', absWorkingDir: root };

await build({
  ...common,
  entryPoints: ['main/shell/main.ts'],
  outfile: 'dist/shell/main.cjs',
  packages: 'external',
  // create-app reads package.json via import.meta.url; give CJS a working equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: ['main/preload/preload.ts'],
  outfile: 'dist/shell/preload.cjs',
  external: ['electron'],
});
