import { AppError } from '../../../shared/errors';
import type { FontStyle } from './fonts';

/** A piece of text in one font style. */
export interface Run {
  text: string;
  style: FontStyle;
}

export interface Line {
  runs: Run[];
  width: number;
  /** Offset from the block's left edge (first-line indent or hanging indent). */
  offset: number;
}

export type Measure = (text: string, style: FontStyle) => number;

function combine(bold: boolean, italic: boolean): FontStyle {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'regular';
}

/** Split template text on **bold** / *italic* marks (a backslash escapes a star). */
export function parseMarkup(source: string, base: FontStyle): Run[] {
  const baseBold = base === 'bold' || base === 'boldItalic';
  const baseItalic = base === 'italic' || base === 'boldItalic';
  let bold = false;
  let italic = false;
  const runs: Run[] = [];
  let buf = '';
  const flush = () => {
    if (buf) runs.push({ text: buf, style: combine(baseBold !== bold, baseItalic !== italic) });
    buf = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && source[i + 1] === '*') {
      buf += '*';
      i++;
    } else if (ch === '*' && source[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (ch === '*') {
      flush();
      italic = !italic;
    } else buf += ch;
  }
  flush();
  return runs;
}

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)(?:\|([^}]*))?\}/g;

export function lookup(ctx: Record<string, unknown>, path: string): unknown {
  let cur: unknown = ctx;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Replace {path} / {path|fallback}; an unknown path is a template error, an empty value prints the fallback. */
export function interpolate(text: string, ctx: Record<string, unknown>, where: string): string {
  return text.replace(PLACEHOLDER, (_m, path: string, fallback: string | undefined) => {
    const v = lookup(ctx, path);
    if (v === undefined) {
      throw new AppError('internal', `Mẫu biểu ${where} dùng trường {${path}} không có trong dữ liệu biểu mẫu. Hãy sửa lại tệp mẫu.`, {
        details: { template: where, field: path },
      });
    }
    const s = v === null ? '' : Array.isArray(v) ? v.join('\n') : String(v);
    return s === '' ? (fallback ?? '') : s;
  });
}

/** Template text with data filled in, as styled runs. Markup is read from the template only, never from data. */
export function richText(source: string, ctx: Record<string, unknown>, base: FontStyle, where: string): Run[] {
  return parseMarkup(source, base)
    .map((r) => ({ text: interpolate(r.text, ctx, where).normalize('NFC'), style: r.style }))
    .filter((r) => r.text !== '');
}

type Token = { kind: 'word'; pieces: Run[] } | { kind: 'space'; style: FontStyle } | { kind: 'br' };

function tokenize(runs: Run[]): Token[] {
  const tokens: Token[] = [];
  let word: Run[] | null = null;
  for (const run of runs) {
    for (const part of run.text.split(/(\n|[ \t]+)/)) {
      if (part === '') continue;
      if (part === '\n' || /^[ \t]+$/.test(part)) {
        if (word) tokens.push({ kind: 'word', pieces: word });
        word = null;
        tokens.push(part === '\n' ? { kind: 'br' } : { kind: 'space', style: run.style });
      } else {
        // Consecutive runs without a space between them stay one word ("**Số:**12"), but a long code may break
        // after a hyphen or slash ("H50.12.34-|260213-|0001") rather than between arbitrary characters.
        const pieces = part.split(/(?<=[-/])(?=.)/);
        pieces.forEach((piece, i) => {
          if (i > 0 && word) {
            tokens.push({ kind: 'word', pieces: word });
            word = null;
          }
          (word ??= []).push({ text: piece, style: run.style });
        });
      }
    }
  }
  if (word) tokens.push({ kind: 'word', pieces: word });
  return tokens;
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.style === r.style) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Greedy line breaking with per-style measurement, so bold names and italic notes wrap exactly as drawn and the
 * renderer knows every block's height before drawing (needed to fit Mẫu 01 on one page).
 */
export function wrap(runs: Run[], maxWidth: number, measure: Measure, firstIndent = 0, hang = 0): Line[] {
  const lines: Line[] = [];
  let cur: Run[] = [];
  let width = 0;
  let pendingSpace: FontStyle | null = null;
  const avail = () => maxWidth - (lines.length === 0 ? firstIndent : hang);
  const push = () => {
    lines.push({ runs: mergeRuns(cur), width, offset: lines.length === 0 ? firstIndent : hang });
    cur = [];
    width = 0;
    pendingSpace = null;
  };
  for (const t of tokenize(runs)) {
    if (t.kind === 'br') {
      push();
      continue;
    }
    if (t.kind === 'space') {
      if (cur.length > 0) pendingSpace = t.style;
      continue;
    }
    const w = t.pieces.reduce((s, p) => s + measure(p.text, p.style), 0);
    const spaceW = pendingSpace ? measure(' ', pendingSpace) : 0;
    if (cur.length > 0 && width + spaceW + w <= avail()) {
      if (pendingSpace) cur.push({ text: ' ', style: pendingSpace });
      cur.push(...t.pieces);
      width += spaceW + w;
      pendingSpace = null;
      continue;
    }
    if (cur.length > 0) push();
    if (w <= avail()) {
      cur.push(...t.pieces);
      width = w;
      continue;
    }
    // A word wider than the line (a long code or e-mail): break it between characters.
    for (const p of t.pieces) {
      for (const ch of Array.from(p.text)) {
        const cw = measure(ch, p.style);
        if (cur.length > 0 && width + cw > avail()) push();
        cur.push({ text: ch, style: p.style });
        width += cw;
      }
    }
  }
  if (cur.length > 0 || lines.length === 0) push();
  return lines;
}
