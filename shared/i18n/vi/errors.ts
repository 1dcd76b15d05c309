/** Vietnamese strings for error and validation messages. Part of `vi` (shared/i18n/vi.ts). */

const UNSAFE_KIND = {
  bidi: 'ký tự ẩn đảo chiều chữ',
  invisible: 'ký tự ẩn không độ rộng',
  control: 'ký tự điều khiển',
  other: 'ký tự định dạng ẩn',
} as const;

export const errorsVi = {
errors: {
  invalid_input: 'Thông tin nhập chưa đúng; xem lỗi ở từng mục.',
  invalid_utf8: 'Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.',
  invalid_json: 'Yêu cầu gửi lên không đọc được (không phải JSON hợp lệ).',
  unknown_channel: (name: string) => `Chức năng "${name}" không tồn tại trong phiên bản này.`,
  not_found: 'Không tìm thấy dữ liệu yêu cầu.',
  conflict: 'Dữ liệu đã bị thay đổi ở nơi khác. Vui lòng tải lại và thử lại.',
  device_unavailable: 'Thiết bị không sẵn sàng. Kiểm tra cáp, nguồn điện rồi thử lại.',
  device_busy: 'Thiết bị đang bận với việc khác. Vui lòng đợi rồi thử lại.',
  store_unavailable: 'Không kết nối được cơ sở dữ liệu. Dữ liệu chưa được lưu; vui lòng thử lại.',
  forbidden: 'Tài khoản của bạn không có quyền thực hiện việc này.',
  unauthenticated: 'Phiên làm việc không hợp lệ. Vui lòng mở lại ứng dụng.',
  internal: 'Đã xảy ra lỗi ngoài dự kiến. Dữ liệu chưa được lưu; lỗi đã được ghi lại để kiểm tra.',
  network: 'Không liên lạc được với phần lõi của ứng dụng. Vui lòng thử lại.',
  unit_not_set_up: 'Đơn vị chưa được thiết lập. Vui lòng hoàn tất màn hình thiết lập ban đầu.',
},
/** Names of fields that refuse hidden characters, for messages that say which field is wrong. */
fields: {
  userName: 'Tên đăng nhập',
  displayName: 'Họ tên cán bộ',
  officerName: 'Tên cán bộ tiếp nhận',
  parentAgency: 'Cơ quan chủ quản',
  unitName: 'Tên đơn vị',
  agencyCode: 'Mã định danh cơ quan',
  place: 'Địa danh',
  unitAddress: 'Địa chỉ đơn vị',
  unitPhone: 'Số điện thoại đơn vị',
  unitEmail: 'Email đơn vị',
  department: 'Nơi nhận hồ sơ',
  recipientName: 'Họ tên người nhận hồ sơ',
  collectorName: 'Họ tên người nhận kết quả',
  collectorId: 'Số giấy tờ của người nhận kết quả',
  backupFolder: 'Thư mục sao lưu',
},
validation: {
  required: 'Không được để trống.',
  tooLong: (max: number) => `Tối đa ${max} ký tự.`,
  agencyCode:
    'Mã định danh cơ quan không hợp lệ. Ví dụ đúng: "H50.12.34" hoặc "000.00.00.H50" (chữ in hoa, số, dấu chấm; tối đa 35 ký tự).',
  phone: 'Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang hoặc dấu + ở đầu (8–15 chữ số).',
  email: 'Địa chỉ email không hợp lệ.',
  officersMin: 'Cần ít nhất một cán bộ tiếp nhận.',
  expectedText: 'Cần nhập chữ.',
  expectedObject: 'Dữ liệu gửi lên phải là một đối tượng.',
  unknownField: (name: string) => `Trường không được hỗ trợ: ${name}.`,
  generic: 'Giá trị không hợp lệ.',
  tooDeep: (max: number) => `Dữ liệu gửi lên lồng nhau quá sâu (quá ${max} tầng); không có chức năng nào cần như vậy.`,
  forbiddenKey: (key: string) => `Tên trường "${key}" không được phép trong dữ liệu gửi lên.`,
  unsafeChar: (field: string, code: string, kind: 'bidi' | 'invisible' | 'control' | 'other') =>
    `${field} có ${UNSAFE_KIND[kind]} (${code}), thường lẫn vào khi dán từ nơi khác; ký tự này có thể làm chữ in ra khác với chữ nhìn thấy. Hãy xoá hết ô này và gõ lại.`,
  pathPartTooLong: (field: string) => `${field} có một tên thư mục dài quá 255 byte; ổ đĩa không chứa được tên như vậy. Hãy chọn thư mục có tên ngắn hơn.`,
  loneSurrogate: 'Có ký tự hỏng (nửa ký tự Unicode) trong nội dung; hãy gõ lại hoặc dán lại từ nguồn khác.',
},
} as const;
