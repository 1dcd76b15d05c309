/**
 * The page pipeline (sharp + pdf-lib) on realistic 200-dpi A4 pages — grey, colour and black-and-white
 * text, rendered from a Vietnamese document like test/fixtures/scan-fixtures.ts — beside two baselines
 * in one run: ImageMagick `convert` re-encoding each page (JPEG q70; Group 4 for 1-bit) with `img2pdf`
 * wrapping (Debian's policy forbids convert writing PDF), and `img2pdf` alone on the scanner PNGs.
 * Each contender runs in a child process; peak memory is that child's max RSS (getrusage), and for
 * convert the largest of its per-page processes. Also: our peak memory at 10 vs 200 pages.
 * Standalone: `npx tsx test/bench/pipeline.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { makeVietnamesePdf } from '../fixtures/scan-fixtures';
import type { BenchContext, BenchResult } from './bench-types';

type Mode = 'gray' | 'color' | 'bw';

/** Run a command; returns wall ms and the child's max RSS in MB (python's getrusage over its children). */
function measured(cmd: string, args: string[], cwd: string): { ms: number; rssMb: number; stdout: string } {
  const py = 'import resource,subprocess,sys,time\nt=time.time()\nr=subprocess.run(sys.argv[1:],capture_output=True)\nsys.stderr.write(r.stderr.decode(errors="replace"))\nif r.returncode: sys.exit(r.returncode)\nprint(r.stdout.decode().strip())\nprint("%f %d"%((time.time()-t)*1000,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))';
  const out = execFileSync('python3', ['-c', py, cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).trim().split('\n');
  const [ms, kb] = out.pop()!.split(' ').map(Number);
  return { ms: ms!, rssMb: kb! / 1024, stdout: out.join('\n') };
}

async function pagesFor(dir: string): Promise<Record<Mode, string[]>> {
  const pdf = await makeVietnamesePdf(3);
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '200', '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
  const colour = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort().map((f) => join(dir, f));
  const out: Record<Mode, string[]> = { gray: [], color: [], bw: [] };
  for (const [i, ppm] of colour.entries()) {
    // Scanner-like PNGs: what scanimage --format=png delivers in each mode.
    const c = join(dir, `colour-${i}.png`);
    await sharp(ppm).withMetadata({ density: 200 }).png().toFile(c);
    const g = join(dir, `grey-${i}.png`);
    await sharp(ppm).toColourspace('b-w').withMetadata({ density: 200 }).png().toFile(g);
    out.color.push(c);
    out.gray.push(g);
    out.bw.push(g);
  }
  return out;
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const dir = ctx.tmpDir;
  const worker = join(ctx.root, 'test/bench/pipeline-worker.ts');
  const tsx = ['--import', 'tsx', worker];
  const pages = await pagesFor(dir);
  const n = ctx.quick ? 6 : 30;
  const results: BenchResult[] = [];
  const idle = measured(process.execPath, [...tsx, 'idle', '0', '-'], ctx.root);

  for (const mode of ['gray', 'color', 'bw'] as Mode[]) {
    ctx.log(`pipeline ${mode}: ${n} pages`);
    const list = Array.from({ length: n }, (_, i) => pages[mode][i % pages[mode].length]!);
    // Ours.
    const ourOut = join(dir, `ours-${mode}.pdf`);
    const ours = measured(process.execPath, [...tsx, mode, String(n), ourOut, ...pages[mode]], ctx.root);
    const ourInfo = JSON.parse(ours.stdout) as { ms: number; bytes: number };
    // Baseline 1: convert per page (JPEG q70, or 1-bit Group 4) + img2pdf.
    let convMs = 0;
    let convRss = 0;
    const encoded: string[] = [];
    for (const [i, png] of list.entries()) {
      const target = join(dir, `im-${mode}-${i}.${mode === 'bw' ? 'tif' : 'jpg'}`);
      const args = mode === 'bw' ? [png, '-threshold', '60%', '-monochrome', '-compress', 'Group4', target] : [png, '-quality', '70', target];
      const r = measured('convert', args, dir);
      convMs += r.ms;
      convRss = Math.max(convRss, r.rssMb);
      encoded.push(target);
    }
    const imOut = join(dir, `im-${mode}.pdf`);
    const wrap = measured('img2pdf', [...encoded, '-o', imOut], dir);
    convMs += wrap.ms;
    convRss = Math.max(convRss, wrap.rssMb);
    // Baseline 2: img2pdf alone on the scanner PNGs.
    const rawOut = join(dir, `img2pdf-${mode}.pdf`);
    const raw = measured('img2pdf', [...list, '-o', rawOut], dir);

    const pps = (ms: number) => (n * 1000) / ms;
    const kbPage = (file: string) => statSync(file).size / 1024 / n;
    results.push(
      { name: `${mode}: pages/second (${n} A4 pages, 200 dpi)`, value: pps(ourInfo.ms), unit: 'p/s', baseline: { name: 'convert + img2pdf', value: pps(convMs) }, notes: `img2pdf alone ${pps(raw.ms).toFixed(1)} p/s; ours excludes Node/tsx start (${(ours.ms - ourInfo.ms).toFixed(0)} ms), baselines include process starts` },
      { name: `${mode}: KB per page`, value: kbPage(ourOut), unit: 'KB', baseline: { name: 'convert + img2pdf', value: kbPage(imOut) }, notes: `img2pdf alone ${kbPage(rawOut).toFixed(0)} KB/page` },
      { name: `${mode}: peak memory`, value: ours.rssMb, unit: 'MB', baseline: { name: 'convert + img2pdf (largest process)', value: convRss }, notes: `img2pdf alone ${raw.rssMb.toFixed(0)} MB; Node+tsx idle ${idle.rssMb.toFixed(0)} MB of ours` },
    );
  }

  // Flat memory: the same pipeline at 10 and at 200 pages (grey).
  const big = ctx.quick ? 50 : 200;
  const small = measured(process.execPath, [...tsx, 'gray', '10', join(dir, 'm10.pdf'), ...pages.gray], ctx.root);
  ctx.log(`pipeline memory: ${big} pages`);
  const large = measured(process.execPath, [...tsx, 'gray', String(big), join(dir, `m${big}.pdf`), ...pages.gray], ctx.root);
  results.push({ name: `gray: peak memory at ${big} pages`, value: large.rssMb, unit: 'MB', baseline: { name: 'same pipeline at 10 pages', value: small.rssMb }, notes: `PDF ${(statSync(join(dir, `m${big}.pdf`)).size / 1024 / 1024).toFixed(1)} MB held until written` });
  return results;
}

// Standalone: `npx tsx test/bench/pipeline.bench.ts` prints the table without the runner.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'motcua-bench-pipeline-'));
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  bench({ root, tmpDir, quick: process.env.BENCH_QUICK === '1', log: (m) => process.stderr.write(m + '\n') })
    .then((rows) => {
      for (const r of rows) process.stdout.write(`${r.name.padEnd(45)} ${r.value.toFixed(1).padStart(8)} ${r.unit.padEnd(4)} | ${r.baseline?.name ?? ''}: ${r.baseline?.value.toFixed(1) ?? ''} | ${r.notes ?? ''}\n`);
      rmSync(tmpDir, { recursive: true, force: true });
    })
    .catch((e: unknown) => {
      process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
      rmSync(tmpDir, { recursive: true, force: true });
      process.exit(1);
    });
}
