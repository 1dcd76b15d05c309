/** Rows of the dossier book (Mẫu 07, sổ theo dõi hồ sơ) for a range of days. */
import { AppError } from '../../../shared/errors';
import { listBookDossiers, listExtensions, listHandoverEvents, listHandoverSteps } from '../../store/book.repository';
import type { ReadDb } from '../../store/db';
import { data, str, toLocal } from './event-data';
import type { BookRow } from './form-data';

/** Mẫu 07 rows for dossiers received between two Vietnam dates (inclusive), in book order. */
export async function bookRows(db: ReadDb, from: string, to: string, limit: number): Promise<{ number: string; rows: BookRow[] }> {
  const rows = await listBookDossiers(db, `${from}T00:00`, `${to}T23:59`, limit + 1);
  if (rows.length > limit) {
    const message = `Khoảng ngày đã chọn có hơn ${limit} hồ sơ, quá nhiều cho một lần in sổ. Hãy chia thành các khoảng ngắn hơn.`;
    throw new AppError('invalid_input', message, { issues: [{ path: 'target.to', message }] });
  }
  const ids = rows.map((r) => r.id);
  // The first hand-over of each dossier is the day it went to the handling agency.
  const firstHandover = new Map<string, { at: string; agency: string }>();
  for (const h of await listHandoverSteps(db, ids)) if (!firstHandover.has(h.dossier_id)) firstHandover.set(h.dossier_id, { at: h.given_local, agency: h.agency });
  for (const e of await listHandoverEvents(db, ids)) {
    // Only for dossiers tracked before dossier_handovers existed.
    if (!firstHandover.has(e.dossier_id)) {
      const x = data(e);
      firstHandover.set(e.dossier_id, { at: toLocal(x.givenAt) ?? e.at_local, agency: str(x.agency) });
    }
  }
  // Extensions: the book keeps the appointment as given ("Hẹn trả") and notes the new one.
  const extensions = new Map<string, { original: string | null; due: string }>();
  for (const x of await listExtensions(db, ids)) {
    const seen = extensions.get(x.dossier_id);
    extensions.set(x.dossier_id, { original: seen ? seen.original : x.previous_due_local, due: x.due_local });
  }
  const numbers = [...new Set(rows.map((r) => r.book_number))];
  return {
    number: numbers.join(', '),
    rows: rows.map((r) => {
      const h = firstHandover.get(r.id);
      return {
        code: r.code,
        procedureName: r.procedure_name,
        setCount: Math.max(1, r.set_count),
        applicantName: r.full_name,
        applicantContact: [r.address, r.phone].filter((s) => s).join(', '),
        handlingAgency: h?.agency ?? '',
        receivedAt: r.received_local,
        dueAt: extensions.get(r.id)?.original ?? r.due_local,
        ...(h ? { transferredAt: h.at } : {}),
        ...(r.result_local ? { resultReceivedAt: r.result_local } : {}),
        ...(r.returned_local ? { returnedAt: r.returned_local } : {}),
        // The clerk's internal note (e.g. where an imported record came from) is not the book's business.
        note: bookNote(r.status, extensions.get(r.id)?.due),
      };
    }),
  };
}

const CLOSED_NOTES: Record<string, string> = {
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng giải quyết',
  withdrawn: 'Người nộp rút hồ sơ',
};

/** "Ghi chú" of the book: an extension of the appointment, and how a dossier ended if not by a result. */
export function bookNote(status: string, extendedTo: string | undefined): string {
  const parts: string[] = [];
  if (extendedTo) parts.push(`Gia hạn đến ${extendedTo.slice(8, 10)}/${extendedTo.slice(5, 7)}/${extendedTo.slice(0, 4)}`);
  const closed = CLOSED_NOTES[status];
  if (closed) parts.push(closed);
  return parts.join('; ');
}
