/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` module in file-name order, writes all results
 * to `bench/results.json` and prints a table. A module that throws is reported and the others still
 * run; the exit code is 1 if any failed. BENCH_QUICK=1 asks modules for fewer iterations;
 * `npm run bench -- receipt` runs only the modules whose file name contains "receipt" and keeps the
 * other modules' last results in the file.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchModule, BenchResult } from './bench-types';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const OUT = path.join(ROOT, 'bench', 'results.json');

interface ModuleReport {
  module: string;
  ok: boolean;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function table(reports: ModuleReport[]): string {
  const rows: string[][] = [['module', 'measure', 'value', 'baseline', 'baseline value', 'notes']];
  for (const r of reports) {
    if (!r.ok) {
      rows.push([r.module, 'FAILED', '', '', '', r.error ?? '']);
      continue;
    }
    for (const x of r.results) {
      rows.push([r.module, x.name, `${fmt(x.value)} ${x.unit}`, x.baseline?.name ?? '', x.baseline ? `${fmt(x.baseline.value)} ${x.unit}` : '', x.notes ?? '']);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.min(i === 5 ? 80 : 60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) => r.map((c, i) => (i === 5 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))).join(' | ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`No bench modules${filter.length ? ` matching ${filter.join(', ')}` : ''} in ${HERE}\n`);
    return 1;
  }
  const quick = process.env.BENCH_QUICK === '1';
  const reports: ModuleReport[] = [];
  for (const file of files) {
    const module = file.replace(/\.bench\.ts$/, '');
    const tmpDir = mkdtempSync(path.join(os.tmpdir(), `motcua-bench-${module}-`));
    const ctx: BenchContext = { root: ROOT, tmpDir, quick, log: (m) => process.stderr.write(`[${module}] ${m}\n`) };
    const started = performance.now();
    process.stderr.write(`== ${module}\n`);
    try {
      const mod = (await import(pathToFileURL(path.join(HERE, file)).href)) as BenchModule;
      if (typeof mod.bench !== 'function') throw new Error(`${file} does not export bench(ctx)`);
      const results = await mod.bench(ctx);
      reports.push({ module, ok: true, seconds: (performance.now() - started) / 1000, results });
    } catch (e) {
      const error = (e as Error)?.stack ?? String(e);
      process.stderr.write(`[${module}] FAILED: ${error}\n`);
      reports.push({ module, ok: false, seconds: (performance.now() - started) / 1000, results: [], error: (e as Error)?.message ?? String(e) });
    } finally {
      if (process.env.BENCH_KEEP !== '1') rmSync(tmpDir, { recursive: true, force: true });
      else process.stderr.write(`[${module}] kept ${tmpDir}\n`);
    }
  }
  mkdirSync(path.dirname(OUT), { recursive: true });
  // A filtered run (`npm run bench -- receipt`) updates its modules and keeps the others' last results.
  let kept: ModuleReport[] = [];
  if (filter.length > 0 && existsSync(OUT)) {
    try {
      const previous = JSON.parse(readFileSync(OUT, 'utf8')) as { modules?: ModuleReport[] };
      kept = (previous.modules ?? []).filter((m) => !reports.some((r) => r.module === m.module));
    } catch {
      kept = [];
    }
  }
  const all = [...kept, ...reports].sort((a, b) => a.module.localeCompare(b.module));
  const machine = { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
  writeFileSync(OUT, JSON.stringify({ at: new Date().toISOString(), quick, machine, modules: all }, null, 2) + '\n');
  process.stdout.write(`\n${table(reports)}\n\nResults written to ${path.relative(ROOT, OUT)}\n`);
  return reports.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
