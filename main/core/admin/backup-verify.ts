/** Verifying a backup file on its own (a USB stick, before a restore): manifest, hash, schema, integrity, counts, audit chain. */
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { inspectSqliteFile, readPgDump, sqliteDamageOf, type TableCounts } from '../../store/backup';
import { LATEST_MIGRATION } from '../../store/migrations';
import { auditMessage, auditOfFile, compareCounts, integrityProblem, sameAudit, type AdminProblem, type AuditSummary } from './backup-audit';
import { sha256File } from './files';
import { readManifest, type BackupManifest } from './manifest';
import { parseBackupName, vietnamDateTime, type BackupEngine } from './names';
import { firstLine, pgTools, type PgToolsOptions } from './pg-tools';

export interface BackupCheck {
  path: string;
  name: string;
  engine: BackupEngine;
  createdAt: string | null;
  /** "17/03/2026 09:00:00", Vietnam time, for people. */
  createdAtText: string | null;
  appVersion: string | null;
  schemaVersion: string | null;
  /** Rows per table: from the manifest when there is one, otherwise counted in the file. */
  counts: TableCounts;
  audit: AuditSummary | null;
  bytes: number;
  manifest: BackupManifest | null;
  /** The backup was made by a newer app (its schema is ahead of this app's migrations). */
  newerSchema: boolean;
  /** Usable for restore: no blocking problem. */
  ok: boolean;
  problems: AdminProblem[];
  warnings: AdminProblem[];
}

function migrationNumber(name: string | null): number {
  const m = name ? /^(\d+)/.exec(name) : null;
  return m ? Number(m[1]) : -1;
}

export function isSchemaNewer(backupSchema: string | null, appSchema: string = LATEST_MIGRATION): boolean {
  return migrationNumber(backupSchema) > migrationNumber(appSchema);
}

async function sniffEngine(path: string): Promise<BackupEngine | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    await fh.read(buf, 0, 16, 0);
    if (buf.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (buf.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * Re-verify a backup file in full: the manifest's size and SHA-256, SQLite's integrity_check,
 * row counts against the manifest, the audit chain, and whether this app can read its schema.
 */
export async function verifyBackupFile(path: string, opts: { appSchemaVersion?: string; pgTools?: PgToolsOptions } = {}): Promise<BackupCheck> {
  const abs = resolve(path);
  const name = basename(abs);
  let bytes: number;
  try {
    const s = await stat(abs);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    bytes = s.size;
  } catch {
    throw new AppError('not_found', `Không tìm thấy tệp sao lưu "${abs}". Hãy kiểm tra ổ USB đã cắm và đường dẫn đúng.`, { details: { path: abs } });
  }
  const problems: AdminProblem[] = [];
  const warnings: AdminProblem[] = [];
  const m = await readManifest(abs);
  let manifest: BackupManifest | null = null;
  if (m === null) warnings.push({ code: 'no_manifest', message: `Không có tệp mô tả "${name}.json" đi kèm: không đối chiếu được mã kiểm tra và số dòng lúc tạo.` });
  else if ('error' in m) warnings.push({ code: 'manifest_unreadable', message: `Tệp mô tả "${name}.json" không đọc được (${m.error}); bỏ qua tệp này.` });
  else manifest = m;

  const engine = (await sniffEngine(abs).catch(() => null)) ?? manifest?.engine ?? parseBackupName(name)?.engine ?? null;
  if (engine === null) {
    problems.push({ code: 'not_a_backup', message: `Tệp "${name}" không phải bản sao lưu của MotCua Desk (không phải tệp SQLite hay tệp pg_dump).` });
  }
  if (manifest) {
    if (manifest.bytes !== bytes) problems.push({ code: 'size_mismatch', message: `Kích thước tệp (${bytes} byte) khác lúc tạo (${manifest.bytes} byte): tệp đã bị cắt cụt hoặc thay đổi.` });
    else if ((await sha256File(abs)) !== manifest.sha256) problems.push({ code: 'sha_mismatch', message: 'Mã kiểm tra SHA-256 của tệp khác lúc tạo: tệp đã bị thay đổi hoặc hỏng khi sao chép.' });
  }

  let counts: TableCounts = manifest?.counts ?? {};
  let audit: AuditSummary | null = null;
  let schemaVersion = manifest?.schemaVersion ?? null;
  if (engine === 'sqlite') {
    try {
      const inspected = await inspectSqliteFile(abs);
      if (inspected.check.length !== 1 || inspected.check[0] !== 'ok') problems.push(integrityProblem(inspected.check));
      if (!inspected.tables.includes('audit_log') || !inspected.tables.includes('kysely_migration')) {
        problems.push({ code: 'not_a_backup', message: `Tệp "${name}" là cơ sở dữ liệu SQLite nhưng không phải của MotCua Desk.` });
      } else {
        schemaVersion = inspected.schemaVersion;
        if (manifest) problems.push(...compareCounts(manifest.counts, inspected.counts, 'tệp'));
        else counts = inspected.counts;
        audit = await auditOfFile(abs);
      }
    } catch (e) {
      const damage = sqliteDamageOf(e);
      if (!damage) throw e;
      problems.push({ code: damage, message: damage === 'not_a_database' ? `Tệp "${name}" không còn là cơ sở dữ liệu đọc được (phần đầu tệp đã hỏng).` : `Tệp "${name}" bị hỏng, không đọc được.` });
    }
  } else if (engine === 'postgres') {
    const { pgRestore } = pgTools(opts.pgTools);
    const contents = await readPgDump(pgRestore, abs);
    if (contents.list.code !== 0 || contents.data.code !== 0) {
      problems.push({ code: 'unreadable', message: `pg_restore không đọc được tệp: ${firstLine(contents.list.stderr || contents.data.stderr)}` });
    } else if (manifest) {
      problems.push(...compareCounts(manifest.counts, contents.counts, 'tệp'));
    } else {
      counts = contents.counts;
    }
    audit = manifest?.audit ?? null;
  }

  if (audit && manifest && !sameAudit(audit, manifest.audit)) {
    problems.push({ code: 'audit_chain', message: `Nhật ký kiểm tra trong tệp khác với lúc tạo bản sao lưu. ${audit.ok ? '' : auditMessage(audit)}`.trim(), details: { file: audit, manifest: manifest.audit } });
  } else if (audit && !audit.ok) {
    warnings.push({ code: 'audit_chain', message: `${auditMessage(audit)} (tình trạng này đã có từ lúc tạo bản sao lưu).`, details: { ...audit } });
  }
  const newerSchema = isSchemaNewer(schemaVersion, opts.appSchemaVersion);
  if (newerSchema) {
    problems.push({
      code: 'schema_newer',
      message: `Bản sao lưu được tạo bởi phiên bản MotCua Desk mới hơn (cấu trúc dữ liệu "${schemaVersion}", phần mềm này chỉ đến "${opts.appSchemaVersion ?? LATEST_MIGRATION}"). Hãy cập nhật phần mềm lên phiên bản mới nhất rồi khôi phục.`,
    });
  }
  const createdAt = manifest?.createdAt ?? parseBackupName(name)?.at.toISOString() ?? null;
  return {
    path: abs,
    name,
    engine: engine ?? 'sqlite',
    createdAt,
    createdAtText: createdAt ? vietnamDateTime(new Date(createdAt)) : null,
    appVersion: manifest?.appVersion ?? null,
    schemaVersion,
    counts,
    audit,
    bytes,
    manifest,
    newerSchema,
    ok: problems.length === 0,
    problems,
    warnings,
  };
}
