import { describe, expect, it } from 'vitest';
import { unitSentenceName } from './unit-name';

describe('unitSentenceName', () => {
  it('writes a capitalised unit name as running text does', () => {
    expect(unitSentenceName('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG')).toBe('Trung tâm Phục vụ hành chính công xã Hướng Phùng');
    expect(unitSentenceName('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ THỊ TRẤN KHE SANH')).toBe('Bộ phận tiếp nhận và trả kết quả thị trấn Khe Sanh');
    expect(unitSentenceName('UBND PHƯỜNG ĐỒNG HỚI')).toBe('UBND phường Đồng Hới');
  });
  it('keeps a name the admin already wrote in mixed case', () => {
    expect(unitSentenceName('Trung tâm PVHCC xã A Dơi')).toBe('Trung tâm PVHCC xã A Dơi');
  });
});
