/**
 * The QR code on the chip ID card (CCCD gắn chip / thẻ căn cước), read by a USB 2D reader in keyboard-wedge
 * mode (issue 14 item 21, FEASIBILITY.md row 17). Its content is
 *   CCCD|old CMND|full name|ddmmyyyy birth|sex|address|ddmmyyyy issue date
 * with an empty CMND on most new cards and more fields after these on cards issued since 1/7/2024. There is no
 * npm parser; this one is tolerant: it keeps what is sure and says what is not. A Vietnamese input method
 * (Unikey, EVKey) left on while the reader "types" the burst garbles the marks of the name and the address;
 * the digits survive, so the ID, the dates and the sex are kept and the clerk is told to retype the rest.
 */
import { decodeCccd, type Sex } from './cccd';
import { parseVnDate } from './vn-date';

export interface CccdQrResult {
  idNumber: string;
  oldIdNumber: string;
  /** '' when unsure (garbled by an input method). */
  fullName: string;
  /** 'YYYY-MM-DD' or ''. */
  dateOfBirth: string;
  sex: Sex | null;
  /** '' when unsure. */
  address: string;
  /** 'YYYY-MM-DD' or ''. */
  issuedOn: string;
  /** Fields after the seventh (cards since 1/7/2024), kept as read. */
  extra: string[];
  /** What could not be trusted, in Vietnamese, for the clerk. */
  warnings: string[];
  /** The string as the reader typed it, kept with the applicant. */
  raw: string;
}

/** A burst that looks like the card's QR: 12 digits, a bar, and at least five more fields. */
const QR_PATTERN = /\d{12}\|[^|\r\n]*\|[^|\r\n]*\|[^|\r\n]*\|[^|\r\n]*\|[^|\r\n]*\|[^\r\n]*/;

/** Where the card's QR sits inside what a field now holds (the burst lands at the caret), or null. */
export function findCccdQr(text: string): { start: number; end: number; raw: string } | null {
  const m = QR_PATTERN.exec(text);
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, raw: m[0] };
}

// UTF-8 read as Windows-1252/Latin-1 ("Nguyá»…n"), the replacement character, or a lone question mark in a word.
const MOJIBAKE = /Ã.|Ä.|á»|áº|Æ°|Æ¡|\uFFFD|\w\?|\?\w/u;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
// The letters and marks Vietnamese uses; anything else in a name (ñ, ö, ç, combining marks twice) is a garble.
const VIETNAMESE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b']);
const isCombining = (ch: string) => ch >= '\u0300' && ch <= '\u036f';
const isVietnameseLetter = (ch: string) => /^[a-zA-ZđĐ]$/.test(ch) || VIETNAMESE_MARKS.has(ch);

/** True when a name or address cannot be what the card holds: mojibake, two tone marks in a word, foreign marks. */
export function looksGarbled(text: string): boolean {
  if (MOJIBAKE.test(text)) return true;
  for (const word of text.normalize('NFD').split(/[\s,./\-()'";:]+/)) {
    if ((word.match(TONE_MARKS) ?? []).length > 1) return true;
    // The same vowel twice, both marked ("Nguyêẽn"): an input method added its own marks to the card's.
    const letters = [...word.normalize('NFC')];
    for (let i = 1; i < letters.length; i++) {
      const a = letters[i - 1]!.normalize('NFD');
      const b = letters[i]!.normalize('NFD');
      if (a.length > 1 && b.length > 1 && a[0]!.toLowerCase() === b[0]!.toLowerCase()) return true;
    }
    let previous = '';
    for (const ch of word) {
      if (/\d/.test(ch)) continue;
      if (!isVietnameseLetter(ch)) return true;
      // Marks sit on vowels only ("ñ" is n + tilde): a mark after a consonant is not Vietnamese.
      if (isCombining(ch) && !(/^[aeiouyAEIOUY]$/.test(previous) || isCombining(previous))) return true;
      previous = ch;
    }
  }
  return false;
}

function qrDate(s: string): string {
  const digits = s.trim();
  if (!/^\d{8}$/.test(digits)) return '';
  const r = parseVnDate(digits);
  return r.ok ? r.iso : '';
}

function qrSex(s: string): Sex | null {
  const t = s.trim().normalize('NFC').toLowerCase();
  if (t === 'nam') return 'nam';
  if (t === 'nữ' || t === 'nu') return 'nu';
  return null;
}

/** Read the card's QR content; null when the text has no 12-digit ID and bar-separated fields at all. */
export function parseCccdQr(input: string): CccdQrResult | null {
  const found = findCccdQr(input.normalize('NFC'));
  if (!found) return null;
  const raw = found.raw.replace(/[\r\n]+$/, '');
  const fields = raw.split('|');
  const [id = '', cmnd = '', name = '', dob = '', sexText = '', address = '', issued = '', ...extra] = fields;
  const warnings: string[] = [];
  const idNumber = id.trim();

  const dateOfBirth = qrDate(dob);
  if (dob.trim() !== '' && dateOfBirth === '') warnings.push(`Ngày sinh trong mã QR ("${dob.trim()}") không đọc được; hãy nhập tay.`);
  const issuedOn = qrDate(issued);

  let sex = qrSex(sexText);
  const decoded = decodeCccd(idNumber);
  if (sex === null && sexText.trim() !== '') {
    warnings.push(`Giới tính trong mã QR ("${sexText.trim()}") bị sai dấu; lấy theo số CCCD.`);
  }
  if (sex === null && decoded) sex = decoded.sex;
  else if (sex !== null && decoded && sex !== decoded.sex) {
    warnings.push(`Giới tính trong mã QR (${sex === 'nam' ? 'Nam' : 'Nữ'}) khác giới tính theo chữ số thứ 4 của số CCCD; hãy kiểm tra thẻ.`);
  }
  if (decoded && dateOfBirth && Number(dateOfBirth.slice(0, 4)) !== decoded.birthYear) {
    warnings.push(`Năm sinh trong mã QR (${dateOfBirth.slice(0, 4)}) khác năm sinh theo số CCCD (${decoded.birthYear}); hãy kiểm tra thẻ.`);
  }

  const cleanName = name.trim().replace(/\s+/g, ' ');
  const cleanAddress = address.trim().replace(/\s+/g, ' ');
  const nameGarbled = cleanName !== '' && looksGarbled(cleanName);
  const addressGarbled = cleanAddress !== '' && looksGarbled(cleanAddress);
  if (nameGarbled || addressGarbled) {
    const what = [nameGarbled ? 'họ tên' : null, addressGarbled ? 'địa chỉ' : null].filter(Boolean).join(' và ');
    warnings.push(
      `Bộ gõ tiếng Việt (Unikey/EVKey) đang bật khi quét nên ${what} bị sai dấu; đã giữ số CCCD, ngày sinh, giới tính. Hãy nhập lại ${what} theo thẻ, và tắt bộ gõ (chuyển sang E) trước khi quét.`,
    );
  }

  return {
    idNumber,
    oldIdNumber: /^\d{9}$|^\d{12}$/.test(cmnd.trim()) ? cmnd.trim() : '',
    fullName: nameGarbled ? '' : cleanName,
    dateOfBirth,
    sex,
    address: addressGarbled ? '' : cleanAddress,
    issuedOn,
    extra,
    warnings,
    raw,
  };
}
