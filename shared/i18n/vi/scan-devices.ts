/** Vietnamese names of scanners and scan settings as a clerk reads them (no driver jargon). Part of `vi`. */

export const scanDevicesVi = {
scanDevices: {
  /** SANE's `test` backend: a software scanner that draws a test picture. */
  softwareTest: 'Máy quét thử (phần mềm, không quét giấy thật)',
  /** SANE's `pnm` backend: reads a picture file instead of scanning. */
  fileReader: 'Đọc ảnh từ tệp (dùng để thử, không quét giấy)',
  /** A device with no name the driver could tell. */
  unnamed: 'Máy quét',
  network: 'qua mạng',
  numbered: (label: string, n: number) => `${label} – số ${n}`,
  modes: { color: 'ảnh màu', gray: 'ảnh xám', bw: 'đen trắng' },
  /** One stored scan: "3 trang · 200 dpi · ảnh màu". */
  storedFacts: (pages: number, dpi: number | null, mode: string | null) =>
    [`${pages} trang`, dpi ? `${dpi} dpi` : '', mode ?? ''].filter(Boolean).join(' · '),
  detached: (reason: string) => `đã gỡ: ${reason}`,
  /** Name of a scanned page in a pending batch. */
  pageName: (scanRun: number, page: number) => `Lượt quét ${scanRun} – trang ${page}`,
},
scanPanel: {
  /** Whose dossier the scan panel is filling. */
  whose: 'Đang số hóa cho hồ sơ',
  applicant: 'Người nộp',
  originTitle: 'Nguồn của bản số hóa (tính vào chỉ tiêu số hóa, tái sử dụng theo QĐ 766)',
  reusedHint: 'Bản đã số hóa ở hồ sơ hoặc kết quả trước đây, dùng lại thay vì quét mới.',
  nationalStoreHint:
    'Bản điện tử tải từ Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công quốc gia (người dân đã lưu ở đó); được tính là tái sử dụng.',
  replaceHint: 'Thành phần này đã có bản số hóa: thay bằng bản mới; bản cũ vẫn được lưu vết.',
  deviceId: (id: string) => `Mã thiết bị: ${id}`,
},
} as const;
