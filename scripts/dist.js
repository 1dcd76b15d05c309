// `npm run dist`: build the renderer and shell, then package installers with electron-builder.
// Needs a machine that can download Electron and its native headers; on build machines without
// that network access it stops with one clear line instead of a false success.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npm', ['run', 'build']);
const probe = spawnSync('npx', ['--no-install', 'electron-builder', '--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
if (probe.status !== 0) {
  console.error('Không chạy được electron-builder (npm ci chưa chạy?).');
  process.exit(1);
}
const targets = process.argv.slice(2);
run('npx', ['--no-install', 'electron-builder', ...(targets.length ? targets : process.platform === 'win32' ? ['--win'] : ['--linux'])]);
