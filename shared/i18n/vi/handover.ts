/** Vietnamese strings for hand-over: the recipients list in Settings and the hand-over dialog. Part of `vi`. */

export const handoverVi = {
handover: {
  // Settings: the list
  title: 'Nơi nhận hồ sơ chuyển xử lý',
  intro: 'Danh sách bộ phận, cơ quan và người nhận mà bàn Một cửa chuyển hồ sơ đến. Khi chuyển xử lý, cán bộ chọn từ danh sách này thay vì gõ tay.',
  department: 'Bộ phận / cơ quan',
  departmentHint: 'Ví dụ: Công chức Tư pháp - Hộ tịch, Lãnh đạo UBND xã',
  fullName: 'Họ và tên người nhận',
  position: 'Chức vụ',
  active: 'Đang nhận hồ sơ',
  inactive: 'Ngừng nhận',
  add: 'Thêm người nhận',
  edit: 'Sửa',
  save: 'Lưu',
  cancel: 'Hủy',
  deactivate: 'Ngừng nhận hồ sơ',
  reactivate: 'Nhận hồ sơ trở lại',
  empty: 'Chưa có ai trong danh sách.',
  saved: (name: string) => `Đã lưu người nhận ${name}.`,
  adminOnly: 'Chỉ quản trị viên sửa được danh sách này.',
  colDepartment: 'Bộ phận / cơ quan',
  colName: 'Người nhận',
  colPosition: 'Chức vụ',
  colState: 'Trạng thái',
  colActions: 'Thao tác',
  // Core messages
  duplicate: (name: string, department: string) => `${name} đã có trong danh sách của ${department}.`,
  notFound: 'Không tìm thấy người nhận này trong danh sách (có thể đã bị xóa khỏi danh sách).',
  inactiveRecipient: (name: string) => `${name} đã ngừng nhận hồ sơ; hãy chọn người khác trong danh sách.`,
  agencyRequired: 'Chọn bộ phận / cơ quan nhận hồ sơ.',
  receiverRequired: 'Chọn người nhận hồ sơ.',
  // The hand-over dialog
  giverLabel: 'Người giao (cán bộ đang đăng nhập)',
  pickDepartment: '— Chọn bộ phận —',
  pickReceiver: '— Chọn người nhận —',
  noList: 'Chưa có danh sách nơi nhận. Quản trị viên thêm trong Cài đặt → Nơi nhận hồ sơ; tạm thời gõ tên bên dưới.',
},
} as const;
