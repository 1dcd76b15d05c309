import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { countsCells, type SearchSort } from '../../../../shared/contract/reports.schema';
import { DOSSIER_STATUSES, statusLabel } from '../../../../shared/domain/dossier-status';
import { PERIOD_KINDS, periodContaining, periodLine, reportPeriod, vietnamToday, type PeriodKind, type PeriodMode } from '../../../../shared/domain/report-period';
import { Button } from '../../components/Button';
import { DateField } from '../../components/DateField';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { fileUrl, rpc } from '../../rpc/client';
import { OnTimeChart, ReceivedChart } from './Charts';
import { ImportPanel } from './ImportPanel';
import { vi } from '../../../../shared/i18n/vi';

const t = vi.reportsUi;

type Tab = 'search' | 'report' | 'import';

/** Search, the 06a report with charts and exports, and the import of past records (issue 7). */
export function ReportsScreen() {
  const [tab, setTab] = useState<Tab>('search');
  return (
    <section className="reports">
      <div className="reports__tabs" role="tablist">
        {(['search', 'report', 'import'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`reports__tab${tab === id ? ' reports__tab--on' : ''}`} onClick={() => setTab(id)}>
            {t.tabs[id]}
          </button>
        ))}
      </div>
      {tab === 'search' && <SearchPanel />}
      {tab === 'report' && <ReportPanel />}
      {tab === 'import' && <ImportPanel />}
    </section>
  );
}

const dayOnly = (local: string | null) => (local ? `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}` : '');

