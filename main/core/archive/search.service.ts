/** Full-text search over the archive's OCR text (issue 18): `archive.searchText` for the screens and `motcua search text`. */
import type { archiveChannels } from '../../../shared/contract/archive.channels';
import { nextDay } from '../../../shared/domain/report-period';
import { queryWords, snippet } from '../../../shared/domain/text-search';
import { searchText } from '../../store/ocr-search.repository';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

export function archiveSearchHandlers(deps: CoreDeps): HandlerMap<ChannelsOf<typeof archiveChannels, 'archive.'>> {
  return {
    'archive.searchText': async ({ query, limit, offset, field, procedureCode, statuses, from, to }) => {
      const words = queryWords(query);
      const { rows, total } = await searchText(deps.db, deps.storeKind, words, limit, offset, {
        field: field || undefined,
        procedureCode: procedureCode || undefined,
        statuses,
        fromLocal: from ? `${from}T00:00` : undefined,
        toLocalExclusive: to ? `${nextDay(to)}T00:00` : undefined,
      });
      return {
        hits: rows.map((r) => ({
          code: r.code,
          component: r.component,
          componentName: r.component_name,
          scanId: r.scan_id,
          fileId: r.file_id,
          page: Number(r.page),
          snippet: snippet(r.text, words),
          score: Number(r.score),
        })),
        total,
        limit,
        offset,
      };
    },
  };
}
