/** Finding PostgreSQL's pg_dump / pg_restore on this PC and turning their errors into Vietnamese messages. */
import { AppError } from '../../../shared/errors';
import { findPgTool } from '../../store/backup';
import { folderError } from './errors';

export interface PgToolsOptions {
  /** PATH to search (defaults to process.env.PATH). */
  pathEnv?: string;
  /** Further folders to search (defaults to /usr/lib/postgresql/<n>/bin, Program Files\PostgreSQL\<n>\bin). */
  extraDirs?: string[];
}


export function pgTools(opts: PgToolsOptions = {}): { pgDump: string; pgRestore: string } {
  const pgDump = findPgTool('pg_dump', opts);
  const pgRestore = findPgTool('pg_restore', opts);
  if (pgDump && pgRestore) return { pgDump, pgRestore };
  throw new AppError(
    'device_unavailable',
    'Máy này chưa có công cụ pg_dump và pg_restore của PostgreSQL nên không sao lưu được cơ sở dữ liệu trên máy chủ. ' +
      'Hãy cài bộ công cụ dòng lệnh PostgreSQL cùng phiên bản với máy chủ (hoặc mới hơn): trên Debian/Ubuntu chạy "sudo apt install postgresql-client", ' +
      'trên Windows chạy bộ cài PostgreSQL và chọn "Command Line Tools"; rồi sao lưu lại. Hoặc nhờ người quản trị máy chủ sao lưu bằng pg_dump.',
    { details: { missing: [pgDump ? null : 'pg_dump', pgRestore ? null : 'pg_restore'].filter(Boolean) } },
  );
}

export function pgToolError(tool: string, stderr: string, folder: string): AppError {
  const text = stderr.trim();
  const details = { tool, stderr: text.slice(0, 2000) };
  if (/No space left on device/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'ENOSPC' }), folder);
  if (/Permission denied/i.test(text) && /output file|could not open|could not write/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'EACCES' }), folder);
  if (/Read-only file system/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'EROFS' }), folder);
  const mismatch = /server version:\s*([\d.]+);\s*\S+ version:\s*([\d.]+)/i.exec(text);
  if (mismatch) {
    return new AppError(
      'device_unavailable',
      `Công cụ ${tool} trên máy này (phiên bản ${mismatch[2]}) cũ hơn máy chủ PostgreSQL (phiên bản ${mismatch[1]}). Hãy cài bộ công cụ PostgreSQL phiên bản ${mismatch[1]} trở lên rồi sao lưu lại.`,
      { details },
    );
  }
  if (/connection|could not connect|authentication/i.test(text)) {
    return new AppError('store_unavailable', `Công cụ ${tool} không kết nối được máy chủ PostgreSQL: ${firstLine(text)}. Hãy kiểm tra mạng và máy chủ rồi thử lại.`, { details });
  }
  return new AppError('internal', `Công cụ ${tool} báo lỗi: ${firstLine(text) || 'không rõ nguyên nhân'}.`, { details });
}

export function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
