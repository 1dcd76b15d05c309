/**
 * The release path, verified here without the Electron binary (which these machines cannot download):
 * electron-builder packages the app with `--dir` around a stand-in Electron distribution, and we check
 * the packaged layout (asar contents, native modules and assets unpacked, no dev tooling shipped, the
 * fuses flipped as electron-builder.yml says), then run the packaged main entry under plain Node with
 * an Electron stand-in: it must load every module from the packaged tree, open a real SQLite store,
 * serve the renderer over app:// with the CSP and answer `rpc` through the dispatcher.
 * What this cannot prove: Electron's own asar reader and its ABI (native modules are rebuilt for it by
 * the release workflow, .github/workflows/release.yml).  Run by `npm run test:package` (part of npm test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// A fuse is one byte of the wire: ASCII '0' off, '1' on (FuseState is a const enum, absent at run time).
const OFF = '0'.charCodeAt(0);
const ON = '1'.charCodeAt(0);
const work = mkdtempSync(join(tmpdir(), 'motcua-package-'));
const out = join(work, 'release');
const unpacked = join(out, 'linux-unpacked');
const resources = join(unpacked, 'resources');
const appAsar = join(resources, 'app.asar');

/** An "Electron" that electron-builder can copy and flip fuses in: a script carrying a v1 fuse wire. */
function standInElectronDist(): string {
  const dist = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', dist]);
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\necho stand-in electron ${version}\nexit 0\n#`), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111'), Buffer.from('\n')]);
  writeFileSync(join(dist, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(dist, 'version'), version);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in\n');
  return dist;
}

let files: string[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-shell.js'], { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts'], { cwd: ROOT, stdio: 'pipe' });
  }
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-builder/cli.js'), '--linux', '--dir', `-c.electronDist=${standInElectronDist()}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 8 * 60_000 },
  );
  if (r.status !== 0) throw new Error(`electron-builder --dir failed:\n${r.stdout}\n${r.stderr}`);
  files = listPackage(appAsar, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 10 * 60_000);

afterAll(() => { if (!process.env.KEEP) rmSync(work, { recursive: true, force: true }); });

describe('packaged app layout (electron-builder --dir, stand-in Electron)', () => {
  it('puts the bundled shell, the renderer and the production modules in app.asar, and no dev tooling', () => {
    for (const f of ['/package.json', '/dist/shell/main.cjs', '/dist/shell/preload.cjs', '/dist/renderer/index.html', '/node_modules/kysely/package.json', '/node_modules/pdfkit/package.json', '/node_modules/better-sqlite3/package.json']) {
      expect(files, f).toContain(f);
    }
    for (const dev of ['vitest', 'playwright', '@playwright/test', 'electron-builder', 'typescript', 'vite', 'eslint', 'electron']) {
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`)), dev).toBe(false);
    }
    // Sources and tests stay out: only the bundle ships.
    expect(files.some((f) => f.startsWith('/main/') || f.startsWith('/test/') || f.startsWith('/renderer/src/'))).toBe(false);
  });

  it('keeps native modules and assets outside the asar (asarUnpack), where the OS can load them', () => {
    const unpackedDir = `${appAsar}.unpacked`;
    expect(existsSync(join(unpackedDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    const sharpNative = spawnSync('find', [join(unpackedDir, 'node_modules/@img'), '-name', '*.node'], { encoding: 'utf8' }).stdout.trim();
    expect(sharpNative).toMatch(/sharp-linux-x64[-\d.]*\.node$/m);
    expect(existsSync(join(unpackedDir, 'assets'))).toBe(true);
  });

  it('flips the fuses electron-builder.yml asks for in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'motcua-desk'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
  });

  it('runs the packaged main entry from the packaged tree: store opens, app:// serves the renderer, rpc answers', () => {
    const tree = join(work, 'tree');
    extractAll(appAsar, tree);
    const dataDir = mkdtempSync(join(work, 'data-'));
    const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/package/electron-stand-in.cjs'), join(ROOT, 'test/package/drive-packaged.cjs'), join(tree, 'dist/shell/main.cjs')], {
      cwd: work,
      encoding: 'utf8',
      // NODE_PATH empty and cwd outside the repo: every module must come from the packaged tree.
      env: { PATH: process.env.PATH, MOTCUA_DATA_DIR: dataDir, NODE_PATH: '' },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(res.privilegedSchemes).toEqual(['app']);
    expect(res.window).toMatchObject({ url: 'app://desk/index.html', webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(res.index).toMatchObject({ status: 200, hasRoot: true });
    expect(res.index.csp).toContain("default-src 'none'; script-src 'self'");
    expect(res.missingFileStatus).toBe(404);
    expect(res.info).toMatchObject({ ok: true, value: { store: 'sqlite', setUp: false } });
    expect(existsSync(join(dataDir, 'motcua.sqlite'))).toBe(true);
  }, 180_000);
});
