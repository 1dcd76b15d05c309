import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { sqliteChildEnv } from '../support/stores';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

const ELECTRON_IMPORT = /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/;

describe('import rules (ARCHITECTURE.md)', () => {
  it('only main/shell and main/preload import electron', () => {
    const offenders = ['main', 'shared', 'renderer/src']
      .flatMap((d) => sourceFiles(join(ROOT, d)))
      .map((f) => relative(ROOT, f))
      .filter((f) => !f.startsWith('main/shell/') && !f.startsWith('main/preload/'))
      .filter((f) => ELECTRON_IMPORT.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('lint fails a file that breaks a layer rule', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const cases: Array<[string, string, RegExp]> = [
      ['main/core/unit/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /electron/],
      ['main/app/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /electron/],
      ['shared/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /runtime-neutral/],
      ['main/core/unit/probe2.ts', "import { startHost } from '../../host/server';\nexport const x = startHost;\n", /main\/core/],
      ['main/store/probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /dialect\.ts/],
      ['renderer/src/probe.ts', "import { createApp } from '../../main/app/create-app';\nexport const x = createApp;\n", /contract/],
    ];
    for (const [filePath, code, message] of cases) {
      const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
      const messages = result!.messages.map((m) => m.message).join('\n');
      expect(messages, filePath).toMatch(message);
    }
    // And the allowed places stay allowed.
    const [shell] = await eslint.lintText("import { app } from 'electron';\nexport const x = app;\n", { filePath: join(ROOT, 'main/shell/probe.ts') });
    expect(shell!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  }, 60_000);

  it('the layer allow-list (dependency-cruiser) refuses what no rule allows, and keeps the allowed', () => {
    // Probe files written into the real tree, cruised with the project's own config, then removed.
    const probes: Array<[string, string, boolean]> = [
      ['main/cli/commands/zz-probe.ts', "import { runReport } from '../../core/reports/reports.handlers';\nexport const x = runReport;\n", false],
      ['main/adapters/scanner/zz-probe.ts', "import { PdfAssembler } from '../../core/digitize/pipeline';\nexport const x = PdfAssembler;\n", false],
      ['main/host/zz-probe.ts', "import { systemClock } from '../core/ports/clock';\nexport const x = systemClock;\n", false],
      ['main/store/zz-probe.ts', "import { LOCAL_ADMIN } from '../core/context';\nexport const x = LOCAL_ADMIN;\n", false],
      ['main/adapters/scanner/zz-probe-ok.ts', "import type { Scanner } from '../../core/ports/scanner';\nexport type X = Scanner;\n", true],
      ['main/cli/commands/zz-probe-ok.ts', "import { serveFileBytes } from '../../app/files';\nexport const x = serveFileBytes;\n", true],
    ];
    try {
      for (const [file, code] of probes) writeFileSync(join(ROOT, file), code);
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), ...probes.map(([f]) => f), '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      for (const [file, , allowed] of probes) {
        const flagged = r.stdout.split('\n').some((line) => line.includes('not-in-allowed') && line.includes(`${file} →`));
        expect(flagged, file).toBe(!allowed);
      }
      expect(r.status).not.toBe(0);
    } finally {
      for (const [file] of probes) rmSync(join(ROOT, file), { force: true });
    }
  }, 60_000);

  it('the whole app runs in plain Node with electron unavailable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-noelectron-'));
    try {
      // Any attempt to load electron throws, so a stray import anywhere in the app's graph fails here.
      const script = `
        import Module from 'node:module';
        const original = Module._resolveFilename;
        Module._resolveFilename = function (request, ...rest) {
          if (request === 'electron') throw new Error('electron was imported');
          return original.call(this, request, ...rest);
        };
        const { createApp } = await import('./main/app/create-app.ts');
        const app = await createApp({ dataDir: ${JSON.stringify(dataDir)} });
        const info = await app.client().invoke('app.info');
        await app.close();
        console.log(JSON.stringify(info));
      `;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: sqliteChildEnv(), encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).not.toContain('electron was imported');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.trim())).toMatchObject({ store: 'sqlite', setUp: false });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
