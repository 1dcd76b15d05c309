// Bundles the browser-mode host and the `motcua` CLI with esbuild into dist/node/, so they start
// without compiling TypeScript at run time (tsx costs ~0.5 s and ~35 MB per start). node_modules stay
// external (native modules, and packages loaded on first use). The bundles sit two levels below the
// root, like main/core/assets-dir.ts, so the shipped assets are found the same way from source or bundle.
//
//   node scripts/build-node.js           build when any source is newer than the bundles
//   node scripts/build-node.js --force   always build
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const NODE_BUNDLES = { host: 'dist/node/host.mjs', cli: 'dist/node/cli.mjs', renderWorker: 'dist/node/render-worker.mjs' };

/** Newest mtime of the TypeScript the bundles are made of (main/ and shared/, tests excluded). */
export function newestSourceMtime(dirs = ['main', 'shared']) {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return newest;
}

export function bundlesFresh() {
  const outs = Object.values(NODE_BUNDLES).map((f) => join(root, f));
  if (!outs.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...outs.map((f) => statSync(f).mtimeMs));
  return oldest >= newestSourceMtime();
}

export async function buildNodeBundles() {
  await build({
    absWorkingDir: root,
    // render-worker: the host's form-drawing threads (main/app/render-pool.ts finds it next to host.mjs).
    entryPoints: { host: 'main/host/main.ts', cli: 'main/cli/bundle-entry.ts', 'render-worker': 'main/app/render-worker.ts', 'table-read-worker': 'main/app/table-read-worker.ts' },
    outdir: 'dist/node',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--force') || !bundlesFresh()) await buildNodeBundles();
}
