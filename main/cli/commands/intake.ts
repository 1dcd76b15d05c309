import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { serveFileBytes } from '../../app/files';
import type { Command } from 'commander';
import { toListing } from '../../../shared/domain/catalogue';
import { CliInputError, printJson, withApp } from '../run';

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * `motcua catalog …` and `motcua calendar …`: the procedure catalogue and the working-day calendar for
 * admins and scripts. Output shapes are contracts other tools rely on (see the intake issue).
 */
export function registerIntake(program: Command): void {
  const catalog = program.command('catalog').description('Danh mục thủ tục hành chính');
  catalog
    .command('list')
    .description('Các thủ tục đang có hiệu lực (JSON: code, name, field, limit)')
    .option('--on <YYYY-MM-DD>', 'ngày xét hiệu lực (mặc định hôm nay)')
    .action(async (opts: { on?: string }, cmd: Command) => {
      const procedures = await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('catalog.list', opts.on ? { onDate: opts.on } : {}));
      printJson(toListing(procedures));
    });
  catalog
    .command('show')
    .description('Một thủ tục: phiên bản có hiệu lực vào ngày đã cho (JSON đầy đủ)')
    .argument('<code>', 'mã thủ tục, ví dụ 1.001731')
    .option('--on <YYYY-MM-DD>', 'ngày xét hiệu lực (mặc định hôm nay)')
    .action(async (code: string, opts: { on?: string }, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('catalog.get', { code, ...(opts.on ? { onDate: opts.on } : {}) })));
    });
  catalog
    .command('export')
    .description('Xuất toàn bộ danh mục (mọi phiên bản) ra tệp JSON hoặc Excel (.xlsx), theo đuôi tệp')
    .requiredOption('--out <file.json|file.xlsx>', 'tệp đích')
    .action(async (opts: { out: string }, cmd: Command) => {
      const count = await withApp(cmd, async (app) => {
        const client = app.client({ actor: 'cli' });
        if (/\.xlsx$/i.test(opts.out)) {
          const made = await client.invoke('catalog.exportXlsx');
          const file = await serveFileBytes(app, made.fileId);
          writeFileSync(opts.out, file!.bytes);
          return made.procedures;
        }
        const catalogue = await client.invoke('catalog.export');
        writeFileSync(opts.out, JSON.stringify(catalogue, null, 2) + '\n', 'utf8');
        return catalogue.procedures.length;
      });
      printJson({ out: opts.out, procedures: count });
    });
  catalog
    .command('import')
    .description('Nhập danh mục từ tệp JSON hoặc Excel (.xlsx): thêm phiên bản mới, thay phiên bản cùng mã và ngày hiệu lực')
    .argument('<file.json|file.xlsx>')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new CliInputError(`Không đọc được tệp ${file}: ${(e as Error).message}`);
      }
      if (/\.xlsx$/i.test(file)) {
        const name = basename(file);
        printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('catalog.importXlsx', { base64: bytes.toString('base64'), name })));
        return;
      }
      let catalogue: unknown;
      try {
        catalogue = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        throw new CliInputError(`Tệp ${file} không phải JSON hợp lệ: ${(e as Error).message}`);
      }
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('catalog.import', { catalogue: catalogue as never })));
    });

  const calendar = program.command('calendar').description('Lịch làm việc, ngày nghỉ lễ và ngày hẹn trả kết quả');
  calendar
    .command('due')
    .description('Ngày hẹn trả: --received 2026-02-13T10:00 --limit 3 (ngày làm việc) hoặc --limit same-day')
    .requiredOption('--received <YYYY-MM-DDTHH:mm>', 'thời điểm tiếp nhận (giờ Việt Nam)')
    .requiredOption('--limit <N|same-day>', 'số ngày làm việc, hoặc same-day (trong ngày, mốc 15:00)')
    .action(async (opts: { received: string; limit: string }, cmd: Command) => {
      if (!LOCAL_RE.test(opts.received)) throw new CliInputError(`--received "${opts.received}" phải có dạng YYYY-MM-DDTHH:mm, ví dụ 2026-02-13T10:00.`);
      let limit: number | 'same-day';
      if (opts.limit === 'same-day') limit = 'same-day';
      else if (/^\d+$/.test(opts.limit) && Number(opts.limit) >= 1) limit = Number(opts.limit);
      else throw new CliInputError(`--limit "${opts.limit}" phải là số ngày làm việc (số nguyên dương) hoặc same-day.`);
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('calendar.due', { received: opts.received, limit })));
    });
  calendar
    .command('day')
    .description('Một ngày có phải ngày làm việc không, và vì sao')
    .argument('<YYYY-MM-DD>')
    .action(async (date: string, _opts: unknown, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('calendar.day', { date })));
    });
  calendar
    .command('year')
    .description('Ngày lễ, nghỉ bù, hoán đổi và thứ Bảy làm bù của một năm')
    .argument('<YYYY>')
    .action(async (year: string, _opts: unknown, cmd: Command) => {
      if (!/^\d{4}$/.test(year)) throw new CliInputError(`Năm "${year}" phải gồm 4 chữ số, ví dụ 2027.`);
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('calendar.year', { year: Number(year) })));
    });
}
