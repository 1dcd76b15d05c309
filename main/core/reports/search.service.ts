import type { ParsedInput } from '../../../shared/contract/channels';
import type { SearchOutput } from '../../../shared/contract/reports.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { statusLabel } from '../../../shared/domain/dossier-status';
import { nextDay } from '../../../shared/domain/report-period';
import { searchDossiers, type SearchFilters } from '../../store/search.repository';
import { nameTokens } from '../../store/search-tokens';
import type { CoreDeps } from '../context';

export interface ParsedQuery {
  nameWords: string[];
  digits: string | null;
  codePrefix: string | null;
  codeTail: string | null;
}

/**
 * Read what the clerk typed in the one search box:
 * - a dossier code or its beginning ("H50.12.34-260317-0001", "H50.12.34-2603");
 * - a code tail ("260317-0001");
 * - digits (spaces, dots and dashes ignored, +84 read as 0): the beginning of a CCCD/CMND or phone;
 * - anything else: name words, each matching the beginning of a word of the name, in any case and
 *   with or without diacritics ("huong" and "Hường" both find "Nguyễn Thị Hường").
 */
export function parseSearchQuery(query: string): ParsedQuery {
  const q = query.normalize('NFC').trim();
  const none: ParsedQuery = { nameWords: [], digits: null, codePrefix: null, codeTail: null };
  if (q === '') return none;
  const upper = q.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z][A-Z0-9.]*\d[A-Z0-9.]*-\d/.test(upper) || /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-/.test(upper)) return { ...none, codePrefix: upper };
  if (/^\d{2,6}-\d{1,6}$/.test(upper) || /^-\d{1,6}$/.test(upper)) return { ...none, codeTail: upper };
  const compact = q.replace(/[\s.\-()]/g, '');
  if (/^\+?\d{3,}$/.test(compact)) {
    const digits = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact.replace(/^\+/, '');
    return { ...none, digits };
  }
  return { ...none, nameWords: nameTokens(q) };
}

export async function searchDossierTable(deps: CoreDeps, input: ParsedInput<'dossiers.search'>): Promise<SearchOutput> {
  const parsed = parseSearchQuery(input.query);
  const filters: SearchFilters = {
    ...parsed,
    fromLocal: input.from ? `${input.from}T00:00` : null,
    toLocalExclusive: input.to ? `${nextDay(input.to)}T00:00` : null,
    statuses: input.statuses,
    field: input.field,
    procedureCode: input.procedureCode,
    channel: input.channel ?? null,
    officer: input.officer,
  };
  const { total, totalCapped, rows } = await searchDossiers(deps.db, deps.storeKind, filters, {
    sort: input.sort,
    dir: input.dir,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const nowLocal = utcToVietnamLocal(deps.clock.now().toISOString());
  return {
    total,
    totalCapped,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r) => {
      const finishedLocal = r.result_local ?? r.closed_local;
      return {
        code: r.code,
        applicantName: r.full_name,
        idNumber: r.id_number,
        phone: r.phone,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        field: r.field,
        channel: r.channel,
        status: r.status,
        statusLabel: statusLabel(r.status),
        receivedBy: r.received_by,
        receivedLocal: r.received_local,
        dueLocal: r.due_local,
        finishedLocal,
        overdue: finishedLocal === null && r.due_local < nowLocal,
      };
    }),
  };
}
