import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Input } from '../../../shared/contract/channels';
import type { PrintedDocument } from '../../../shared/contract/documents.schema';
import { serveFileBytes } from '../../app/files';
import type { App } from '../../app/create-app';
import { CliInputError, EXIT, printJson, withApp } from '../run';

/**
 * `motcua print …`: the one-stop forms from the command line, over the same channels as the desk.
 * Every document is stored with its dossier (history, reprint) whether it is saved to --out,
 * sent to --printer, or both. Exit codes: 0 done, 2 bad input or unknown code, 1 printer failure
 * (the document is still stored and written to --out).
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const FORMS = ['01', '02', '03', '04', '05', '06'] as const;

interface OutputOptions {
  out?: string;
  printer?: string;
  copies?: string;
  paper?: string;
}

function parseCopies(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new CliInputError(`Số bản in (--copies) phải là số nguyên từ 1 đến 99, không phải "${raw}".`);
  return n;
}

function parsePaper(raw: string | undefined): 'A4' | 'A5' | undefined {
  if (raw === undefined) return undefined;
  const p = raw.toUpperCase();
  if (p !== 'A4' && p !== 'A5') throw new CliInputError(`Khổ giấy (--paper) chỉ có A4 hoặc A5, không phải "${raw}".`);
  return p;
}

function withOutputOptions(cmd: Command): Command {
  return cmd
    .option('--out <file.pdf>', 'lưu tài liệu ra tệp PDF')
    .option('--printer <name>', 'gửi tới máy in này (tên trong `motcua print printers`)')
    .option('--copies <n>', 'số bản in (mặc định theo Cài đặt in)')
    .option('--paper <A4|A5>', 'khổ giấy (A5 chỉ áp dụng cho Giấy tiếp nhận, Mẫu 01)');
}

async function produce(app: App, target: Input<'documents.render'>['target'], opts: OutputOptions): Promise<{ doc: PrintedDocument; out?: string }> {
  if (!opts.out && !opts.printer) throw new CliInputError('Cần --out <tệp.pdf> để lưu ra tệp, hoặc --printer <tên máy in> để in (có thể dùng cả hai).');
  const copies = parseCopies(opts.copies);
  const paper = parsePaper(opts.paper);
  const client = app.client({ actor: 'cli' });
  const doc = opts.printer
    ? await client.invoke('documents.print', { target, printer: opts.printer, ...(copies ? { copies } : {}), ...(paper ? { paper } : {}) })
    : await client.invoke('documents.save', { target, ...(paper ? { paper } : {}) });
  let out: string | undefined;
  if (opts.out) {
    const file = await serveFileBytes(app, doc.fileId);
    if (!file) throw new Error(`stored file ${doc.fileId} is missing`);
    out = resolve(opts.out);
    writeFileSync(out, file.bytes);
  }
  return { doc, out };
}

function report(result: { doc: PrintedDocument; out?: string }): void {
  const { doc, out } = result;
  printJson({
    documentId: doc.id,
    form: doc.formKind,
    subject: doc.subject,
    fileId: doc.fileId,
    pages: doc.pages,
    paper: doc.paper,
    bytes: doc.size,
    sha256: doc.sha256,
    status: doc.status,
    printer: doc.printer,
    copies: doc.copies,
    jobId: doc.jobId,
    ...(out ? { out } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  });
  if (doc.status === 'failed') {
    process.stderr.write(`Lỗi (${doc.error?.code ?? 'device_unavailable'}): ${doc.error?.message ?? 'Không in được.'}\n`);
    process.exitCode = EXIT.failure;
  }
}

async function noticeKind(app: App, id: string): Promise<'supplement' | 'refusal'> {
  return (await app.client({ actor: 'cli' }).invoke('intake.noticeGet', { id })).kind;
}

export function registerPrint(program: Command): void {
  const print = program.command('print').description('In hoặc lưu PDF các biểu mẫu một cửa (Mẫu 01–07)');

  withOutputOptions(print.command('receipt').description('Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) của một hồ sơ').argument('<code>', 'mã hồ sơ')).action(
    async (code: string, opts: OutputOptions, cmd: Command) => {
      report(await withApp(cmd, (app) => produce(app, { kind: 'dossier', code, form: '01' }, opts)));
    },
  );

  withOutputOptions(
    print
      .command('form')
      .description('Một biểu mẫu của hồ sơ: 01 tiếp nhận, 02 yêu cầu bổ sung, 03 từ chối, 04 xin lỗi và gia hạn, 05 dừng giải quyết, 06 phiếu kiểm soát')
      .argument('<form>', 'số mẫu: 01, 02, 03, 04, 05 hoặc 06')
      .argument('<code>', 'mã hồ sơ; với Mẫu 02/03 có thể là mã phiếu yêu cầu bổ sung / từ chối lập tại quầy'),
  ).action(async (formArg: string, code: string, opts: OutputOptions, cmd: Command) => {
    const form = formArg.padStart(2, '0') as (typeof FORMS)[number];
    if (!(FORMS as readonly string[]).includes(form)) {
      throw new CliInputError(`Không có biểu mẫu "${formArg}". Chọn 01, 02, 03, 04, 05 hoặc 06 (sổ theo dõi Mẫu 07: dùng \`motcua print book\`).`);
    }
    report(
      await withApp(cmd, async (app) => {
        if (UUID_RE.test(code.trim())) {
          if (form !== '02' && form !== '03') throw new CliInputError('Mã phiếu lập tại quầy chỉ dùng cho Mẫu 02 (yêu cầu bổ sung) hoặc Mẫu 03 (từ chối).');
          const kind = await noticeKind(app, code.trim());
          if ((form === '02') !== (kind === 'supplement')) {
            throw new CliInputError(kind === 'supplement' ? 'Phiếu này là yêu cầu bổ sung, hãy in Mẫu 02.' : 'Phiếu này là từ chối tiếp nhận, hãy in Mẫu 03.');
          }
          return produce(app, { kind: 'notice', id: code.trim() }, opts);
        }
        return produce(app, { kind: 'dossier', code, form }, opts);
      }),
    );
  });

  withOutputOptions(
    print
      .command('book')
      .description('Sổ theo dõi hồ sơ (Mẫu 07) cho các hồ sơ tiếp nhận trong một khoảng ngày')
      .requiredOption('--from <YYYY-MM-DD>', 'từ ngày')
      .requiredOption('--to <YYYY-MM-DD>', 'đến ngày'),
  ).action(async (opts: OutputOptions & { from: string; to: string }, cmd: Command) => {
    for (const [name, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
      if (!DATE_RE.test(v)) throw new CliInputError(`${name} phải là ngày dạng YYYY-MM-DD, ví dụ 2026-03-17 (nhận được "${v}").`);
    }
    report(await withApp(cmd, (app) => produce(app, { kind: 'book', from: opts.from, to: opts.to }, opts)));
  });

  print
    .command('reprint')
    .description('In lại đúng tài liệu đã lưu (không dựng lại), theo mã tài liệu trong lịch sử in')
    .argument('<documentId>')
    .option('--printer <name>', 'máy in (mặc định: máy in lần trước)')
    .option('--copies <n>', 'số bản in')
    .action(async (documentId: string, opts: { printer?: string; copies?: string }, cmd: Command) => {
      const copies = parseCopies(opts.copies);
      const doc = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('documents.reprint', { documentId, ...(opts.printer ? { printer: opts.printer } : {}), ...(copies ? { copies } : {}) }),
      );
      report({ doc });
    });

  print
    .command('history')
    .description('Lịch sử in của một hồ sơ (hoặc phiếu lập tại quầy), mới nhất trước (JSON)')
    .argument('<code>')
    .action(async (code: string, _opts: unknown, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('documents.history', { subject: code })));
    });

  print
    .command('printers')
    .description('Các máy in hệ thống nhận biết được (JSON)')
    .action(async (_opts: unknown, cmd: Command) => {
      printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('printers.list')));
    });
}
