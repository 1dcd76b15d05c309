import type { FormInput } from './form-data';

/**
 * Realistic inputs for the form tests and sample output (DOMAIN.md worked example 1: received Fri 13/02/2026 10:00,
 * 3 working days, due Wed 25/02/2026 after the Tết break).
 */
export const UNIT: FormInput<'01'>['unit'] = {
  parentAgency: 'UBND xã Hướng Phùng',
  unitName: 'Trung tâm Phục vụ hành chính công xã Hướng Phùng',
  displayName: 'Trung tâm Phục vụ hành chính công xã Hướng Phùng',
  place: 'Hướng Phùng',
  address: 'Thôn Hướng Phùng, xã Hướng Phùng, tỉnh Quảng Trị',
  phone: '0233 3880 123',
  agencyCode: 'H50.12.34',
};

export const DOSSIER: FormInput<'01'>['dossier'] = {
  code: 'H50.12.34-260213-0001',
  procedure: {
    code: '1.001193',
    name: 'Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
    field: 'Hộ tịch',
    limitText: '03 ngày làm việc',
  },
  applicant: {
    name: 'Nguyễn Thị Hường',
    idNumber: '045301001234',
    address: 'Thôn Cheng, xã Hướng Phùng, tỉnh Quảng Trị',
    phone: '0912345678',
    email: 'huong.nt@example.vn',
  },
  components: [
    { name: 'Tờ khai đăng ký khai sinh kết hợp nhận cha, mẹ, con (theo mẫu)', kindLabel: 'Bản chính', count: 1 },
    { name: 'Giấy chứng sinh', kindLabel: 'Bản chính', count: 1 },
    { name: 'Văn bản của cơ sở y tế xác nhận quan hệ cha, mẹ, con hoặc chứng cứ chứng minh quan hệ cha, mẹ, con', kindLabel: 'Bản sao chứng thực', count: 1 },
    { name: 'Căn cước công dân của người đi đăng ký', kindLabel: 'Bản sao', count: 2 },
  ],
  setCount: 1,
  receivedAt: '2026-02-13T10:00',
  dueAt: '2026-02-25T10:00',
  returnMethod: 'Tại Bộ phận tiếp nhận và trả kết quả',
  fee: 14000,
  book: { number: '01/2026', line: 37 },
  receivedBy: { name: 'Hồ Văn Lâm', title: 'Công chức Tư pháp - Hộ tịch' },
};

/** Eight components with long names: the most a receipt is expected to carry on one page. */
export function dossierWithComponents(n: number): FormInput<'01'>['dossier'] {
  const names = [
    'Tờ khai đăng ký khai sinh kết hợp nhận cha, mẹ, con (theo mẫu ban hành kèm theo Thông tư số 04/2024/TT-BTP)',
    'Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp',
    'Văn bản của cơ sở y tế hoặc cơ quan có thẩm quyền xác nhận quan hệ cha, mẹ, con',
    'Căn cước công dân hoặc giấy tờ tùy thân có ảnh của người đi đăng ký',
    'Giấy tờ chứng minh nơi cư trú của người yêu cầu đăng ký',
    'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền đăng ký)',
    'Giấy chứng nhận kết hôn của cha, mẹ',
    'Biên bản xác nhận việc sinh có người làm chứng',
    'Giấy tờ khác theo hướng dẫn của công chức tư pháp - hộ tịch',
    'Bản khai bổ sung thông tin',
  ];
  const kinds = ['Bản chính', 'Bản sao', 'Bản sao chứng thực'];
  return {
    ...DOSSIER,
    components: Array.from({ length: n }, (_v, i) => ({ name: names[i % names.length]!, kindLabel: kinds[i % 3]!, count: (i % 3) + 1 })),
  };
}

