/** Vietnamese strings for first-run set-up of the unit and the first admin. Part of `vi` (shared/i18n/vi.ts). */

export const setupVi = {
setup: {
  title: 'Thiết lập đơn vị',
  intro:
    'Nhập thông tin đơn vị một lần. Các thông tin này được in ở phần đầu của Giấy tiếp nhận hồ sơ và hẹn trả kết quả và các biểu mẫu khác; có thể sửa lại trong Cài đặt.',
  editTitle: 'Thông tin đơn vị',
  editIntro: 'Sửa thông tin in trên phiếu. Các phiếu đã in trước đây không thay đổi.',
  parentAgency: 'Cơ quan chủ quản',
  parentAgencyHint: 'Ví dụ: UBND XÃ HƯỚNG PHÙNG',
  unitName: 'Tên đơn vị',
  unitNameHint: 'Ví dụ: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
  agencyCode: 'Mã định danh cơ quan',
  agencyCodeHint: 'Phần đầu của mã hồ sơ, ví dụ H50.12.34 → H50.12.34-260317-0001',
  place: 'Địa danh',
  placeHint: 'Dùng cho dòng "…, ngày … tháng … năm …", ví dụ: Hướng Phùng',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Email',
  officers: 'Cán bộ tiếp nhận',
  officersHint: 'Tên và chức vụ in ở ô "Người tiếp nhận hồ sơ".',
  officerName: 'Họ và tên',
  officerTitle: 'Chức vụ',
  addOfficer: 'Thêm cán bộ',
  removeOfficer: (n: number) => `Xóa cán bộ thứ ${n}`,
  submit: 'Lưu và bắt đầu làm việc',
  submitEdit: 'Lưu thay đổi',
  saved: 'Đã lưu thông tin đơn vị.',
  fixErrors: (n: number) => `Còn ${n} ô cần sửa trước khi lưu.`,
  // First run in two steps (issue 14 item 16).
  step: (n: number, of: number) => `Bước ${n}/${of}`,
  unitSavedNext: 'Đã lưu thông tin đơn vị. Bước cuối: tạo tài khoản quản trị. ',
},
} as const;
