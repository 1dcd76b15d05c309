/**
 * Vietnamese phone numbers (DOMAIN.md §8, "What the software must implement" H).
 *
 * Mobile numbers have had 10 digits since the 2018–2019 switch-over; landlines are 0 + a 2xx area code,
 * 10–11 digits in all. Citizens still write the old 11-digit mobiles from memory, so those get a precise
 * message and, where the published prefix mapping knows it, the probable new number.
 */

export type PhoneKind = 'mobile' | 'landline';

export type Carrier = 'Viettel' | 'MobiFone' | 'VinaPhone' | 'Vietnamobile' | 'Gmobile' | 'Itel';

export type PhoneCheck =
  | { ok: true; normalized: string; kind: PhoneKind; carrier?: Carrier }
  | { ok: false; normalized: string; error: string; /** Probable new number for an old 11-digit mobile. */ suggestion?: string };

/** The mobile rule of DOMAIN.md H, applied to the normalised "0…" form. */
export const MOBILE_PATTERN = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;
/** Landline: 0 + area code starting with 2, 10–11 digits in all. */
export const LANDLINE_PATTERN = /^02\d{8,9}$/;

/** 3-digit prefixes ("0xx") per carrier, §8. Itel 087 is unconfirmed [M]. */
const CARRIER_PREFIXES: ReadonlyArray<readonly [Carrier, readonly string[]]> = [
  ['Viettel', ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098']],
  ['MobiFone', ['070', '076', '077', '078', '079', '089', '090', '093']],
  ['VinaPhone', ['081', '082', '083', '084', '085', '088', '091', '094']],
  ['Vietnamobile', ['052', '056', '058', '092']],
  ['Gmobile', ['059', '099']],
  ['Itel', ['087']],
];

const CARRIER_BY_PREFIX: ReadonlyMap<string, Carrier> = new Map(
  CARRIER_PREFIXES.flatMap(([carrier, prefixes]) => prefixes.map((p) => [p, carrier] as const)),
);

/**
 * Old 11-digit mobile prefix (4 digits) → new 10-digit prefix (3 digits), as announced for the 2018
 * switch-over (Viettel 016x → 03x, MobiFone/VinaPhone 012x → 07x/08x, Vietnamobile 018x → 05x, Gmobile 0199 → 059).
 */
const OLD_MOBILE_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'], ['0166', '036'], ['0167', '037'], ['0168', '038'], ['0169', '039'],
  ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
  ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
  ['0186', '056'], ['0188', '058'],
  ['0199', '059'],
]);

/**
 * Bring a typed number to the national "0…" form: separators (spaces, dots, dashes, brackets) removed,
 * "+84…", "0084…" and "84…" (11–12 digits) turned into "0…". Anything else is returned as typed minus
 * separators, so checkPhone can say what is wrong. Idempotent: normalizePhone(normalizePhone(x)) === normalizePhone(x).
 */
export function normalizePhone(input: string): string {
  const s = (input ?? '').normalize('NFC').replace(/[\s.\-()/]/g, '');
  let rest: string | null = null;
  if (s.startsWith('+84')) rest = s.slice(3);
  else if (s.startsWith('0084')) rest = s.slice(4);
  else if (/^84\d{9,10}$/.test(s)) rest = s.slice(2);
  if (rest === null) return s;
  // "+84 0912…" is common; dropping every leading zero also keeps the result from looking international again.
  return '0' + rest.replace(/^0+/, '');
}

export function carrierOf(normalized: string): Carrier | undefined {
  return CARRIER_BY_PREFIX.get(normalized.slice(0, 3));
}

/** Check a phone number typed at the desk. Messages are Vietnamese and say what to fix. */
export function checkPhone(input: string): PhoneCheck {
  const normalized = normalizePhone(input);
  if (normalized.length === 0) return { ok: false, normalized, error: 'Chưa nhập số điện thoại.' };
  if (!/^\d+$/.test(normalized)) {
    return {
      ok: false,
      normalized,
      error: 'Số điện thoại chỉ được gồm chữ số (có thể bắt đầu bằng +84).',
    };
  }
  if (!normalized.startsWith('0')) {
    return {
      ok: false,
      normalized,
      error: 'Số điện thoại phải bắt đầu bằng số 0 (hoặc +84).',
    };
  }
  if (MOBILE_PATTERN.test(normalized)) {
    const carrier = carrierOf(normalized);
    return carrier ? { ok: true, normalized, kind: 'mobile', carrier } : { ok: true, normalized, kind: 'mobile' };
  }
  if (LANDLINE_PATTERN.test(normalized)) return { ok: true, normalized, kind: 'landline' };

  if (/^01\d{9}$/.test(normalized)) {
    const newPrefix = OLD_MOBILE_PREFIXES.get(normalized.slice(0, 4));
    const suggestion = newPrefix ? newPrefix + normalized.slice(4) : undefined;
    const error =
      'Số di động 11 số (đầu 01…) đã chuyển sang 10 số từ năm 2018 và không còn dùng được.' +
      (suggestion ? ` Số mới có thể là ${suggestion}; đề nghị hỏi lại công dân.` : ' Đề nghị hỏi lại công dân số mới.');
    return suggestion ? { ok: false, normalized, error, suggestion } : { ok: false, normalized, error };
  }
  if (normalized.startsWith('02')) {
    return {
      ok: false,
      normalized,
      error: `Số máy bàn phải có 10 hoặc 11 chữ số, gồm cả mã vùng (đang có ${normalized.length}).`,
    };
  }
  if (/^0[35789]/.test(normalized) && normalized.length !== 10) {
    return {
      ok: false,
      normalized,
      error: `Số di động phải có đúng 10 chữ số (đang có ${normalized.length}).`,
    };
  }
  return {
    ok: false,
    normalized,
    error: `Đầu số ${normalized.slice(0, 3)} không phải đầu số di động hay mã vùng máy bàn đang dùng. Đề nghị kiểm tra lại số.`,
  };
}
