/** Vietnamese strings for the app frame: name, navigation, common buttons, shortcuts, home. Part of `vi` (shared/i18n/vi.ts). */

export const appVi = {
app: {
  name: 'MotCua Desk',
  tagline: 'Phần mềm Bộ phận Một cửa',
},
nav: {
  home: 'Trang chủ',
  intake: 'Tiếp nhận hồ sơ',
  scanning: 'Số hóa',
  tracking: 'Theo dõi, trả kết quả',
  reports: 'Báo cáo, thống kê',
  settings: 'Cài đặt',
  mainLabel: 'Điều hướng chính',
},
common: {
  save: 'Lưu',
  saving: 'Đang lưu…',
  cancel: 'Hủy',
  close: 'Đóng',
  add: 'Thêm',
  remove: 'Xóa',
  retry: 'Thử lại',
  loading: 'Đang tải…',
  pdfLoading: 'Đang mở tệp PDF…',
  pdfFailed: 'Không mở được tệp PDF này. Hãy tải tệp về và mở bằng phần mềm đọc PDF.',
  pdfPage: (n: number, total: number) => `Trang ${n}/${total}`,
  required: 'bắt buộc',
  optional: 'không bắt buộc',
  saved: 'Đã lưu.',
  errorTitle: 'Chưa thực hiện được',
  shortcutsTitle: 'Phím tắt',
  shortcutsHint: 'Nhấn F1 để xem phím tắt',
},
shortcuts: {
  help: 'Hiện danh sách phím tắt',
  navigate: (n: number, label: string) => `Alt+${n}: ${label}`,
  submit: 'Lưu biểu mẫu đang mở',
  closeDialog: 'Đóng hộp thoại',
},
home: {
  greeting: 'Bàn làm việc Một cửa',
  today: (date: string) => `Hôm nay: ${date}`,
  storeSqlite: 'Dữ liệu lưu trên máy này (SQLite)',
  storePostgres: 'Dữ liệu lưu trên máy chủ chung của cơ quan (PostgreSQL)',
},
} as const;
