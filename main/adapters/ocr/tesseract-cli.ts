/**
 * OCR with the `tesseract` command (Debian tesseract-ocr + tesseract-ocr-vie; the Windows installer's
 * tesseract.exe the same). One child process per page, at the lowest CPU priority so intake never
 * waits on it; `--psm 1` makes tesseract detect the page's orientation (OSD) and skew before reading.
 * Output is TSV: words with boxes, from which the text is rebuilt in reading order.
 */
import { spawn } from 'node:child_process';
import { setPriority, constants as osConstants } from 'node:os';
import { OcrEngineError, type OcrEngine, type OcrRequest, type OcrResult, type OcrWord } from '../../core/ports/ocr';

export interface TesseractCliOptions {
  /** The program (default `tesseract` on PATH, or MOTCUA_TESSERACT). */
  command?: string;
  /** Page segmentation mode (default 1: automatic with orientation and script detection). */
  psm?: number;
}

const STDERR_LIMIT = 4000;

export function tesseractCliEngine(opts: TesseractCliOptions = {}): OcrEngine {
  const command = opts.command ?? process.env.MOTCUA_TESSERACT ?? 'tesseract';
  const psm = opts.psm ?? 1;
  return {
    kind: 'tesseract-cli',
    async probe() {
      try {
        const { code, stdout, stderr } = await run(command, ['--list-langs'], null, 10_000);
        const langs = stdout.split(/\r?\n/).slice(1).map((l) => l.trim()).filter(Boolean);
        if (code !== 0) return { available: false, detail: `${command} --list-langs exited ${code}: ${stderr.trim().slice(0, 200)}` };
        if (!langs.includes('vie')) return { available: false, detail: `${command}: no 'vie' traineddata (${langs.join(', ')})` };
        return { available: true, detail: `${command} (${langs.join(', ')})` };
      } catch (e) {
        return { available: false, detail: (e as Error).message };
      }
    },
    async recognize(image: Buffer, req: OcrRequest): Promise<OcrResult> {
      const args = ['stdin', 'stdout', '-l', req.lang, '--psm', String(psm), 'tsv'];
      const { code, stdout, stderr } = await run(command, args, image, req.timeoutMs ?? 120_000, req.signal);
      if (code !== 0) {
        // Leptonica says "Error in pixReadMem" (or similar) for bytes that are no image.
        if (/pixRead|image file|Unsupported image|Error during processing/i.test(stderr)) throw new OcrEngineError('unreadable_image', stderr.trim().slice(0, 300));
        throw new OcrEngineError('engine_failed', `exit ${code}: ${stderr.trim().slice(0, 300)}`);
      }
      return parseTsv(stdout);
    },
  };
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input: Buffer | null, timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OcrEngineError('aborted', 'aborted'));
    // One thread per process: the queue runs one process per spare core, never more.
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' }, windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new OcrEngineError('timeout', `${command} took longer than ${timeoutMs} ms`)));
    }, timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(new OcrEngineError('aborted', 'aborted')));
    };
    signal?.addEventListener('abort', onAbort);
    child.on('spawn', () => {
      try {
        if (child.pid) setPriority(child.pid, osConstants.priority.PRIORITY_LOW);
      } catch {
        /* lowering priority is best effort (some sandboxes refuse it) */
      }
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(() => reject(new OcrEngineError(e.code === 'ENOENT' ? 'engine_missing' : 'engine_failed', `${command}: ${e.message}`)));
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < STDERR_LIMIT) err += b.toString('utf8');
    });
    child.on('close', (code, sig) => {
      finish(() => resolve({ code: code ?? (sig ? -1 : null), stdout: Buffer.concat(out).toString('utf8'), stderr: err }));
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading everything (bad image): its exit code tells */
    });
    child.stdin.end(input ?? undefined);
  });
}

/** Tesseract TSV (level, page, block, par, line, word, left, top, width, height, conf, text) → words and text. */
export function parseTsv(tsv: string): OcrResult {
  const words: OcrWord[] = [];
  const lines: string[][] = [];
  const lineKeys = new Map<string, number>();
  const paraOfLine: string[] = [];
  for (const row of tsv.split(/\r?\n/)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim().normalize('NFC');
    const conf = Number(f[10]);
    if (!text || conf < 0) continue;
    const para = `${f[2]}/${f[3]}`;
    const key = `${para}/${f[4]}`;
    let line = lineKeys.get(key);
    if (line === undefined) {
      line = lines.length;
      lineKeys.set(key, line);
      lines.push([]);
      paraOfLine.push(para);
    }
    lines[line]!.push(text);
    words.push({ text, x: Number(f[6]), y: Number(f[7]), w: Number(f[8]), h: Number(f[9]), conf, line });
  }
  let out = '';
  lines.forEach((l, i) => {
    if (i > 0) out += paraOfLine[i] === paraOfLine[i - 1] ? '\n' : '\n\n';
    out += l.join(' ');
  });
  const confidence = words.length ? Math.round(words.reduce((s, w) => s + w.conf, 0) / words.length) : null;
  return { text: out, confidence, words };
}
