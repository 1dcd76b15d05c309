/**
 * Where a dossier is in its life (DOMAIN.md §3, issue "Tracking to return"):
 * received → in_progress → (waiting_supplement ↔ in_progress) → result_ready → returned,
 * and the ends refused (từ chối), stopped (dừng, Mẫu 05), withdrawn (rút hồ sơ).
 */
export const DOSSIER_STATUSES = ['received', 'in_progress', 'waiting_supplement', 'result_ready', 'returned', 'refused', 'stopped', 'withdrawn'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const STATUS_LABELS_VI: Readonly<Record<DossierStatus, string>> = {
  received: 'Mới tiếp nhận',
  in_progress: 'Đang giải quyết',
  waiting_supplement: 'Chờ bổ sung',
  result_ready: 'Có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng giải quyết',
  withdrawn: 'Người nộp rút hồ sơ',
};

export function statusLabel(status: string): string {
  return (STATUS_LABELS_VI as Record<string, string>)[status] ?? status;
}
