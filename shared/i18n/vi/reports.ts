/** Vietnamese strings for reports, statistics, export and search. Part of `vi` (shared/i18n/vi.ts). */
import { thousands } from '../format';

export const reportsVi = {
/** Under the 06a table (issue 20 item 10, DOMAIN.md §3): which moment counts as "giải quyết". */
report06aNote: (desk: string) =>
  `Ghi chú: Hồ sơ được tính là đã giải quyết tại thời điểm có kết quả giải quyết chuyển về ${desk} (kết quả sẵn sàng để trả), không phải thời điểm người nộp đến nhận; người nộp nhận kết quả muộn không làm hồ sơ bị tính quá hạn. Trước hạn, đúng hạn, quá hạn so với thời gian hẹn trả kết quả (kể cả khi được gia hạn), đã trừ thời gian chờ người nộp bổ sung hồ sơ.`,
reportsUi: {
  tabs: { search: 'Tra cứu hồ sơ', report: 'Báo cáo 06a', import: 'Nhập dữ liệu cũ' },
  search: {
    box: 'Tìm hồ sơ',
    boxHint: 'Mã hồ sơ, họ tên (gõ không dấu cũng được), số CCCD hoặc số điện thoại',
    from: 'Nhận từ ngày',
    to: 'Đến ngày',
    status: 'Trạng thái',
    field: 'Lĩnh vực',
    procedure: 'Mã thủ tục',
    channel: 'Kênh nộp',
    officer: 'Cán bộ tiếp nhận',
    any: 'Tất cả',
    caption: (total: number, capped: boolean) =>
      capped ? `Hơn ${thousands(total)} hồ sơ khớp — gõ thêm chữ trong tên hoặc chọn bộ lọc để thu hẹp` : `${thousands(total)} hồ sơ`,
    empty: 'Không có hồ sơ nào khớp.',
    prev: 'Trang trước',
    next: 'Trang sau',
    page: (p: number, n: number) => `Trang ${p}/${n}`,
    overdue: 'quá hạn',
  },
  cols: { code: 'Mã hồ sơ', name: 'Người nộp', procedure: 'Thủ tục', field: 'Lĩnh vực', received: 'Ngày nhận', due: 'Hẹn trả', status: 'Trạng thái' },
  channels: { truc_tiep: 'Trực tiếp', truc_tuyen: 'Trực tuyến', buu_chinh: 'Bưu chính' } as Record<string, string>,
  report: {
    kind: 'Kỳ báo cáo',
    mode: 'Cách tính kỳ',
    calendar: 'Theo tháng dương lịch',
    cutoff: 'Chốt số liệu (15 đến 14)',
    custom: 'Tùy chọn ngày',
    year: 'Năm',
    index: 'Số',
    kinds: { month: 'Tháng', quarter: 'Quý', half: '6 tháng', nine_months: '9 tháng', year: 'Năm' } as Record<string, string>,
    run: 'Xem báo cáo',
    exportXlsx: 'Tải Excel (.xlsx)',
    exportPdf: 'Tải PDF',
    exportBook: 'Tải sổ theo dõi (Mẫu 07)',
    total: 'Tổng cộng',
    indicators: 'Chỉ số theo Quyết định 766/QĐ-TTg',
    indicatorCols: ['Chỉ số', 'Số hồ sơ đạt / tổng số', 'Tỷ lệ', 'Mức để đạt điểm tối đa', 'Điểm đạt / điểm tối đa'],
    chartReceived: 'Hồ sơ tiếp nhận theo tháng và lĩnh vực',
    chartOnTime: 'Tỷ lệ giải quyết trước hạn, đúng hạn theo tháng',
    headers: ['TT', 'Lĩnh vực', 'Tổng số', 'Trực tuyến', 'Trực tiếp, bưu chính', 'Từ kỳ trước', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn'],
    groups: ['Số hồ sơ nhận giải quyết', 'Số hồ sơ đã giải quyết', 'Số hồ sơ đang giải quyết'],
    ready: 'Đã tạo tệp.',
  },
  import: {
    intro: 'Chọn tệp CSV (UTF-8) hoặc Excel (.xlsx) có dòng tiêu đề: ma_ho_so, ma_thu_tuc, ho_ten, so_giay_to, kenh, ngay_nhan, ngay_hen, ngay_co_ket_qua, ngay_tra, trang_thai.',
    file: 'Tệp dữ liệu',
    allOrNothing: 'Có dòng lỗi thì không nhập dòng nào',
    run: 'Nhập hồ sơ',
    result: (imported: number, duplicates: number, errors: number) => `Đã nhập ${imported} hồ sơ; ${duplicates} hồ sơ đã có từ trước; ${errors} dòng lỗi.`,
    rejected: (errors: number) => `Không nhập hồ sơ nào: ${errors} dòng lỗi.`,
  },
},
/** Scanning screens (renderer/src/features/scanning). */
} as const;
