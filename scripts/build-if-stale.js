// Builds only what is older than its sources, so `npm start` and `npm run host` do not spend ~2 s
// rebuilding an unchanged renderer on every start: the renderer (vite), the node bundles of the host
// and the CLI (scripts/build-node.js) and, with --shell, the Electron shell bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeBundles, bundlesFresh } from './build-node.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(paths) {
  let t = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else t = Math.max(t, st.mtimeMs);
  };
  for (const p of paths) visit(join(root, p));
  return t;
}

function older(output, sources) {
  const out = join(root, output);
  return !existsSync(out) || statSync(out).mtimeMs < newest(sources);
}

const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (older('dist/renderer/index.html', ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'shared', 'package.json'])) {
  run(['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts']);
}
if (!bundlesFresh()) await buildNodeBundles();
if (process.argv.includes('--shell') && older('dist/shell/main.cjs', ['main', 'shared', 'package.json'])) run(['scripts/build-shell.js']);
