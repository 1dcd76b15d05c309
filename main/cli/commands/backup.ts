import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { loadDeskConfig, storeConfigFor } from '../../app/config';
import { APP_VERSION } from '../../app/create-app';
import { resolveDataDir } from '../../app/data-dir';
import { createJsonLogger } from '../../app/json-logger';
import { createBackup } from '../../core/admin/backup';
import { openStoreOrRecover, quickCheck } from '../../core/admin/health';
import { previewRestore, restoreSqliteBackup } from '../../core/admin/restore';
import { systemClock } from '../../core/ports/clock';
import { CliInputError, EXIT, printJson, withApp } from '../run';

/** Where restore keeps the data it replaces, and where `verify` looks for backups to suggest. */
export const LOCAL_BACKUP_DIR = 'backups';

function parseKeep(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliInputError(`--keep "${value}": phải là số nguyên từ 1 trở lên.`);
  return Number(value);
}

function dataDirOf(cmd: Command): string {
  return resolveDataDir(cmd.optsWithGlobals<{ dataDir?: string }>().dataDir);
}

/** `motcua backup`, `motcua restore`, `motcua verify`: the admin's backup tools. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Sao lưu toàn bộ dữ liệu (kể cả tài liệu đã số hóa) vào một thư mục, ví dụ ổ USB; in bản mô tả (JSON)')
    .requiredOption('--out <dir>', 'thư mục chứa bản sao lưu (phải có sẵn, ví dụ thư mục trên ổ USB)')
    .option('--keep <n>', 'chỉ giữ N bản sao lưu mới nhất trong thư mục (chỉ xóa tệp motcua-*.sqlite/.pgdump cũ, không đụng tệp khác)')
    .action(async (opts: { out: string; keep?: string }, cmd: Command) => {
      const keep = parseKeep(opts.keep);
      const result = await withApp(cmd, (app) =>
        createBackup(app.store, { folder: opts.out, keep, clock: app.deps.clock, appVersion: APP_VERSION, logger: app.deps.logger }),
      );
      for (const w of result.warnings) process.stderr.write(`Lưu ý: ${w.message}\n`);
      process.stderr.write(`Đã sao lưu vào ${result.path}${result.removed.length ? `; đã xóa ${result.removed.length} bản cũ` : ''}.\n`);
      printJson(result);
    });

  program
    .command('restore')
    .description('Khôi phục dữ liệu từ một bản sao lưu (SQLite). Không có --yes: chỉ xem trước và kiểm tra tệp')
    .argument('<file>', 'tệp sao lưu motcua-YYYYMMDD-HHmmss.sqlite')
    .option('--yes', 'xác nhận khôi phục (dữ liệu hiện tại được sao lưu trước vào thư mục backups của thư mục dữ liệu)')
    .action(async (file: string, opts: { yes?: boolean }, cmd: Command) => {
      const dataDir = dataDirOf(cmd);
      const storeConfig = storeConfigFor(dataDir, loadDeskConfig(dataDir));
      if (storeConfig.kind !== 'sqlite') {
        throw new AppError(
          'conflict',
          'Dữ liệu của máy này nằm trên máy chủ PostgreSQL: việc khôi phục do người quản trị máy chủ làm bằng pg_restore (tệp .pgdump), không làm bằng lệnh này.',
        );
      }
      if (!opts.yes) {
        const preview = await previewRestore(file, { dbFile: storeConfig.file });
        printJson(preview);
        if (!preview.ok) {
          process.stderr.write(`Không thể khôi phục từ tệp này:\n${preview.problems.map((p) => `  - ${p.message}`).join('\n')}\n`);
        } else {
          for (const w of preview.warnings) process.stderr.write(`Lưu ý: ${w.message}\n`);
          const total = Object.values(preview.counts).reduce((a, b) => a + b, 0);
          process.stderr.write(
            `Bản sao lưu lúc ${preview.createdAtText ?? 'không rõ'} (phiên bản ${preview.appVersion ?? 'không rõ'}, cấu trúc dữ liệu ${preview.schemaVersion ?? 'không rõ'}, ${total} dòng dữ liệu) đã được kiểm tra, dùng được.\n` +
              'Khôi phục sẽ THAY TOÀN BỘ dữ liệu hiện tại (dữ liệu hiện tại được sao lưu trước). Hãy đóng phần mềm MotCua Desk, rồi chạy lại lệnh với --yes để xác nhận.\n',
          );
        }
        process.exitCode = EXIT.badInput;
        return;
      }
      const logger = createJsonLogger(dataDir);
      try {
        const result = await restoreSqliteBackup({
          dbFile: storeConfig.file,
          backupFile: file,
          safetyFolder: join(dataDir, LOCAL_BACKUP_DIR),
          clock: systemClock,
          appVersion: APP_VERSION,
          logger,
        });
        const kept = result.safety.kind === 'backup' ? result.safety.path : result.safety.kind === 'raw_copy' ? result.safety.paths.join(', ') : null;
        process.stderr.write(`Đã khôi phục dữ liệu từ ${result.restoredFrom}.${kept ? ` Dữ liệu trước đó được giữ tại ${kept}.` : ''}\n`);
        printJson(result);
      } finally {
        await logger.close();
      }
    });

  program
    .command('verify')
    .description('Kiểm tra tính toàn vẹn của dữ liệu hiện tại (cấu trúc tệp và chuỗi nhật ký kiểm tra)')
    .option('--backup-dir <dir>', 'thư mục có bản sao lưu để gợi ý khi dữ liệu hỏng (ngoài thư mục backups của thư mục dữ liệu)')
    .action(async (opts: { backupDir?: string }, cmd: Command) => {
      const dataDir = dataDirOf(cmd);
      const storeConfig = storeConfigFor(dataDir, loadDeskConfig(dataDir));
      if (storeConfig.kind === 'sqlite' && !existsSync(storeConfig.file)) {
        throw new AppError('not_found', `Chưa có dữ liệu tại "${storeConfig.file}": kiểm tra lại thư mục dữ liệu (--data-dir).`);
      }
      const backupFolders = [join(dataDir, LOCAL_BACKUP_DIR), ...(opts.backupDir ? [opts.backupDir] : [])];
      const opened = await openStoreOrRecover(storeConfig, { backupFolders });
      if (opened.status === 'recovery_needed') {
        printJson({ ok: false, ...opened });
        process.stderr.write(`Lỗi: ${opened.message}\n${opened.problems.map((p) => `  - ${p.message}`).join('\n')}\n`);
        process.exitCode = EXIT.failure;
        return;
      }
      let report;
      try {
        report = await quickCheck(opened.store);
      } finally {
        await opened.store.close();
      }
      {
        // The structure is sound: now the full audit check (seals under the office key, every business row) through the dispatcher.
        const auditReport = report.ok ? await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('audit.verify', {})) : null;
        if (auditReport && !auditReport.ok) report = { ...report, ok: false, problems: [...report.problems, ...auditReport.messages.map((message) => ({ code: 'audit', message }))] };
        printJson({ ...report, store: opened.store.describe, auditReport });
        if (!report.ok) {
          process.stderr.write(`Lỗi: dữ liệu không toàn vẹn:\n${report.problems.map((p) => `  - ${p.message}`).join('\n')}\n`);
          process.exitCode = EXIT.failure;
        } else {
          process.stderr.write(`Dữ liệu toàn vẹn (${report.audit ? `${report.audit.entries} mục nhật ký kiểm tra hợp lệ` : 'chưa có nhật ký kiểm tra'}).\n`);
          process.exitCode = EXIT.ok;
        }
      }
    });
}
