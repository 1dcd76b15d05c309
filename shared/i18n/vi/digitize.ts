/** Vietnamese messages of scanning and digitization (files, devices, the page pipeline). Part of the `vi` strings. */
export const digitizeVi = {
  // Input files
  emptyFile: (name: string) => `Tệp "${name}" rỗng (0 byte). Hãy chọn lại tệp hoặc quét lại giấy tờ.`,
  badFileName: 'Tên tệp không hợp lệ (chứa đường dẫn như "../" hoặc ký tự điều khiển). Hãy đổi tên tệp rồi chọn lại.',
  unsupportedType: (name: string) =>
    `Tệp "${name}" không phải PDF, JPEG, PNG hoặc TIFF (đã kiểm tra nội dung tệp, không chỉ phần mở rộng). Hãy chọn tệp ảnh quét hoặc PDF.`,
  corruptImage: (name: string) => `Ảnh "${name}" bị hỏng hoặc không đầy đủ, không đọc được. Hãy quét hoặc tải lại tệp.`,
  tooManyPixels: (name: string, mp: number, limitMp: number) =>
    `Ảnh "${name}" quá lớn (${mp.toLocaleString('vi-VN')} triệu điểm ảnh, tối đa ${limitMp.toLocaleString('vi-VN')} triệu). Hãy quét lại ở độ phân giải 200–300 dpi.`,
  tooManyPages: (name: string, pages: number, limit: number) =>
    `Tệp "${name}" có ${pages} trang, vượt quá ${limit} trang cho một thành phần hồ sơ. Hãy tách tệp rồi nhập lại.`,
  pdfJavascript: (name: string) =>
    `Tệp PDF "${name}" có chứa mã lệnh (JavaScript hoặc lệnh tự chạy) nên không được nhận vì lý do an toàn. Hãy in ra rồi quét lại, hoặc xin bản PDF khác.`,
  pdfEncrypted: (name: string) =>
    `Tệp PDF "${name}" được đặt mật khẩu hoặc mã hóa nên không lưu vào hồ sơ được. Hãy xin bản không đặt mật khẩu, hoặc in ra rồi quét lại.`,
  pdfCorrupt: (name: string) => `Tệp PDF "${name}" bị hỏng hoặc không đầy đủ, không mở được. Hãy tải lại hoặc quét lại giấy tờ.`,
  pdfNoPages: (name: string) => `Tệp PDF "${name}" không có trang nào.`,
  noPages: 'Chưa có trang nào để số hóa. Hãy quét hoặc chọn tệp trước.',

  // Warnings on the digitized result (shown, not blocking)
  lowDpi: (dpi: number) =>
    `Độ phân giải ${dpi} dpi thấp hơn mức khuyến nghị 200 dpi; chữ nhỏ, con dấu và chữ ký có thể không rõ. Nên quét lại ở 200 dpi trở lên.`,
  notColour: 'Bản quét không phải ảnh màu; nếu giấy tờ có con dấu đỏ hoặc chữ ký, nên quét màu để thấy rõ dấu.',
  blankPages: (pages: number[]) =>
    `Trang ${pages.join(', ')} có vẻ là trang trắng. Hãy xem lại và xác nhận trước khi bỏ các trang này.`,
  dpiGuessed: (dpi: number) =>
    `Ảnh không ghi độ phân giải; đã ước tính khoảng ${dpi} dpi theo khổ A4.`,
  pdfMerged: 'Các tệp PDF đã được ghép lại; chữ ký số (nếu có) trong tệp gốc không còn hiệu lực ở bản ghép.',

  // Scanner
  scannerNotFound: (device: string) =>
    `Không tìm thấy máy quét "${device}". Hãy kiểm tra máy quét đã bật và cắm cáp, rồi bấm "Tìm máy quét" lại.`,
  scannerToolMissing:
    'Máy tính chưa cài chương trình điều khiển máy quét (SANE/scanimage). Hãy nhờ cán bộ kỹ thuật cài đặt.',
  scannerBusy: 'Máy quét đang bận (có thể đang được dùng ở máy khác hoặc chương trình khác). Hãy đợi một lát rồi quét lại.',
  feederEmpty: 'Khay nạp giấy không có giấy. Hãy đặt giấy vào khay rồi quét lại.',
  paperJam: (n: number) =>
    n > 0
      ? `Kẹt giấy sau ${n} trang. Các trang đã quét vẫn được giữ; hãy gỡ giấy kẹt rồi quét tiếp từ trang ${n + 1}.`
      : 'Kẹt giấy. Hãy gỡ giấy kẹt rồi quét lại.',
  coverOpen: 'Nắp máy quét đang mở. Hãy đóng nắp rồi quét lại.',
  stoppedMidway: (n: number) =>
    n > 0
      ? `Máy quét ngừng giữa chừng sau ${n} trang. Các trang đã quét vẫn được giữ; kiểm tra máy rồi quét tiếp.`
      : 'Máy quét không quét được trang nào. Hãy kiểm tra máy quét đã bật, cắm cáp và có giấy, rồi thử lại.',
  cancelled: (n: number) =>
    n > 0 ? `Đã dừng quét theo yêu cầu. ${n} trang đã quét vẫn được giữ.` : 'Đã dừng quét theo yêu cầu.',
  unsupportedSetting: (what: string) => `Máy quét không hỗ trợ thiết lập: ${what}. Hãy chọn thiết lập khác.`,
  windowsOnly: 'Chức năng quét WIA chỉ dùng được trên Windows.',
  folderMissing: (dir: string) => `Không mở được thư mục nhận bản quét "${dir}". Hãy kiểm tra đường dẫn trong Cài đặt.`,
} as const;
