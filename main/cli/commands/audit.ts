import type { Command } from 'commander';
import { EXIT, printJson, withApp } from '../run';
import { readSecretInput } from './secret-input';

/**
 * `motcua audit verify [--against <backup | printed code>]` and `motcua trust …`: the chain, its
 * seal and the office's recovery code, through the dispatcher as the local admin (issue 19), so the
 * CLI checks exactly what the Settings screen checks.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Nhật ký thay đổi (chuỗi niêm phong chống sửa, xóa)');
  audit
    .command('verify')
    .description(
      'Kiểm tra nhật ký: niêm phong bằng khóa văn phòng, từng dòng dữ liệu khớp mục cuối của nó; in báo cáo (JSON); mã thoát khác 0 và nêu chỗ hỏng nếu bị sửa, xóa',
    )
    .option('--against <tệp hoặc mã>', 'đối chiếu với một điểm giữ ngoài cơ sở dữ liệu: tệp sao lưu, hoặc "Mã kiểm tra sổ" in ở chân sổ (Mẫu 07) / báo cáo 06a')
    .action(async (opts: { against?: string }, cmd: Command) => {
      const recoveryCode = opts.against && !/^\s*\d+-/.test(opts.against) ? process.env.MOTCUA_RECOVERY_CODE : undefined;
      const report = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('audit.verify', { ...(opts.against ? { against: opts.against } : {}), ...(recoveryCode ? { recoveryCode } : {}) }),
      );
      printJson(report);
      process.stderr.write(report.messages.map((m) => (report.ok ? m : `Lỗi: ${m}`)).join('\n') + '\n');
      process.exitCode = report.ok ? EXIT.ok : EXIT.failure;
    });

  const trust = program.command('trust').description('Mã khôi phục của văn phòng và khóa niêm phong nhật ký, mã hóa sao lưu');
  trust
    .command('status')
    .description('Văn phòng đã có mã khôi phục chưa, máy này đã có khóa chưa (JSON)')
    .action(async (_opts: unknown, cmd: Command) => {
      const status = await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('trust.status'));
      printJson(status);
      if (status.advice) process.stderr.write(`${status.advice}\n`);
    });
  trust
    .command('create-code')
    .description('Văn phòng cài đặt trước khi có mã khôi phục: tạo mã (chỉ hiện MỘT lần), in phiếu và cất vào tủ')
    .action(async (_opts: unknown, cmd: Command) => {
      const created = await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('trust.createCode'));
      printJson(created);
      process.stderr.write(`MÃ KHÔI PHỤC (chỉ hiện một lần, hãy chép vào phiếu khôi phục và cất vào tủ): ${created.recoveryCode}\n`);
    });
  trust
    .command('join')
    .description('Máy thứ hai dùng chung máy chủ PostgreSQL: nhập mã khôi phục để nhận khóa văn phòng (đọc từ MOTCUA_RECOVERY_CODE hoặc stdin)')
    .action(async (_opts: unknown, cmd: Command) => {
      const recoveryCode = await readSecretInput('MOTCUA_RECOVERY_CODE', 'Mã khôi phục: ');
      const status = await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('trust.join', { recoveryCode }));
      printJson(status);
      process.stderr.write('Máy này đã nhận khóa văn phòng.\n');
    });
}