/** One realistic input per form, used by the tests and to produce the sample PDFs under test/artifacts/. */
export const SAMPLES: { [K in import('./form-data').FormKind]: FormInput<K> } = {
  '01': { unit: UNIT, dossier: DOSSIER },
  '02': {
    unit: UNIT,
    dossier: DOSSIER,
    supplement: {
      items: [
        { name: 'Văn bản của cơ sở y tế xác nhận quan hệ cha, mẹ, con (bản đã nộp không có dấu)', kindLabel: 'Bản chính', count: 1 },
        { name: 'Giấy tờ chứng minh nơi cư trú', kindLabel: 'Bản sao chứng thực', count: 1 },
      ],
      reason: 'Văn bản xác nhận quan hệ cha, mẹ, con chưa có dấu của cơ sở y tế; thiếu giấy tờ chứng minh nơi cư trú.',
      officer: { name: 'Hồ Văn Lâm', phone: '0912000111' },
      issuedAt: '2026-02-13T10:05',
    },
  },
  '03': {
    unit: UNIT,
    dossier: DOSSIER,
    refusal: { reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã theo quy định.', issuedAt: '2026-02-13T10:05' },
  },
  '04': {
    unit: UNIT,
    dossier: DOSSIER,
    apology: {
      documentNumber: '12/XL-TTPVHCC',
      issuedAt: '2026-02-24T08:00',
      originalDueAt: '2026-02-25T10:00',
      reason: 'Cần xác minh thêm thông tin về nơi cư trú của người yêu cầu tại địa phương khác.',
      proposedDueAt: '2026-03-04T10:00',
      signer: { name: 'Trần Văn Bình', title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' },
    },
  },
  '05': {
    unit: UNIT,
    dossier: DOSSIER,
    stop: {
      documentNumber: '03/TB-TTPVHCC',
      reason: 'Người nộp hồ sơ có đơn đề nghị rút hồ sơ ngày 16/02/2026.',
      date: '2026-02-16',
      issuedAt: '2026-02-16T14:00',
      signer: { name: 'Trần Văn Bình', title: 'GIÁM ĐỐC' },
      recipients: ['Như trên', 'Lưu: VT, hồ sơ.'],
    },
  },
  '06': {
    unit: UNIT,
    dossier: DOSSIER,
    control: {
      handlingAgency: 'Công chức Tư pháp - Hộ tịch, UBND xã Hướng Phùng',
      coordinatingAgency: '',
      rows: [
        { agency: 'Bộ phận tiếp nhận và trả kết quả', givenAt: '2026-02-13T10:15', receivedAt: '2026-02-13T10:20', giver: 'Hồ Văn Lâm', receiver: 'Lê Thị Mai', result: 'Trước hạn', note: '' },
        { agency: 'Công chức Tư pháp - Hộ tịch', givenAt: '2026-02-23T15:00', receivedAt: '2026-02-23T15:10', giver: 'Lê Thị Mai', receiver: 'Phan Văn Tú', result: 'Đúng hạn', note: 'Trình ký' },
      ],
    },
  },
  '07': {
    unit: UNIT,
    book: {
      number: '01/2026',
      from: '2026-02-01',
      to: '2026-02-28',
      rows: Array.from({ length: 23 }, (_v, i) => ({
        code: `H50.12.34-2602${String(9 + (i % 5)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
        procedureName: i % 3 === 0 ? 'Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con' : i % 3 === 1 ? 'Chứng thực bản sao từ bản chính' : 'Xác nhận tình trạng hôn nhân',
        setCount: 1 + (i % 2),
        applicantName: ['Nguyễn Thị Hường', 'Hồ Văn Tâm', 'Lê Thị Ánh Nguyệt', 'Phạm Quốc Việt'][i % 4]!,
        applicantContact: 'Thôn Cheng, xã Hướng Phùng; 0912345678',
        handlingAgency: 'UBND xã Hướng Phùng',
        receivedAt: `2026-02-${String(9 + (i % 5)).padStart(2, '0')}T08:30`,
        dueAt: '2026-02-25',
        transferredAt: i % 2 ? '2026-02-13' : undefined,
        resultReceivedAt: i % 4 === 1 ? '2026-02-24' : undefined,
        returnedAt: i % 4 === 1 ? '2026-02-25' : undefined,
        note: i === 2 ? 'Bổ sung hồ sơ lần 1' : '',
      })),
    },
  },
};
