import type { Command } from 'commander';
import { CHANNEL_NAMES, channels } from '../../../shared/contract/channels';
import { CliInputError, EXIT, printJson, reportPayload, withApp } from '../run';

/** `motcua call <channel> [json]`: any channel of the contract, for automation and support. */
export function registerCall(program: Command): void {
  program
    .command('call')
    .description('Gọi trực tiếp một chức năng của lõi (dành cho quản trị, tự động hóa)')
    .argument('<channel>', `tên chức năng: ${CHANNEL_NAMES.join(', ')}`)
    .argument('[json]', 'dữ liệu vào dạng JSON', '{}')
    .action(async (channel: string, json: string, _opts: unknown, cmd: Command) => {
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch {
        throw new CliInputError(`Dữ liệu vào không phải JSON hợp lệ: ${json}`);
      }
      const envelope = await withApp(cmd, (app) => app.dispatcher.call(channel, input, { actor: 'cli', transport: 'in-process' }));
      if (!envelope.ok) process.exitCode = reportPayload(envelope.error);
      else printJson(envelope.value);
    });

  program
    .command('channels')
    .description('Liệt kê các chức năng của lõi (JSON)')
    .action(() => {
      printJson(CHANNEL_NAMES.map((name) => ({ name, summary: channels[name].summary })));
      process.exitCode = EXIT.ok;
    });
}
