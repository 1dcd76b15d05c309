/** What a backup is checked against: the audit chain as a comparable summary, row counts, SQLite integrity; findings in Vietnamese. */
import type { Kysely } from 'kysely';
import { openSqliteReadOnly, type TableCounts } from '../../store/backup';
import type { Database } from '../../store/schema';
import { verifyAuditChain } from '../audit/audit';
import type { BackupManifest } from './manifest';

/** One finding about a backup or the store, in Vietnamese for the person who reads it. */
export interface AdminProblem {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type AuditSummary = BackupManifest['audit'];


/** The audit chain as a plain, comparable record; a store without the audit tables counts as unreadable. */
export async function auditOf(db: Kysely<any>): Promise<AuditSummary> {
  try {
    const v = await verifyAuditChain(db as Kysely<Database>);
    return v.ok ? { ok: true, entries: v.entries } : { ok: false, entries: v.entries, brokenAt: v.brokenAt, reason: v.reason };
  } catch {
    return { ok: false, entries: 0, reason: 'unreadable' };
  }
}

export async function auditOfFile(path: string): Promise<AuditSummary> {
  const store = await openSqliteReadOnly(path);
  try {
    return await auditOf(store.db);
  } finally {
    await store.close();
  }
}

const AUDIT_REASON_VI: Record<string, string> = {
  hash_mismatch: 'nội dung một mục đã bị sửa',
  link_mismatch: 'một mục đã bị nối sai',
  gap: 'thiếu mục',
  head_mismatch: 'các mục cuối đã bị xóa',
  unreadable: 'không đọc được nhật ký',
};

export function auditMessage(a: AuditSummary): string {
  return `Nhật ký kiểm tra (audit) không toàn vẹn${a.brokenAt ? ` từ mục số ${a.brokenAt}` : ''}: ${AUDIT_REASON_VI[a.reason ?? ''] ?? a.reason ?? 'không rõ'}.`;
}

export function auditWarnings(a: AuditSummary): AdminProblem[] {
  return a.ok ? [] : [{ code: 'audit_chain', message: `${auditMessage(a)} Bản sao lưu vẫn giữ nguyên tình trạng này để đối chiếu.`, details: { ...a } }];
}

export function sameAudit(a: AuditSummary, b: AuditSummary): boolean {
  return a.ok === b.ok && a.entries === b.entries && a.brokenAt === b.brokenAt && a.reason === b.reason;
}

export function compareCounts(expected: TableCounts, actual: TableCounts, where: string): AdminProblem[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const diffs = tables.filter((t) => expected[t] !== actual[t]).map((t) => ({ table: t, expected: expected[t] ?? null, actual: actual[t] ?? null }));
  if (diffs.length === 0) return [];
  const list = diffs.map((d) => `${d.table}: cần ${d.expected ?? 'không có'}, ${where} có ${d.actual ?? 'không có'}`).join('; ');
  return [{ code: 'counts_mismatch', message: `Số dòng dữ liệu không khớp (${list}).`, details: { diffs } }];
}

export function integrityProblem(check: string[]): AdminProblem {
  return { code: 'integrity', message: `Tệp cơ sở dữ liệu bị hỏng cấu trúc: ${check.slice(0, 3).join('; ')}${check.length > 3 ? '; …' : ''}`, details: { check: check.slice(0, 20) } };
}
