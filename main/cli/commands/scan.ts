import type { Command } from 'commander';
import { SCAN_PROFILES, type ScanProfileKind } from '../../../shared/contract/scans.schema';
import { profileDefaults, scanToFile, type ColourMode, type ScanSource } from '../../app/scan-to-file';
import { CliInputError, printJson, withApp } from '../run';

interface ScanOpts {
  list?: boolean;
  device?: string;
  pages?: string;
  dpi?: string;
  mode?: string;
  source?: string;
  profile?: string;
  out?: string;
  dossier?: string;
  component?: string;
  reused?: boolean;
  nationalStore?: boolean;
  replace?: boolean;
}

const MODES: readonly ColourMode[] = ['color', 'gray', 'bw'];
const SOURCES: readonly ScanSource[] = ['flatbed', 'adf', 'adf-duplex'];

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new CliInputError(`${name} "${v}" phải là số nguyên từ ${min} đến ${max}.`);
  return Number(v);
}

/**
 * `motcua scan`: `--list` prints the devices as JSON; `--device … --out file.pdf` scans through the
 * page pipeline into a file (admins testing a scanner); `--dossier <code> --component <n|result>`
 * scans into that dossier component through the same channels as the scan panel.
 */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('Quét giấy tờ: liệt kê máy quét, quét thử ra tệp PDF, hoặc quét vào thành phần hồ sơ')
    .option('--list', 'liệt kê máy quét (JSON)')
    .option('--device <name>', 'máy quét, ví dụ test:0 hoặc escl:http://…')
    .option('--pages <N>', 'số trang (khay nạp giấy); bỏ trống = đến khi hết giấy')
    .option('--dpi <dpi>', 'độ phân giải (mặc định theo cấu hình quét)')
    .option('--mode <color|gray|bw>', 'chế độ màu')
    .option('--source <flatbed|adf|adf-duplex>', 'nguồn giấy (mặc định flatbed, adf khi có --pages > 1)')
    .option('--profile <kind>', `cấu hình quét: ${SCAN_PROFILES.join(', ')}`)
    .option('--out <file.pdf>', 'ghi bản quét ra tệp PDF')
    .option('--dossier <code>', 'mã hồ sơ để lưu bản quét vào')
    .option('--component <n|result>', 'số thứ tự thành phần hồ sơ (từ 1) hoặc result (kết quả)')
    .option('--reused', 'đánh dấu thành phần được tái sử dụng')
    .option('--national-store', 'đánh dấu lấy từ kho dữ liệu trên Cổng DVC quốc gia')
    .option('--replace', 'thay bản số hóa đang có của thành phần')
    .action(async (opts: ScanOpts, cmd: Command) => {
      if (opts.list) {
        printJson(await withApp(cmd, (app) => app.client({ actor: 'cli' }).invoke('scans.devices')));
        return;
      }
      if (!opts.device) throw new CliInputError('Cần --list, hoặc --device <tên máy quét> (xem "motcua scan --list").');
      if (!opts.out && !opts.dossier) throw new CliInputError('Cần --out <tệp.pdf> hoặc --dossier <mã hồ sơ> --component <n>.');
      if (opts.dossier && !opts.component) throw new CliInputError('Cần --component <n|result> cùng với --dossier.');
      if (opts.mode && !MODES.includes(opts.mode as ColourMode)) throw new CliInputError(`--mode "${opts.mode}" phải là color, gray hoặc bw.`);
      if (opts.source && !SOURCES.includes(opts.source as ScanSource)) throw new CliInputError(`--source "${opts.source}" phải là flatbed, adf hoặc adf-duplex.`);
      if (opts.profile && !SCAN_PROFILES.includes(opts.profile as ScanProfileKind)) throw new CliInputError(`--profile "${opts.profile}" phải là một trong: ${SCAN_PROFILES.join(', ')}.`);
      const pages = int('--pages', opts.pages, 1, 500);
      const dpiOpt = int('--dpi', opts.dpi, 50, 1200);
      const source: ScanSource = (opts.source as ScanSource | undefined) ?? (pages && pages > 1 ? 'adf' : 'flatbed');
      const profileKind = (opts.profile as ScanProfileKind | undefined) ?? (opts.mode === 'color' ? 'sealed' : opts.mode === 'bw' ? 'text_bw' : 'plain_text');
      const profile = profileDefaults(profileKind);
      const mode = (opts.mode as ColourMode | undefined) ?? profile.mode;
      const dpi = dpiOpt ?? profile.dpi;
      let component: number | 'result' | undefined;
      if (opts.component !== undefined) {
        if (opts.component === 'result') component = 'result';
        else component = int('--component', opts.component, 1, 200)! - 1;
      }

      const result = await withApp(cmd, async (app) => {
        const out: Record<string, unknown> = {};
        if (opts.out) {
          const pdf = await scanToFile(app, {
            device: opts.device!,
            source,
            profile: profileKind,
            mode,
            dpi,
            ...(pages ? { pages } : {}),
            out: opts.out,
            onPage: (done, total) => process.stderr.write(`Đã quét ${total ? `${done}/${total}` : done} trang\n`),
          });
          Object.assign(out, { out: opts.out, pageCount: pdf.pageCount, dpi: pdf.dpi, mode: pdf.mode, bytes: pdf.bytes, sha256: pdf.sha256, warnings: pdf.warnings, blankPages: pdf.blankPages });
        }
        if (opts.dossier && component !== undefined) {
          const c = app.client({ actor: 'cli' });
          const { jobId, batchId } = await c.invoke('scans.start', { dossierCode: opts.dossier, component, profile: profileKind, device: opts.device!, source, dpi, mode, ...(pages ? { pages } : {}) });
          await app.digitize.waitForJob(jobId);
          const batch = await c.invoke('scans.batch', { batchId });
          if (batch.job?.state !== 'done') {
            await c.invoke('scans.discard', { batchId });
            throw new CliInputError(batch.job?.error ?? 'Quét không thành công.');
          }
          const attached = await c.invoke('scans.attach', { batchId, reused: !!opts.reused, fromNationalStore: !!opts.nationalStore, replace: !!opts.replace });
          out.scan = attached.scan;
          out.warnings = attached.warnings;
        }
        return out;
      });
      printJson(result);
    });
}
