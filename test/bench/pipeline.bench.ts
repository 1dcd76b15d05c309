/**
 * The page pipeline (sharp + streaming PDF writer) on 200-dpi A4 pages of a Vietnamese document —
 * grey, colour and black-and-white text; scanner-like and noise-free — beside two baselines
 * in one run: ImageMagick `convert` re-encoding each page (JPEG q70; Group 4 for 1-bit) with `img2pdf`
 * wrapping (Debian's policy forbids convert writing PDF), and `img2pdf` alone on the scanner PNGs.
 * Each contender runs in a child process; peak memory is that child's max RSS (getrusage), and for
 * convert the largest of its per-page processes. Also: our peak memory at 10 vs 200 pages (50 quick).
 * Alone: `npm run bench -- pipeline`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The Vietnamese document rendered at 200 dpi; unless `clean`, given what a flatbed adds: slightly
 * soft optics (Gaussian blur σ 0.6 px), off-white paper (about 245) and sensor noise (σ ≈ 2.5 grey
 * levels, a seeded PRNG so every run sees the same pixels). The noise-free render is the case most
 * favourable to lossless PNG (img2pdf).
 * Grey pages are 1-channel PNGs and colour pages 3-channel, as `scanimage --format=png` delivers them.
 */
export async function pagesFor(dir: string, clean: boolean): Promise<Record<Mode, string[]>> {
  const pdf = await makeVietnamesePdf(3);
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '200', '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
  const rendered = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort().map((f) => join(dir, f));
  const out: Record<Mode, string[]> = { gray: [], color: [], bw: [] };
  let seed = 0x2545f491;
  const rand = () => {
    // xorshift32: fast, deterministic, good enough for sensor noise.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  // Sum of 4 uniforms ≈ Gaussian; σ of one uniform(-0.5..0.5) is 0.289, of the sum 0.577.
  const noise = () => ((rand() + rand() + rand() + rand() - 2) / 0.577) * 2.5;
  for (const [i, file] of rendered.entries()) {
    let colour = sharp(file).removeAlpha();
    if (!clean) {
      const { data, info } = await colour.blur(0.6).raw().toBuffer({ resolveWithObject: true });
      for (let p = 0; p < data.length; p += info.channels) {
        const n = noise();
        // Paper at ~245 instead of 255; the noise is mostly shared across channels, like a CCD's.
        for (let c = 0; c < info.channels; c++) data[p + c] = Math.max(0, Math.min(255, Math.round(data[p + c]! * 0.96 + n + noise() * 0.3)));
      }
      colour = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 3 } });
    }
    const rgb = await colour.png().toBuffer();
    const c = join(dir, `colour-${i}.png`);
    await sharp(rgb).withDensity(200).png().toFile(c);
    const g = join(dir, `grey-${i}.png`);
    // withDensity, not withMetadata: the latter brings the sRGB profile back and with it 3 channels.
    await sharp(rgb).toColourspace('b-w').withDensity(200).png().toFile(g);
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
  // Both kinds of page in one run (BENCH_PAGES=scanned or =clean for one): scanner-like pages are what
  // a desk digitizes; noise-free renders are the case most favourable to lossless img2pdf.
  const kinds = process.env.BENCH_PAGES === 'clean' ? [true] : process.env.BENCH_PAGES === 'scanned' ? [false] : [false, true];
  const n = ctx.quick ? 6 : 30;
  const results: BenchResult[] = [];
  const idle = measured(process.execPath, [...tsx, 'idle', '0', '-'], ctx.root);
  let scannedPages: Record<Mode, string[]> | null = null;

  for (const clean of kinds) {
    const kindDir = join(dir, clean ? 'clean' : 'scanned');
    mkdirSync(kindDir, { recursive: true });
    const pages = await pagesFor(kindDir, clean);
    if (!clean) scannedPages = pages;
    const pagesNote = clean ? 'noise-free render' : 'scanner-like: blur, paper tone, noise';
    const label = clean ? 'clean' : 'scanned';
    for (const mode of ['gray', 'color', 'bw'] as Mode[]) {
      ctx.log(`pipeline ${label} ${mode}: ${n} pages (${pagesNote})`);
      const list = Array.from({ length: n }, (_, i) => pages[mode][i % pages[mode].length]!);
      // Ours.
      const ourOut = join(kindDir, `ours-${mode}.pdf`);
      const ours = measured(process.execPath, [...tsx, mode, String(n), ourOut, ...pages[mode]], ctx.root);
      const ourInfo = JSON.parse(ours.stdout) as { ms: number; bytes: number };
      // Baseline 1: convert per page (JPEG q70, or 1-bit Group 4) + img2pdf.
      let convMs = 0;
      let convRss = 0;
      const encoded: string[] = [];
      for (const [i, png] of list.entries()) {
        const target = join(kindDir, `im-${mode}-${i}.${mode === 'bw' ? 'tif' : 'jpg'}`);
        const args = mode === 'bw' ? [png, '-threshold', '60%', '-monochrome', '-compress', 'Group4', target] : [png, '-quality', '70', target];
        const r = measured('convert', args, dir);
        convMs += r.ms;
        convRss = Math.max(convRss, r.rssMb);
        encoded.push(target);
      }
      const imOut = join(kindDir, `im-${mode}.pdf`);
      const wrap = measured('img2pdf', [...encoded, '-o', imOut], dir);
      convMs += wrap.ms;
      convRss = Math.max(convRss, wrap.rssMb);
      // Baseline 2: img2pdf alone on the scanner PNGs.
      const rawOut = join(kindDir, `img2pdf-${mode}.pdf`);
      const raw = measured('img2pdf', [...list, '-o', rawOut], dir);

      const pps = (ms: number) => (n * 1000) / ms;
      const kbPage = (file: string) => statSync(file).size / 1024 / n;
      results.push(
        { name: `${label} ${mode}: pages/second (${n} A4 pages, 200 dpi)`, value: pps(ourInfo.ms), unit: 'p/s', baseline: { name: 'convert + img2pdf', value: pps(convMs) }, notes: `img2pdf alone ${pps(raw.ms).toFixed(1)} p/s; ours excludes Node/tsx start (${(ours.ms - ourInfo.ms).toFixed(0)} ms), baselines include process starts` },
        { name: `${label} ${mode}: KB per page`, value: kbPage(ourOut), unit: 'KB', baseline: { name: 'convert + img2pdf', value: kbPage(imOut) }, notes: `img2pdf alone ${kbPage(rawOut).toFixed(1)} KB/page; input PNG ${(statSync(pages[mode][0]!).size / 1024).toFixed(1)} KB (${pagesNote})` },
        { name: `${label} ${mode}: peak memory`, value: ours.rssMb, unit: 'MB', baseline: { name: 'convert + img2pdf (largest process)', value: convRss }, notes: `img2pdf alone ${raw.rssMb.toFixed(0)} MB; Node+tsx idle ${idle.rssMb.toFixed(0)} MB of ours` },
      );
    }
  }

  // Flat memory: the same pipeline at 10 and at 200 pages (grey), each in its own process, writing
  // through finishToFile (pages stream to a temp file, then move to the output: no whole-PDF buffer).
  const big = ctx.quick ? 50 : 200;
  const pages = scannedPages ?? (await pagesFor(join(dir, 'clean'), true));
  const small = measured(process.execPath, [...tsx, 'gray', '10', join(dir, 'm10.pdf'), ...pages.gray], ctx.root);
  ctx.log(`pipeline memory: ${big} pages`);
  const large = measured(process.execPath, [...tsx, 'gray', String(big), join(dir, `m${big}.pdf`), ...pages.gray], ctx.root);
  const bigMb = statSync(join(dir, `m${big}.pdf`)).size / 1024 / 1024;
  results.push({
    name: `gray: peak memory at ${big} pages`,
    value: large.rssMb,
    unit: 'MB',
    baseline: { name: 'same pipeline at 10 pages', value: small.rssMb },
    notes: `max RSS of the worker process (Node+tsx idle ${idle.rssMb.toFixed(0)} MB); streamed to disk via finishToFile, PDF ${bigMb.toFixed(1)} MB; growth ${(large.rssMb - small.rssMb).toFixed(0)} MB`,
  });
  return results;
}
