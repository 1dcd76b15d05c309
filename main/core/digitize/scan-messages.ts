import type { ComponentRef } from '../../../shared/contract/scans.schema';

/** Vietnamese messages of the scan workflow (batches, attach, folder inbox). */
export const scanVi = {
  batchGone: 'Bộ trang chờ số hóa không còn (đã lưu, đã hủy hoặc ứng dụng đã khởi động lại). Hãy quét hoặc chọn tệp lại.',
  inboxGone: 'Tệp trong thư mục nhận bản quét không còn (đã được lấy hoặc đã bị xóa).',
  arrangeMismatch: 'Danh sách trang không khớp với bộ trang đang chờ (trang lạ hoặc trùng). Hãy tải lại màn hình rồi sắp xếp lại.',
  pdfNoRotate: (name: string) => `Không xoay được tệp PDF "${name}"; chỉ xoay được trang ảnh quét.`,
  tooManyBatches: 'Có quá nhiều bộ trang đang chờ số hóa. Hãy lưu hoặc hủy bớt rồi quét tiếp.',
  noComponent: (position: number, count: number) =>
    `Hồ sơ không có thành phần số ${position + 1} (chỉ có ${count} thành phần).`,
  resultName: 'Kết quả giải quyết',
  componentLabel: (c: ComponentRef, name: string) => (c === 'result' ? 'kết quả giải quyết' : `thành phần ${c + 1} "${name}"`),
  alreadyAttached: (what: string) =>
    `Hồ sơ đã có bản số hóa cho ${what}. Chọn "Thay bản cũ" nếu muốn thay bằng bản mới (bản cũ vẫn được lưu vết).`,
  attachRunning: 'Máy quét vẫn đang quét vào bộ trang này. Hãy đợi quét xong hoặc dừng quét rồi mới lưu.',
  emptyBatch: 'Chưa có trang nào để lưu. Hãy quét hoặc chọn tệp trước.',
  scanRunning: 'Máy quét đang quét một bộ trang khác. Hãy đợi xong hoặc dừng lượt quét đó.',
  alreadyDetached: 'Bản số hóa này đã được gỡ trước đó.',
  scanNotFound: 'Không tìm thấy bản số hóa.',
  noScanner: 'Máy tính này chưa được cấu hình máy quét. Hãy chọn trình điều khiển máy quét trong Cài đặt, hoặc nhập tệp.',
  badBase64: 'Dữ liệu tệp gửi lên không hợp lệ (không phải base64). Hãy chọn lại tệp.',
  progress: (done: number, total: number | null) => (total ? `Đã quét ${done}/${total} trang` : `Đã quét ${done} trang`),
  jobDone: (n: number) => `Đã quét xong ${n} trang.`,
  folderOff: 'Chưa đặt thư mục nhận bản quét.',
} as const;
