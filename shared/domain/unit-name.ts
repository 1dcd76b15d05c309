/**
 * The unit's name as written inside a sentence. Headers print "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG
 * PHÙNG" in capitals (Decree 30/2020); running text writes "Trung tâm Phục vụ hành chính công xã Hướng Phùng":
 * the first word capitalised, the administrative level word (xã, phường, tỉnh …) in lower case, and the place
 * name after it capitalised word by word. A name typed in mixed case is kept as the admin wrote it.
 */

const LEVEL_WORDS = new Set(['xã', 'phường', 'thị trấn', 'đặc khu', 'tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã']);
/** Official capitalisation of the common unit names (Decree 118/2025 calls it "Trung tâm Phục vụ hành chính công"). */
const KNOWN_HEADS: Array<[RegExp, string]> = [
  [/^trung tâm phục vụ hành chính công\b/, 'Trung tâm Phục vụ hành chính công'],
  [/^bộ phận tiếp nhận và trả kết quả\b/, 'Bộ phận tiếp nhận và trả kết quả'],
  [/^bộ phận một cửa\b/, 'Bộ phận Một cửa'],
  [/^ủy ban nhân dân\b/, 'Ủy ban nhân dân'],
  [/^ubnd\b/, 'UBND'],
];

const cap = (w: string) => (w ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w);

export function unitSentenceName(name: string): string {
  const text = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text !== text.toLocaleUpperCase('vi')) return text;
  let lower = text.toLocaleLowerCase('vi');
  let head = '';
  for (const [re, written] of KNOWN_HEADS) {
    const m = re.exec(lower);
    if (m) {
      head = written;
      lower = lower.slice(m[0].length).trim();
      break;
    }
  }
  const words = lower ? lower.split(' ') : [];
  const out: string[] = [];
  let inPlace = false;
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`;
    if (LEVEL_WORDS.has(two)) {
      out.push(two);
      i++;
      inPlace = true;
    } else if (LEVEL_WORDS.has(words[i]!)) {
      out.push(words[i]!);
      inPlace = true;
    } else {
      out.push(inPlace ? cap(words[i]!) : words[i]!);
    }
  }
  const rest = out.join(' ');
  if (!head) return cap(rest);
  return rest ? `${head} ${rest}` : head;
}
