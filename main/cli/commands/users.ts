import type { Command } from 'commander';
import { CliInputError, printJson, withApp } from '../run';

/**
 * `motcua user …`: officers from the command line. The CLI acts as the local admin (see
 * main/core/context.ts LOCAL_ADMIN): whoever can run it on this machine already holds the data
 * folder (or the server's connection string in config.json), which is more than any role grants.
 * That is also the way back when the only admin forgot their PIN.
 */
export function registerUsers(program: Command): void {
  const user = program.command('user').description('Quản lý người dùng (cán bộ đăng nhập)');

  user
    .command('list')
    .description('Liệt kê người dùng (JSON)')
    .action(async (_opts: unknown, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('users.list')));
    });

  user
    .command('add')
    .description('Thêm người dùng')
    .requiredOption('--name <name>', 'tên đăng nhập, ví dụ "lan"')
    .requiredOption('--display-name <text>', 'họ và tên, ví dụ "Hồ Thị Lan"')
    .option('--role <role>', 'clerk (Cán bộ tiếp nhận), leader (Lãnh đạo) hoặc admin (Quản trị)', 'clerk')
    .requiredOption('--pin <pin>', 'mã PIN (4–12 chữ số) hoặc mật khẩu (từ 6 ký tự)')
    .action(async (opts: { name: string; displayName: string; role: string; pin: string }, cmd: Command) => {
      if (!['clerk', 'leader', 'admin'].includes(opts.role)) throw new CliInputError(`--role "${opts.role}": chỉ nhận clerk, leader hoặc admin.`);
      const created = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('users.create', { name: opts.name, displayName: opts.displayName, role: opts.role as 'clerk', pin: opts.pin }),
      );
      printJson(created);
    });

  user
    .command('reset-pin')
    .description('Đặt lại mã PIN của một người dùng (kết thúc mọi phiên đăng nhập của họ)')
    .argument('<name>', 'tên đăng nhập')
    .requiredOption('--pin <pin>', 'mã PIN mới')
    .action(async (name: string, opts: { pin: string }, cmd: Command) => {
      const updated = await withApp(cmd, async (app) => {
        const client = app.client({ actor: 'cli' });
        const found = (await client.invoke('users.list')).find((u) => u.name === name.trim().toLowerCase());
        if (!found) throw new CliInputError(`Không có người dùng "${name}".`);
        return client.invoke('users.resetPin', { id: found.id, pin: opts.pin });
      });
      printJson(updated);
    });

  user
    .command('unlock')
    .description('Mở khóa đăng nhập cho người dùng bị tạm khóa vì nhập sai PIN nhiều lần (ghi vào nhật ký)')
    .argument('<name>', 'tên đăng nhập')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const updated = await withApp(cmd, async (app) => {
        const client = app.client({ actor: 'cli' });
        const found = (await client.invoke('users.list')).find((u) => u.name === name.trim().toLowerCase());
        if (!found) throw new CliInputError(`Không có người dùng "${name}".`);
        return client.invoke('users.unlock', { id: found.id });
      });
      printJson(updated);
    });
}
