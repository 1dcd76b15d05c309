import type { Command } from 'commander';
import { printJson, withApp } from '../run';

/**
 * `motcua ocr status [--dossier CODE]`: the OCR queue as JSON (engine, counts, dossiers waiting,
 * failed pages with their reason). `motcua ocr run [--dossier CODE] [--retry-failed]`: read the
 * queued pages now, in the foreground, and print what happened.
 */
export function registerOcr(program: Command): void {
  const ocr = program.command('ocr').description('Nhận dạng chữ (OCR) các trang đã số hóa');
  ocr
    .command('status')
    .description('Tình trạng hàng đợi nhận dạng chữ (JSON)')
    .option('--dossier <code>', 'chỉ một hồ sơ: từng trang với lý do nếu lỗi')
    .action(async (opts: { dossier?: string }, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('ocr.status', opts.dossier ? { dossierCode: opts.dossier } : {})));
    });
  ocr
    .command('run')
    .description('Nhận dạng chữ ngay các trang đang chờ (toàn bộ hoặc một hồ sơ)')
    .option('--dossier <code>', 'mã hồ sơ')
    .option('--retry-failed', 'đưa các trang lỗi vào hàng đợi lại trước')
    .action(async (opts: { dossier?: string; retryFailed?: boolean }, cmd: Command) => {
      printJson(
        await withApp(cmd, (app) =>
          app.client({ actor: 'cli' }).invoke('ocr.run', { ...(opts.dossier ? { dossierCode: opts.dossier } : {}), ...(opts.retryFailed ? { retryFailed: true } : {}) }),
        ),
      );
    });
}
