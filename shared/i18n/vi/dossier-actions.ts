/** Vietnamese strings for a dossier's action bar (one next step, the rest in a menu). Part of `vi`. */

export const dossierActionsVi = {
  dossierActions: {
    next: 'Bước tiếp theo',
    more: 'Thao tác khác',
    destructiveWarning: 'Thao tác này kết thúc việc giải quyết hồ sơ và không hoàn tác được. Hãy kiểm tra kỹ trước khi xác nhận.',
  },
} as const;
