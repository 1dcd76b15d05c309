/** Vietnamese strings for a full disk (issue 15 item 4). Part of `vi` (shared/i18n/vi.ts). */

const mb = (bytes: number) => `${Math.max(0, Math.floor(bytes / (1024 * 1024)))} MB`;

export const storageVi = {
  storage: {
    /** The SQLite file's disk (the data folder) is full. */
    diskFullLocal: (dataDir: string, freeBytes: number | null) =>
      `Ổ đĩa đầy: việc vừa làm CHƯA được lưu (dữ liệu đã lưu trước đó vẫn nguyên vẹn). ` +
      `Ổ chứa thư mục dữ liệu "${dataDir}"${freeBytes === null ? '' : ` chỉ còn ${mb(freeBytes)}`}. ` +
      'Hãy giải phóng ít nhất 500 MB: dọn Thùng rác, xóa tệp tải về và tệp tạm không cần, ' +
      'chép các bản sao lưu cũ sang ổ USB rồi xóa khỏi máy. Trong lúc chờ vẫn xem và tra cứu được hồ sơ; ' +
      'khi ổ có chỗ trống, phần mềm tự ghi lại được, không cần khởi động lại.',
    /** The PostgreSQL server's disk is full (several desks share it). */
    diskFullServer:
      'Ổ đĩa đầy trên máy chủ cơ sở dữ liệu: việc vừa làm CHƯA được lưu (dữ liệu đã lưu trước đó vẫn nguyên vẹn). ' +
      'Hãy báo người quản trị máy chủ giải phóng chỗ trống trên ổ chứa dữ liệu PostgreSQL (xóa bản sao lưu cũ, nhật ký cũ). ' +
      'Trong lúc chờ vẫn xem và tra cứu được hồ sơ; khi máy chủ có chỗ trống, các bàn tự ghi lại được.',
    /** "Save as PDF" into a folder whose disk is full. */
    pdfFolderFull: (dir: string) =>
      `Ổ đĩa đầy: không lưu được tệp PDF vào thư mục "${dir}". Hãy xóa bớt tệp không cần trên ổ đó ` +
      '(hoặc chọn thư mục trên ổ khác trong Cài đặt in), rồi in lại. Tài liệu đã lưu trong hồ sơ vẫn còn nguyên.',
  },
} as const;
