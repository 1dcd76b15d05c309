/**
 * Render one throw-away receipt in the background after the desk starts (issue 16: the first receipt
 * of the day cost 330–970 ms more than the next ones). The first render loads pdfkit, the four TTF
 * files, the glyph tables of Vietnamese text, the QR and Code 128 encoders and the templates; doing
 * it once, while the clerk is still signing in, makes the first real receipt as fast as the tenth.
 * Nothing is stored or printed; a failure is only logged (the real render will report it properly).
 */
import { renderForm } from './render-form';
import type { FormInput } from './form-data';

/** Every kind of text a real receipt carries: capitals and marks, digits, a long component list. */
const SAMPLE: FormInput<'01'> = {
  unit: {
    parentAgency: 'UBND xã Hướng Phùng',
    unitName: 'Trung tâm Phục vụ hành chính công xã Hướng Phùng',
    displayName: 'Trung tâm Phục vụ hành chính công xã Hướng Phùng',
    place: 'Hướng Phùng',
    address: 'Thôn Hướng Phùng, xã Hướng Phùng',
    phone: '0233 3880 123',
    agencyCode: 'H50.12.34',
  },
  dossier: {
    code: 'H50.12.34-260101-0001',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', limitText: '03 ngày làm việc' },
    applicant: { name: 'Nguyễn Thị Đào', idNumber: '045301001234', address: 'Thôn Cheng, xã Hướng Phùng', phone: '0912345678', email: '' },
    components: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', kindLabel: 'Bản chính', count: 1 },
      { name: 'Giấy chứng sinh', kindLabel: 'Bản sao chứng thực', count: 1 },
    ],
    setCount: 1,
    receivedAt: '2026-01-02T08:00',
    dueAt: '2026-01-07T08:00',
    returnMethod: 'Bộ phận tiếp nhận và trả kết quả',
    fee: 0,
    book: { number: '01/2026', line: 1 },
    receivedBy: { name: 'Hồ Văn Lâm', title: 'Công chức' },
  },
};

export async function warmUpRendering(onError: (e: unknown) => void = () => undefined): Promise<void> {
  try {
    await renderForm('01', SAMPLE, { paper: 'A4' });
  } catch (e) {
    onError(e);
  }
}
