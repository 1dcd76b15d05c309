/** Vietnamese strings for reading an import file safely (issue 15 item 5). Part of `vi` (shared/i18n/vi.ts). */

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
const num = (n: number) => n.toLocaleString('vi-VN');
const split = 'Hãy chia tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt (nhập lại một tệp đã nhập không thêm hồ sơ trùng).';

export const importsVi = {
  imports: {
    tooManyRows: (limit: number) => `Tệp có hơn ${num(limit)} dòng hồ sơ, quá giới hạn một lần nhập. ${split}`,
    tooManyColumns: (found: number, limit: number) =>
      `Tệp có ${num(found)} cột, quá giới hạn ${num(limit)} cột. Hãy chỉ giữ các cột của mẫu nhập (ma_ho_so, ma_thu_tuc, ho_ten, …).`,
    cellTooLong: (line: number, limit: number) => `Dòng ${num(line)} có một ô dài hơn ${num(limit)} ký tự: tệp không phải danh sách hồ sơ hoặc đã bị hỏng.`,
    xlsxTooLarge: (bytes: number, limit: number) =>
      `Tệp Excel khi giải nén lớn tới ${mb(bytes)} (giới hạn ${mb(limit)}): tệp quá lớn hoặc là tệp độc hại ("bom nén"), đã từ chối mà không mở. ${split}`,
    xlsxRatio: 'Tệp Excel bị nén bất thường (tỉ lệ nén quá cao, dấu hiệu của "bom nén"): đã từ chối mà không mở. Hãy mở tệp trong Excel, lưu lại rồi nhập lại.',
    xlsxDamaged: 'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.',
    xlsxEncrypted: 'Tệp Excel có mật khẩu hoặc bị mã hóa: hãy bỏ mật khẩu trong Excel rồi nhập lại.',
    xlsxNoSheet: 'Tệp Excel không có trang tính nào.',
    cancelled: 'Đã dừng nhập theo yêu cầu.',
    cancelledAfter: (imported: number) => `Đã dừng nhập theo yêu cầu; ${num(imported)} hồ sơ đã nhập trước khi dừng vẫn được giữ (nhập lại tệp sẽ chỉ thêm phần còn lại).`,
    progressReading: 'Đang đọc tệp…',
    progressChecking: (done: number, total: number) => `Đang kiểm tra ${num(done)}/${num(total)} dòng`,
    progressSaving: (done: number, total: number) => `Đang lưu ${num(done)}/${num(total)} hồ sơ`,
    unknownJob: 'Không có lượt nhập nào đang chạy với mã này (có thể đã xong).',
    // Past records outside the catalogue's dates (issue 14 item 19): matched by procedure code, kept as history.
    beforeCatalogue: (n: number, from: string) =>
      `${num(n)} hồ sơ nhận trước ngày danh mục thủ tục có hiệu lực (${from}): đã khớp theo mã thủ tục và lưu làm dữ liệu lịch sử, được tính trong báo cáo, biểu đồ và sổ theo dõi.`,
    outsideVersion: (n: number) =>
      `${num(n)} hồ sơ nhận vào ngày thủ tục không có phiên bản đang hiệu lực trong danh mục: đã khớp theo mã thủ tục với phiên bản gần nhất và lưu làm dữ liệu lịch sử.`,
    historyNote: (file: string, line: number) => `Nhập từ tệp ${file}, dòng ${line} (dữ liệu lịch sử)`,
  },
} as const;