function SearchPanel() {
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState('');
  const [field, setField] = useState('');
  const [procedureCode, setProcedureCode] = useState('');
  const [channel, setChannel] = useState('');
  const [officer, setOfficer] = useState('');
  const [sort, setSort] = useState<SearchSort>('received');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const input = {
    query,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    statuses: status ? [status as (typeof DOSSIER_STATUSES)[number]] : [],
    field,
    procedureCode,
    ...(channel ? { channel: channel as 'truc_tiep' | 'truc_tuyen' | 'buu_chinh' } : {}),
    officer,
    sort,
    dir,
    page,
    pageSize,
  };
  const result = useQuery({ queryKey: ['dossiers.search', input], queryFn: () => rpc.invoke('dossiers.search', input), placeholderData: (prev) => prev });
  const catalog = useQuery({ queryKey: ['catalog.list', 'all'], queryFn: () => rpc.invoke('catalog.list', { includeRetired: true }) });
  const fields = [...new Set((catalog.data ?? []).map((p) => p.field))];
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const sortBy = (s: SearchSort) => {
    if (s === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSort(s);
      setDir(s === 'received' || s === 'due' ? 'desc' : 'asc');
    }
    setPage(1);
  };
  const pages = Math.max(1, Math.ceil((result.data?.total ?? 0) / pageSize));
  const header = (s: SearchSort | null, label: string) =>
    s ? (
      <th scope="col" aria-sort={sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="reports__sort" onClick={() => sortBy(s)}>
          {label}
          {sort === s ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    ) : (
      <th scope="col">{label}</th>
    );
  return (
    <div className="reports__panel">
      <TextField label={t.search.box} hint={t.search.boxHint} value={query} onChange={(e) => reset(setQuery)(e.target.value)} autoFocus type="search" />
      <div className="reports__filters">
        <DateField label={t.search.from} value={from} onChange={(v) => reset(setFrom)(v)} />
        <DateField label={t.search.to} value={to} onChange={(v) => reset(setTo)(v)} />
        <SelectField anyLabel={t.search.any} label={t.search.status} value={status} onChange={reset(setStatus)} options={DOSSIER_STATUSES.map((s) => [s, statusLabel(s)])} />
        <SelectField anyLabel={t.search.any} label={t.search.field} value={field} onChange={reset(setField)} options={fields.map((f) => [f, f])} />
        <SelectField anyLabel={t.search.any} label={t.search.procedure} value={procedureCode} onChange={reset(setProcedureCode)} options={(catalog.data ?? []).map((p) => [p.code, `${p.code} ${p.name}`])} />
        <SelectField anyLabel={t.search.any} label={t.search.channel} value={channel} onChange={reset(setChannel)} options={Object.entries(t.channels)} />
        <TextField label={t.search.officer} value={officer} onChange={(e) => reset(setOfficer)(e.target.value)} />
      </div>
      {result.isError && <p role="alert">{result.error.message}</p>}
      <table className="table reports__results">
        <caption className="table__caption">{t.search.caption(result.data?.total ?? 0, result.data?.totalCapped ?? false)}</caption>
        <thead>
          <tr>
            {header('code', t.cols.code)}
            {header('name', t.cols.name)}
            {header('procedure', t.cols.procedure)}
            {header('field', t.cols.field)}
            {header('received', t.cols.received)}
            {header('due', t.cols.due)}
            {header('status', t.cols.status)}
          </tr>
        </thead>
        <tbody>
          {(result.data?.rows ?? []).length === 0 ? (
            <tr>
              <td colSpan={7} className="table__empty">
                {t.search.empty}
              </td>
            </tr>
          ) : (
            result.data!.rows.map((r) => (
              <tr key={r.code} className="table__row--link" tabIndex={0} onClick={() => open(r.code)} onKeyDown={(e) => e.key === 'Enter' && open(r.code)}>
                <td>
                  <a href={`#/tracking?code=${encodeURIComponent(r.code)}`}>{r.code}</a>
                </td>
                <td>{r.applicantName}</td>
                <td>{r.procedureName}</td>
                <td>{r.field}</td>
                <td>{dayOnly(r.receivedLocal)}</td>
                <td>
                  {dayOnly(r.dueLocal)}
                  {r.overdue ? <span className="reports__overdue"> ({t.search.overdue})</span> : null}
                </td>
                <td>{r.statusLabel}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="reports__pager">
        <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t.search.prev}
        </Button>
        <span>{t.search.page(page, pages)}</span>
        <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t.search.next}
        </Button>
      </div>
    </div>
  );
}

function open(code: string) {
  window.location.hash = `#/tracking?code=${encodeURIComponent(code)}`;
}

const cells = countsCells;

function ReportPanel() {
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => rpc.invoke('app.info') });
  // Wait for the desk's clock (the one deadlines run on), then open on the period containing its today.
  return info.data ? <ReportPeriodPanel today={vietnamToday(new Date(info.data.now))} /> : null;
}

function ReportPeriodPanel({ today }: { today: string }) {
  const toast = useToast();
  // Opens on the cut-off quarter containing today (what the commune reports next), not on Quý I.
  const thisYear = Number(today.slice(0, 4));
  const [mode, setMode] = useState<PeriodMode | 'custom'>('cutoff');
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const [year, setYear] = useState(() => periodContaining(today, 'quarter', 'cutoff').year);
  const [index, setIndex] = useState(() => periodContaining(today, 'quarter', 'cutoff').index);
  const showCurrent = (k: PeriodKind, m: PeriodMode) => {
    const p = periodContaining(today, k, m);
    setYear(p.year);
    setIndex(p.index);
  };
  const [customFrom, setCustomFrom] = useState(`${thisYear}-01-01`);
  const [customTo, setCustomTo] = useState(`${thisYear}-12-31`);
  let range: { from: string; to: string; label?: string };
  try {
    range = mode === 'custom' ? { from: customFrom, to: customTo } : reportPeriod({ kind, mode, year, index });
  } catch {
    range = { from: customFrom, to: customTo };
  }
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && range.from <= range.to;
  const report = useQuery({ queryKey: ['reports.run', range.from, range.to], queryFn: () => rpc.invoke('reports.run', { from: range.from, to: range.to }), enabled: valid });
  const monthly = useQuery({ queryKey: ['reports.monthly', range.from, range.to], queryFn: () => rpc.invoke('reports.monthly', { from: range.from, to: range.to }), enabled: valid });
  const download = useMutation({
    mutationFn: async (what: 'xlsx' | 'pdf' | 'book') =>
      what === 'book'
        ? rpc.invoke('reports.exportBook', { from: range.from, to: range.to })
        : rpc.invoke('reports.export', { from: range.from, to: range.to, format: what, periodLabel: range.label ?? '' }),
    onSuccess: (file) => {
      const a = document.createElement('a');
      a.href = fileUrl(file.fileId);
      a.download = file.name;
      a.click();
      toast('success', `${t.report.ready} ${file.name}`);
    },
    onError: (e: Error) => toast('error', e.message),
  });
  const maxIndex = kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 1;
  return (
    <div className="reports__panel">
      <div className="reports__filters">
        <label className="field">
          <span className="field__label">{t.report.mode}</span>
          <select
            className="field__input"
            value={mode}
            onChange={(e) => {
              const m = e.target.value as PeriodMode | 'custom';
              setMode(m);
              if (m !== 'custom') showCurrent(kind, m);
            }}
          >
            <option value="cutoff">{t.report.cutoff}</option>
            <option value="calendar">{t.report.calendar}</option>
            <option value="custom">{t.report.custom}</option>
          </select>
        </label>
        {mode === 'custom' ? (
          <>
            <DateField label={t.search.from} value={customFrom} onChange={setCustomFrom} />
            <DateField label={t.search.to} value={customTo} onChange={setCustomTo} />
          </>
        ) : (
          <>
            <label className="field">
              <span className="field__label">{t.report.kind}</span>
              <select
                className="field__input"
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as PeriodKind;
                  setKind(k);
                  showCurrent(k, mode);
                }}
              >
                {PERIOD_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t.report.kinds[k]}
                  </option>
                ))}
              </select>
            </label>
            {maxIndex > 1 && (
              <label className="field">
                <span className="field__label">{t.report.index}</span>
                <select className="field__input" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
                  {Array.from({ length: maxIndex }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <TextField label={t.report.year} type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || thisYear)} />
          </>
        )}
      </div>
      <p className="reports__period">{valid ? periodLine(range.from, range.to, range.label) : ''}</p>
      <div className="reports__actions">
        <Button variant="primary" busy={download.isPending} disabled={!valid} onClick={() => download.mutate('xlsx')}>
          {t.report.exportXlsx}
        </Button>
        <Button busy={download.isPending} disabled={!valid} onClick={() => download.mutate('pdf')}>
          {t.report.exportPdf}
        </Button>
        <Button busy={download.isPending} disabled={!valid} onClick={() => download.mutate('book')}>
          {t.report.exportBook}
        </Button>
      </div>
      {report.isError && <p role="alert">{report.error.message}</p>}
      {report.data && (
        <>
          <div className="reports__tablewrap">
            <table className="table reports__06a">
              <thead>
                <tr>
                  <th rowSpan={2}>{t.report.headers[0]}</th>
                  <th rowSpan={2}>{t.report.headers[1]}</th>
                  <th colSpan={4}>{t.report.groups[0]}</th>
                  <th colSpan={4}>{t.report.groups[1]}</th>
                  <th colSpan={3}>{t.report.groups[2]}</th>
                </tr>
                <tr>
                  {t.report.headers.slice(2).map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.data.rows.map((r, i) => (
                  <tr key={r.field}>
                    <td>{i + 1}</td>
                    <td>{r.field}</td>
                    {cells(r).map((v, j) => (
                      <td key={j} className="reports__num">
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="reports__totals">
                  <td colSpan={2}>{t.report.total}</td>
                  {cells(report.data.totals).map((v, j) => (
                    <td key={j} className="reports__num">
                      {v}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p className="reports__summary">{report.data.summary}</p>
          <h3>{t.report.indicators}</h3>
          <table className="table reports__indicators">
            <thead>
              <tr>
                {t.report.indicatorCols.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.values(report.data.indicators).map((ind) => (
                <tr key={ind.code}>
                  <td>{`${ind.code}. ${ind.name}`}</td>
                  <td className="reports__num">{`${ind.numerator}/${ind.denominator}`}</td>
                  <td className="reports__num">{ind.display}</td>
                  <td className="reports__num">{ind.threshold === null ? '' : `≥ ${ind.threshold}%`}</td>
                  <td className="reports__num">{ind.points === null ? '' : `${String(ind.points).replace('.', ',')}/${ind.maxPoints}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {monthly.data && (
        <div className="reports__charts">
          <ReceivedChart data={monthly.data} />
          <OnTimeChart data={monthly.data} />
        </div>
      )}
    </div>
  );
}
