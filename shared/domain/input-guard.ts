/**
 * The first thing every call's input meets, before its schema (issue 15 item 8): bounded depth,
 * no prototype-polluting keys, only well-formed UTF-16, every string NFC-normalised.
 *
 * Why here and not in zod: the walk that normalises text must itself be safe. A recursive copy of
 * JSON nested 10,000 levels overflows the stack (the dispatcher is documented never to throw), and
 * copying a `__proto__` key with `out[k] = v` sets the copy's prototype, so `{"__proto__":{"pin":…}}`
 * reads as `pin` to a strict object schema that saw no unknown key. The walk is depth-bounded
 * (it refuses at MAX_INPUT_DEPTH, so it never recurses deeper), and it runs once per call, so it
 * must stay linear and cheap (the intake path goes through it).
 */
import { vi } from '../i18n/vi';

/** Deeper than any channel's input (the deepest, form data, is under 8 levels); JSON bombs are far deeper. */
export const MAX_INPUT_DEPTH = 32;

/** Keys that mean something to the JavaScript object model, never to a form. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A lone (unpaired) surrogate: half of a character, which a database silently turns into U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export interface InputRefusal {
  /** Dotted path of the offending place (as zod issues name fields). */
  path: string;
  message: string;
  reason: 'too_deep' | 'forbidden_key' | 'lone_surrogate';
}

export type GuardResult<T> = { ok: true; value: T } | { ok: false; refusal: InputRefusal };

class Refused {
  constructor(readonly refusal: InputRefusal) {}
}

/**
 * Check and NFC-normalise a JSON-like value. Plain objects and arrays are copied (so a caller's
 * object is never changed); other values (numbers, Buffers, Dates from in-process callers) pass as
 * they are. Never throws.
 */
export function guardInput<T>(value: T): GuardResult<T> {
  try {
    return { ok: true, value: walk(value, [], 0) as T };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    // A getter that throws, a Proxy: not JSON, so not input.
    return { ok: false, refusal: { path: '', message: vi.validation.generic, reason: 'too_deep' } };
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, path: string[], depth: number): unknown {
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new Refused({ path: path.join('.'), message: vi.validation.loneSurrogate, reason: 'lone_surrogate' });
    return value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  // Refused before going one level deeper: the walk's own stack never exceeds MAX_INPUT_DEPTH frames.
  if (depth >= MAX_INPUT_DEPTH) {
    throw new Refused({ path: path.slice(0, 8).join('.') + (path.length > 8 ? '…' : ''), message: vi.validation.tooDeep(MAX_INPUT_DEPTH), reason: 'too_deep' });
  }
  if (isArray) {
    const list = value as unknown[];
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      path.push(String(i));
      out[i] = walk(list[i], path, depth + 1);
      path.pop();
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  // Object.keys lists an own "__proto__" key made by JSON.parse; a for…in would also see it.
  for (const rawKey of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(rawKey)) {
      throw new Refused({ path: [...path, rawKey].join('.'), message: vi.validation.forbiddenKey(rawKey), reason: 'forbidden_key' });
    }
    if (hasLoneSurrogate(rawKey)) throw new Refused({ path: path.join('.'), message: vi.validation.loneSurrogate, reason: 'lone_surrogate' });
    const key = rawKey.normalize('NFC');
    if (FORBIDDEN_KEYS.has(key)) throw new Refused({ path: [...path, key].join('.'), message: vi.validation.forbiddenKey(key), reason: 'forbidden_key' });
    path.push(key);
    out[key] = walk((value as Record<string, unknown>)[rawKey], path, depth + 1);
    path.pop();
  }
  return out;
}
