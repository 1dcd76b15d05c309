import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries from the contract's zod input schemas (zod 4 internals, `_zod.def`), so
 * every channel is fuzzed from its own table entry and a channel added tomorrow is fuzzed too.
 * `fromSchema` aims at inputs that pass the schema (patterns via `stringMatching`); `hostile`
 * mutates them into what a broken or malicious client sends.
 */

type Def = { type: string; [k: string]: any };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

const VIETNAMESE = ['Nguyễn Thị Hường', 'Đặng Văn Ấn', 'Hồ Thị Lan', 'Trần Quốc Tuấn', 'xã Hướng Phùng', 'Phường Đông Hà'];

interface StringLimits {
  min: number;
  max: number;
  pattern: RegExp | null;
  format: string | null;
}

function stringLimits(def: Def): StringLimits {
  const out: StringLimits = { min: 0, max: 80, pattern: null, format: null };
  if (def.pattern instanceof RegExp) out.pattern = def.pattern;
  if (typeof def.format === 'string') out.format = def.format;
  for (const c of (def.checks ?? []) as Array<{ _zod: { def: Def } }>) {
    const d = c._zod.def;
    if (d.check === 'min_length') out.min = Math.max(out.min, d.minimum);
    else if (d.check === 'max_length') out.max = Math.min(out.max, d.maximum);
    else if (d.check === 'length_equals') out.min = out.max = d.length;
    if (d.check === 'string_format') {
      if (d.pattern instanceof RegExp) out.pattern = d.pattern;
      if (typeof d.format === 'string') out.format = d.format;
    }
  }
  if (out.max < out.min) out.max = out.min;
  return out;
}

function stringArb(def: Def): fc.Arbitrary<string> {
  const l = stringLimits(def);
  if (l.format === 'uuid' || l.format === 'guid') return fc.uuid();
  if (l.format === 'email') return fc.emailAddress();
  if (l.pattern) return fc.stringMatching(l.pattern).filter((s) => s.length >= l.min && s.length <= Math.max(l.max, l.min));
  const plain = fc.string({ minLength: l.min, maxLength: Math.max(l.min, Math.min(l.max, 40)) });
  const vietnamese = fc.constantFrom(...VIETNAMESE).filter((s) => s.length >= l.min && s.length <= l.max);
  return l.max >= 16 && l.min <= 8 ? fc.oneof(plain, vietnamese) : plain;
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  let int = false;
  for (const c of (def.checks ?? []) as Array<{ _zod: { def: Def } }>) {
    const d = c._zod.def;
    if (d.check === 'number_format' && /int/.test(d.format)) int = true;
    if (d.check === 'greater_than') min = d.inclusive ? d.value : d.value + (int ? 1 : 1e-6);
    if (d.check === 'less_than') max = d.inclusive ? d.value : d.value - (int ? 1 : 1e-6);
  }
  if (int) return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function fromSchema(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 6) return fc.constant(undefined);
  switch (def.type) {
    case 'string':
      return stringArb(def);
    case 'number':
    case 'int':
      return numberArb(def);
    case 'bigint':
      return fc.integer().map((n) => n);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: null, freq: 3 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: undefined, freq: 2 });
    case 'pipe':
      return fromSchema(def.in, depth + 1);
    case 'lazy':
      return fromSchema(def.getter(), depth + 1);
    case 'array': {
      let min = 0;
      let max = 4;
      for (const c of (def.checks ?? []) as Array<{ _zod: { def: Def } }>) {
        if (c._zod.def.check === 'min_length') min = c._zod.def.minimum;
        if (c._zod.def.check === 'max_length') max = Math.min(max, c._zod.def.maximum);
      }
      return fc.array(fromSchema(def.element, depth + 1), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((i) => fromSchema(i, depth + 1)));
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => fromSchema(o, depth + 1)));
    case 'intersection':
      return fc.tuple(fromSchema(def.left, depth + 1), fromSchema(def.right, depth + 1)).map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(
        fromSchema(def.keyType, depth + 1).map(String),
        fromSchema(def.valueType, depth + 1),
        { maxKeys: 3 },
      );
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const entries = Object.entries(shape).map(([k, v]) => [k, fromSchema(v, depth + 1)] as const);
      return fc.record(Object.fromEntries(entries)).map((o) => {
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined) copy[k] = v;
        return copy;
      });
    }
    default:
      // transform, custom, any, unknown, date, …: anything JSON can carry.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values a hostile or buggy client puts where a field belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    -0,
    '',
    ' ',
    '2026-02-30',
    '2026-13-01',
    '2026-02-29T25:61',
    '30/02/2026',
    'N\u0303guye\u0302\u0303n Thi\u0323 Hu\u031bo\u031b\u0300ng',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '../../../../etc/passwd',
    '=cmd|\' /C calc\'!A0',
    '<script>alert(1)</script>',
    "'; DROP TABLE dossiers; --",
    '%s%n%x',
    [],
    {},
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.integer().map((n) => n),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(200_000, 1_100_000).map((n) => 'Ư'.repeat(n)),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.constant(null).map(() => deepNest(200)),
);

function deepNest(depth: number): unknown {
  let v: unknown = 'đáy';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Drop a field, add an unknown one, or replace one (at any depth) by a hostile value. */
export function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths = collectPaths(value);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...(paths.length ? paths : [[]])), hostileValue).map(([path, v]) => setAt(value, path, v)),
    fc.constantFrom(...(paths.length ? paths : [[]])).map((path) => dropAt(value, path)),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([k, v]) => (isPlain(value) ? { ...value, [k]: v } : { [k]: v })),
    hostileValue,
  );
}

type Path = Array<string | number>;

function collectPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 200) return out;
  const children: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : isPlain(value) ? Object.entries(value) : [];
  for (const [key, child] of children) {
    out.push([...prefix, key]);
    collectPaths(child, [...prefix, key], out);
  }
  return out;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setAt(value: unknown, path: Path, v: unknown): unknown {
  if (path.length === 0) return v;
  const root = clone(value) as any;
  let cur = root;
  for (const key of path.slice(0, -1)) cur = cur[key];
  cur[path.at(-1)!] = v;
  return root;
}

function dropAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const root = clone(value) as any;
  let cur = root;
  for (const key of path.slice(0, -1)) cur = cur[key];
  if (Array.isArray(cur)) cur.splice(Number(path.at(-1)), 1);
  else delete cur[path.at(-1)!];
  return root;
}

/** Near-valid, mutated and plain random inputs for one channel. */
export function channelInputs(schema: z.ZodType): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 5, arbitrary: valid.chain(mutate) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}
