import type { Command } from 'commander';
import { CliInputError, printJson, withApp } from '../run';

/**
 * `motcua search text "…" [--limit N] [--offset N]`: full-text search in the OCR text of stored
 * papers; prints `[{code, component, page, snippet, score}]` (best first).
 */
export function registerSearch(program: Command): void {
  const search = program.command('search').description('Tìm kiếm trong hồ sơ lưu trữ');
  search
    .command('text')
    .description('Tìm theo chữ trên giấy tờ đã số hóa (có dấu hoặc không dấu), JSON')
    .argument('<query>', 'các từ cần tìm, ví dụ "nguyen van duc"')
    .option('--limit <N>', 'số kết quả tối đa (1–100, mặc định 20)')
    .option('--offset <N>', 'bỏ qua N kết quả đầu (trang sau)')
    .action(async (query: string, opts: { limit?: string; offset?: string }, cmd: Command) => {
      const num = (name: string, v: string | undefined, max: number) => {
        if (v === undefined) return undefined;
        if (!/^\d+$/.test(v) || Number(v) > max) throw new CliInputError(`${name} "${v}" phải là số nguyên từ 0 đến ${max}.`);
        return Number(v);
      };
      const limit = num('--limit', opts.limit, 100);
      const offset = num('--offset', opts.offset, 10_000);
      const r = await withApp(cmd, (app) =>
        app.client({ actor: 'cli' }).invoke('archive.searchText', { query, ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) }),
      );
      printJson(r.hits.map((h) => ({ code: h.code, component: h.component, page: h.page, snippet: h.snippet, score: h.score })));
    });
}
