import type { Command } from 'commander';
import { CliInputError, printJson, withApp } from '../run';

/** `motcua setup`: write the unit profile non-interactively (install scripts, admins). */
export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description('Thiết lập (hoặc sửa) hồ sơ đơn vị không cần giao diện')
    .requiredOption('--parent-agency <text>', 'cơ quan chủ quản, ví dụ "UBND XÃ HƯỚNG PHÙNG"')
    .requiredOption('--unit-name <text>', 'tên đơn vị, ví dụ "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG"')
    .requiredOption('--agency-code <code>', 'mã định danh cơ quan, ví dụ "H50.12.34"')
    .requiredOption('--place <text>', 'địa danh ghi ở dòng "…, ngày … tháng … năm …"')
    .option('--address <text>', 'địa chỉ', '')
    .option('--phone <text>', 'số điện thoại', '')
    .option('--email <text>', 'email', '')
    .option(
      '--officer <"Họ tên|Chức vụ">',
      'cán bộ tiếp nhận (lặp lại để thêm nhiều người)',
      (value: string, prev: string[]) => [...prev, value],
      [] as string[],
    )
    .action(async (opts: Record<string, string | string[]>, cmd: Command) => {
      const officers = (opts.officer as string[]).map((entry) => {
        const [name, title = ''] = entry.split('|');
        if (!name || name.trim() === '') throw new CliInputError(`--officer "${entry}": thiếu họ tên (dạng "Họ tên|Chức vụ").`);
        return { name, title };
      });
      const profile = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('unit.save', {
          parentAgency: String(opts.parentAgency),
          unitName: String(opts.unitName),
          agencyCode: String(opts.agencyCode),
          place: String(opts.place),
          address: String(opts.address),
          phone: String(opts.phone),
          email: String(opts.email),
          officers,
        }),
      );
      printJson(profile);
    });
}
