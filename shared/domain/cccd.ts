/**
 * Personal identification numbers typed at the desk (DOMAIN.md §8, "What the software must implement" H).
 *
 * The 12-digit number (số định danh cá nhân, printed on the CCCD / thẻ căn cước) encodes where the birth was
 * registered, sex, century and birth year (Decree 137/2015 art. 13, Circular 07/2016/TT-BCA art. 7). Nothing in
 * it is a checksum, so a decode can only raise doubts, never prove a number wrong: mismatches are warnings.
 */

/** The 63 pre-2025 province codes (digits 1–3). They are not renumbered by the 2025 mergers [M]. */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

export type Sex = 'nam' | 'nu';

export interface CccdDecoded {
  /** Digits 1–3 as typed: a province code, or a country code for births registered abroad. */
  provinceCode: string;
  /** Vietnamese province name, or null when the code is not one of the 63 (see warnings). */
  provinceName: string | null;
  sex: Sex;
  /** Ordinal century: 20 for births 1900–1999, 21 for 2000–2099, … (digit 4 ÷ 2 + 20). */
  century: number;
  birthYear: number;
}

export type PersonalIdKind = 'cccd' | 'cmnd' | 'invalid';

export interface PersonalIdCheck {
  kind: PersonalIdKind;
  /** The value with the spaces, dots and dashes a clerk may type removed. */
  normalized: string;
  decoded?: CccdDecoded;
  /** Doubts to show next to the field; the value is still accepted. Vietnamese. */
  warnings: string[];
  /** Why the value is refused (only when kind is 'invalid'). Vietnamese. */
  error?: string;
  /**
   * The number may be right but cannot be taken on trust (an unknown province code, which may be a country
   * code for a birth abroad; a century digit not yet possible): the clerk confirms having checked the card.
   */
  needsConfirmation: boolean;
}

/** Remove what people type between digit groups ("045 301 001 234", "045.301.001.234"). */
export function normalizePersonalId(value: string): string {
  return value.normalize('NFC').replace(/[\s.\-_]/g, '');
}

/**
 * Decode a 12-digit personal ID. Returns null if `id` (after normalisation) is not exactly 12 digits.
 * An unknown province code is not an error here: provinceName is then null.
 */
export function decodeCccd(id: string): CccdDecoded | null {
  const digits = normalizePersonalId(id);
  if (!/^\d{12}$/.test(digits)) return null;
  const provinceCode = digits.slice(0, 3);
  const centurySex = Number(digits[3]);
  const yy = Number(digits.slice(4, 6));
  const centuryIndex = Math.floor(centurySex / 2); // 0 → 1900s, 1 → 2000s, … 4 → 2300s
  return {
    provinceCode,
    provinceName: CCCD_PROVINCES[provinceCode] ?? null,
    sex: centurySex % 2 === 0 ? 'nam' : 'nu',
    century: 20 + centuryIndex,
    birthYear: 1900 + centuryIndex * 100 + yy,
  };
}

/**
 * Read the year out of a date of birth as the desk stores or types it: "2001-05-17", "17/05/2001",
 * or a bare "2001" (older citizens often have only a year of birth on their papers).
 */
export function birthYearOf(dateOfBirth: string): number | null {
  const s = dateOfBirth.trim();
  const iso = /^(\d{4})(?:-(\d{2})-(\d{2}))?(?:T.*)?$/.exec(s);
  if (iso) return Number(iso[1]);
  const vn = /^(?:\d{1,2}[/.-])?(?:\d{1,2}[/.-])?(\d{4})$/.exec(s);
  if (vn) return Number(vn[1]);
  return null;
}

/**
 * Classify and check what was typed in the "Số CCCD/CMND" field.
 * - 12 digits → 'cccd', decoded, with warnings for an unknown province code or a birth-year mismatch.
 * - 9 digits → 'cmnd' (old identity card) with a warning that it is expired.
 * - anything else → 'invalid' with a message that says what is wrong.
 */
export function checkPersonalId(value: string, dateOfBirth?: string | null): PersonalIdCheck {
  const normalized = normalizePersonalId(value ?? '');
  if (normalized.length === 0) {
    return { kind: 'invalid', normalized, warnings: [], needsConfirmation: false, error: 'Chưa nhập số CCCD/định danh cá nhân.' };
  }
  if (!/^\d+$/.test(normalized)) {
    return {
      kind: 'invalid',
      normalized,
      warnings: [],
      needsConfirmation: false,
      error: 'Số CCCD/định danh cá nhân chỉ được gồm chữ số (không có chữ cái hay ký hiệu).',
    };
  }
  if (normalized.length === 9) {
    return {
      kind: 'cmnd',
      normalized,
      needsConfirmation: false,
      warnings: [
        'Đây là số CMND 9 số. CMND hết hiệu lực từ ngày 01/01/2025 (chưa xác minh văn bản gốc); đề nghị công dân xuất trình thẻ căn cước/CCCD hoặc tài khoản định danh điện tử.',
      ],
    };
  }
  if (normalized.length !== 12) {
    return {
      kind: 'invalid',
      normalized,
      warnings: [],
      needsConfirmation: false,
      error: `Số CCCD phải gồm đúng 12 chữ số (đang có ${normalized.length}).`,
    };
  }

  const decoded = decodeCccd(normalized);
  if (!decoded) throw new Error('unreachable: 12 digits always decode');
  const warnings: string[] = [];
  const needsConfirmation = decoded.provinceName === null || decoded.century >= 22;
  if (decoded.provinceName === null) {
    warnings.push(
      `Mã nơi đăng ký khai sinh "${decoded.provinceCode}" (3 số đầu) không thuộc danh sách 63 tỉnh, thành phố; có thể là mã quốc gia nếu đăng ký khai sinh ở nước ngoài. Đề nghị kiểm tra lại số.`,
    );
  }
  if (decoded.century >= 22) {
    warnings.push(
      `Chữ số thứ 4 cho năm sinh ${decoded.birthYear}, chưa thể có. Đề nghị kiểm tra lại số CCCD.`,
    );
  }
  if (dateOfBirth && dateOfBirth.trim() !== '') {
    const year = birthYearOf(dateOfBirth);
    if (year === null) {
      warnings.push('Không đọc được năm sinh đã nhập để đối chiếu với số CCCD.');
    } else if (year % 100 === decoded.birthYear % 100 && year !== decoded.birthYear) {
      // Same two digits, other century: digit 4 (century and sex) does not match the date of birth.
      warnings.push(
        `Chữ số thứ 4 của số CCCD (${normalized[3]}) ứng với người sinh năm ${decoded.birthYear}, nhưng ngày sinh đã nhập là năm ${year}. Đề nghị kiểm tra lại chữ số thứ 4 hoặc ngày sinh.`,
      );
    } else if (year !== decoded.birthYear) {
      warnings.push(
        `Năm sinh theo số CCCD là ${decoded.birthYear}, khác năm sinh đã nhập (${year}). Đề nghị kiểm tra lại số CCCD hoặc ngày sinh.`,
      );
    }
  }
  return { kind: 'cccd', normalized, decoded, warnings, needsConfirmation };
}

/** "Quảng Trị, nữ, sinh năm 2001": a one-line reading of a decoded number for the intake form. */
export function describeCccd(decoded: CccdDecoded): string {
  const place = decoded.provinceName ?? `mã ${decoded.provinceCode}`;
  return `${place}, ${decoded.sex === 'nam' ? 'nam' : 'nữ'}, sinh năm ${decoded.birthYear}`;
}
