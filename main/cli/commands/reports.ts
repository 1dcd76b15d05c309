import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ReportRangeSchema, TIMELINESS_RULES, type TimelinessRule } from '../../../shared/contract/reports.schema';
import { serveFileBytes } from '../../app/files';
import { CliInputError, EXIT, printJson, withApp } from '../run';

function parseRange(opts: { from?: string; to?: string; rule?: string }): { from: string; to: string; rule?: TimelinessRule } {
  if (opts.rule !== undefined && !(TIMELINESS_RULES as readonly string[]).includes(opts.rule)) {
    throw new CliInputError(`--rule "${opts.rule}": phải là ${TIMELINESS_RULES.join(' hoặc ')}.`);
  }
  const parsed = ReportRangeSchema.safeParse({ from: opts.from, to: opts.to, ...(opts.rule ? { rule: opts.rule } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliInputError(`--${String(issue.path[0] ?? 'from')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * `motcua report` (Biểu 06a as JSON, XLSX or PDF) and `motcua import dossiers FILE` (past records
 * from CSV/XLSX). The JSON shape of `report` is a contract: {from, to, rows, totals, summary, indicators}.
 */
export function registerReports(program: Command): void {
  program
    .command('report')
    .description('Báo cáo tình hình, kết quả giải quyết TTHC (Biểu 06a) theo khoảng ngày: JSON, Excel hoặc PDF')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày đầu kỳ (tính cả ngày này)')
    .requiredOption('--to <YYYY-MM-DD>', 'ngày cuối kỳ (tính cả ngày này)')
    .option('--format <json|xlsx|pdf>', 'định dạng', 'json')
    .option('--out <file>', 'ghi ra tệp (mặc định: JSON in ra màn hình; xlsx/pdf ghi Bieu-06a-….xlsx/.pdf ở thư mục hiện tại)')
    .option('--rule <product|date>', 'cách tính trước hạn / đúng hạn (mặc định: theo cài đặt)')
    .option('--period-label <text>', 'tên kỳ in trên biểu, ví dụ "Quý I năm 2026"')
    .action(async (opts: { from?: string; to?: string; format: string; out?: string; rule?: string; periodLabel?: string }, cmd: Command) => {
      if (!['json', 'xlsx', 'pdf'].includes(opts.format)) throw new CliInputError(`--format "${opts.format}": phải là json, xlsx hoặc pdf.`);
      const range = parseRange(opts);
      await withApp(cmd, async (app) => {
        if (opts.format === 'json') {
          const report = await app.client({ actor: 'cli' }).invoke('reports.run', range);
          if (opts.out) {
            writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n', 'utf8');
            process.stderr.write(`Đã ghi báo cáo vào ${opts.out}.\n`);
          } else printJson(report);
          return;
        }
        // Through the contract like every other caller: validated, access-checked, audited the same way.
        const client = app.client({ actor: 'cli' });
        const made = await client.invoke('reports.export', { ...range, format: opts.format as 'xlsx' | 'pdf', ...(opts.periodLabel ? { periodLabel: opts.periodLabel } : {}) });
        const file = await serveFileBytes(app, made.fileId);
        if (!file) throw new CliInputError('Không đọc được tệp Biểu 06a vừa tạo.');
        const { totals } = await client.invoke('reports.run', range);
        const out = opts.out ?? made.name;
        writeFileSync(out, file.bytes);
        process.stderr.write(`Đã ghi Biểu 06a vào ${out}.\n`);
        printJson({ file: out, bytes: file.bytes.length, totals });
      });
    });

  const imp = program.command('import').description('Nhập dữ liệu cũ');
  imp
    .command('dossiers')
    .description('Nhập hồ sơ cũ từ tệp CSV (UTF-8) hoặc Excel (.xlsx) có dòng tiêu đề; in kết quả (JSON)')
    .argument('<file>', 'tệp .csv hoặc .xlsx')
    .option('--all-or-nothing', 'có dòng lỗi thì không nhập dòng nào (mặc định: nhập các dòng đúng, báo các dòng lỗi)')
    .action(async (file: string, opts: { allOrNothing?: boolean }, cmd: Command) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new CliInputError(`Không đọc được tệp "${file}".`);
      }
      const result = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('dossiers.import', { fileName: basename(file), contentBase64: bytes.toString('base64'), allOrNothing: opts.allOrNothing === true }),
      );
      for (const e of result.errors) process.stderr.write(`${e.message}\n`);
      process.stderr.write(
        result.rejected
          ? `Không nhập hồ sơ nào (${result.errors.length} dòng lỗi).\n`
          : `Đã nhập ${result.imported} hồ sơ; ${result.duplicates} hồ sơ đã có từ trước; ${result.errors.length} dòng lỗi.\n`,
      );
      printJson(result);
      process.exitCode = result.errors.length > 0 ? EXIT.badInput : EXIT.ok;
    });
}
