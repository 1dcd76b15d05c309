import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Read-back helpers for the form tests: poppler (pdftotext, pdftoppm, pdffonts, pdftohtml, pdfimages) and zbarimg. */

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

const TOOLS = ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo', 'pdftohtml', 'pdfimages', 'zbarimg'];
export const missingTools = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missingTools.length > 0 && process.env.CI === 'true') throw new Error(`CI=true but ${missingTools.join(', ')} missing: the PDF read-back suites would skip`);

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-form-'));
  try {
    const file = join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

/** Text of one page (1-based) or of the whole document, `pdftotext -layout`. */
export function pdfText(pdf: Buffer, page?: number): string {
  return withFile(pdf, (f) => run('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), f, '-']));
}

/** Collapse runs of spaces, for assertions on phrases that pdftotext may space out. */
export const squash = (s: string) => s.replace(/[ \u00a0]+/g, ' ');

export function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number } {
  const out = withFile(pdf, (f) => run('pdfinfo', [f]));
  const pages = Number(/Pages:\s+(\d+)/.exec(out)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}
export function pdfFonts(pdf: Buffer): FontRow[] {
  const out = withFile(pdf, (f) => run('pdffonts', [f]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l.trim());
      return { name: m?.[1] ?? l.trim(), type: m?.[2] ?? '', embedded: m?.[4] === 'yes' };
    });
}

export function pdfImageCount(pdf: Buffer): number {
  const out = withFile(pdf, (f) => run('pdfimages', ['-list', f]));
  return out.split('\n').slice(2).filter((l) => l.trim()).length;
}

export interface TextBox {
  page: number;
  top: number;
  left: number;
  width: number;
  height: number;
  size: number;
  bold: boolean;
  italic: boolean;
  text: string;
}

/** Every text fragment with its box in points, size and weight (`pdftohtml -xml -zoom 1`). */
export function pdfTextBoxes(pdf: Buffer): TextBox[] {
  const xml = withFile(pdf, (f) => run('pdftohtml', ['-xml', '-i', '-stdout', '-zoom', '1', '-q', f]));
  const boxes: TextBox[] = [];
  let page = 0;
  const sizes = new Map<string, number>();
  const decode = (s: string) =>
    s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  for (const line of xml.split('\n')) {
    const p = /<page number="(\d+)"/.exec(line);
    if (p) page = Number(p[1]);
    const fs = /<fontspec id="(\d+)" size="([\d.-]+)"/.exec(line);
    if (fs) sizes.set(fs[1]!, Number(fs[2]));
    const t = /<text top="([\d.-]+)" left="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)" font="(\d+)">(.*)<\/text>/.exec(line);
    if (t) {
      boxes.push({
        page,
        top: Number(t[1]),
        left: Number(t[2]),
        width: Number(t[3]),
        height: Number(t[4]),
        size: sizes.get(t[5]!) ?? 0,
        bold: t[6]!.includes('<b>'),
        italic: t[6]!.includes('<i>'),
        text: decode(t[6]!),
      });
    }
  }
  return boxes;
}

/** Render a page at `dpi` and return what zbarimg decodes (one symbol per entry). */
export function decodeSymbols(pdf: Buffer, page: number, dpi = 200): string[] {
  return withFile(pdf, (f, dir) => {
    run('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', f, join(dir, 'p')]);
    const r = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'p.png')], { encoding: 'utf8' });
    return r.stdout.split('\n').filter((l) => l.length > 0);
  });
}

/** Save a PDF and a 60-dpi PNG of its pages under test/artifacts/ for people to look at. */
export function saveArtifacts(name: string, pdf: Buffer): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, name)]);
}

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word with its box in points, per page (`pdftotext -bbox`): layout checks from the PDF's own text positions. */
export function pdfWords(pdf: Buffer): Word[] {
  const html = withFile(pdf, (f) => run('pdftotext', ['-bbox', f, '-']));
  const words: Word[] = [];
  let page = 0;
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  for (const line of html.split('\n')) {
    if (/<page /.test(line)) page++;
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w) words.push({ page, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: decode(w[5]!) });
  }
  return words;
}

/** Words grouped into lines (same page, baselines within 1.5 pt), top to bottom, each left to right. */
export function wordLines(words: Word[]): Word[][] {
  const lines: Word[][] = [];
  for (const w of [...words].sort((a, b) => a.page - b.page || a.yMax - b.yMax || a.xMin - b.xMin)) {
    const last = lines[lines.length - 1];
    if (last && last[0]!.page === w.page && Math.abs(last[0]!.yMax - w.yMax) < 1.5) last.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin));
}
