import type { Command } from 'commander';
import { verifyAuditChain } from '../../core/audit/audit';
import { EXIT, printJson, withApp } from '../run';

const REASONS_VI: Record<string, string> = {
  hash_mismatch: 'nội dung đã bị sửa (mã băm không khớp)',
  link_mismatch: 'liên kết với mục trước đã bị thay đổi',
  gap: 'thiếu mục (đã bị xóa)',
  head_mismatch: 'các mục cuối đã bị xóa hoặc đầu chuỗi bị sửa',
};

/** `motcua audit verify`: walk the hash chain; exit 0 when intact, 1 naming the first broken entry. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Nhật ký thay đổi (chuỗi băm chống sửa, xóa)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ nhật ký: in {ok, entries} (JSON); mã thoát khác 0 và nêu mục hỏng đầu tiên nếu nhật ký bị sửa hoặc xóa')
    .action(async (_opts: unknown, cmd: Command) => {
      const result = await withApp(cmd, (app) => verifyAuditChain(app.store.db));
      printJson(result);
      if (result.ok) {
        process.stderr.write(`Nhật ký nguyên vẹn: ${result.entries} mục.\n`);
        process.exitCode = EXIT.ok;
      } else {
        process.stderr.write(`Lỗi: nhật ký bị can thiệp tại mục số ${result.brokenAt}: ${REASONS_VI[result.reason] ?? result.reason}. ${result.entries} mục đầu còn nguyên vẹn.\n`);
        process.exitCode = EXIT.failure;
      }
    });
}
