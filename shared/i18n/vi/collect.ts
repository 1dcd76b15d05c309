/** Vietnamese strings for handing the result back: who collected it and the fee. Part of `vi`. */

export const collectVi = {
collect: {
  authorisationRequired: 'Người nhận thay phải có giấy ủy quyền: ghi số, ngày và nơi chứng thực giấy ủy quyền.',
  feeNotConfirmed: (amount: string) => `Hồ sơ có lệ phí ${amount}: xác nhận đã thu lệ phí trước khi trả kết quả.`,
  // The return dialog
  whoTitle: 'Ai nhận kết quả?',
  applicant: 'Người nộp hồ sơ',
  authorised: 'Người được ủy quyền nhận thay',
  authorisation: 'Giấy ủy quyền (số, ngày, nơi chứng thực)',
  authorisationHint: 'Ví dụ: Giấy ủy quyền số 15/UQ ngày 02/12/2026, chứng thực tại UBND xã Hướng Phùng',
  idHint: 'Đối chiếu với CCCD bản gốc của người nhận.',
  feeConfirm: (amount: string) => `Đã thu lệ phí ${amount}`,
  feeNone: 'Thủ tục không thu lệ phí.',
  // Shown on the dossier and in the timeline
  fee: 'Lệ phí',
  feeCollectedLine: (amount: string) => `đã thu ${amount}`,
  feeFree: 'không thu',
  feeUnknown: 'chưa ghi nhận',
  byApplicant: (name: string, id: string) => `Người nộp ${name} (CCCD ${id}) nhận trực tiếp`,
  byAuthorised: (name: string, id: string, relation: string, paper: string) => `${name} (CCCD ${id}, ${relation}) nhận thay theo ${paper}`,
  officer: 'Cán bộ trả',
},
} as const;
