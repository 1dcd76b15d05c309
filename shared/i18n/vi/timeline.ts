/**
 * Vietnamese names of every kind of entry a dossier's timeline can show (events, appointments, audit
 * actions), so no internal name ("scan.attached", "dossier.overrideDue") ever reaches the clerk.
 * Tracking transitions are named in vi/tracking.ts (eventTitles); these are the others. Part of `vi`.
 */

export const timelineVi = {
timeline: {
  kinds: {
    'scan.attached': 'Lưu bản số hóa',
    'scan.detached': 'Gỡ bản số hóa',
    imported: 'Nhập từ sổ theo dõi cũ',
    overrideDue: 'Sửa ngày hẹn trả',
    create: 'Tiếp nhận hồ sơ',
    'document.issue': 'Lập văn bản, phiếu',
    'document.reprint': 'In lại văn bản, phiếu',
    'signature.added': 'Ký số văn bản',
  } as Readonly<Record<string, string>>,
  /** A kind this build does not know (a newer desk wrote it): still Vietnamese, never the raw name. */
  other: 'Cập nhật hồ sơ',
  /** Entries written by the CLI or the desk itself rather than a signed-in officer. */
  system: 'Hệ thống (máy trạm)',
},
/** The header's note on where the data lives: only said when it is a shared server (one desk needs no note). */
storeBadge: {
  shared: 'Dữ liệu dùng chung',
  sharedTitle: 'Các bàn Một cửa của cơ quan dùng chung một máy chủ dữ liệu trong mạng nội bộ.',
},
} as const;
