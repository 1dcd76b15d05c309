/**
 * The archive screen (issue 18): find dossiers by the words on their digitized papers — with or without
 * diacritics, đ included — filtered by the dossier's field, procedure, status and the day it was received;
 * each hit shows its paper, page and the words highlighted, and opens that page. The OCR queue's state sits
 * beside it. Results page (20 at a time); nothing loads all rows.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TextHit } from '../../../../shared/contract/archive.schema';
import { DOSSIER_STATUSES, statusLabel, type DossierStatus } from '../../../../shared/domain/dossier-status';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DateField } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { PdfPages } from '../../components/PdfPages';
import { SelectField } from '../../components/SelectField';
import { fileUrl, rpc } from '../../rpc/client';
import { OcrQueuePanel } from './OcrQueuePanel';
import { Snippet } from './Snippet';

const t = vi.archiveUi;
const PAGE_SIZE = 20;

interface Filters {
  query: string;
  field: string;
  procedureCode: string;
  status: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { query: '', field: '', procedureCode: '', status: '', from: '', to: '' };

export function ArchiveScreen() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [asked, setAsked] = useState<Filters | null>(null);
  const [offset, setOffset] = useState(0);
  const [viewing, setViewing] = useState<TextHit | null>(null);
  const me = useQuery({ queryKey: ['auth.me'], queryFn: () => rpc.invoke('auth.me') });
  const catalog = useQuery({ queryKey: ['catalog.list', 'all'], queryFn: () => rpc.invoke('catalog.list', { includeRetired: true }) });
  const fields = [...new Set((catalog.data ?? []).map((p) => p.field))];
  const input = asked
    ? {
        query: asked.query,
        limit: PAGE_SIZE,
        offset,
        ...(asked.field ? { field: asked.field } : {}),
        ...(asked.procedureCode ? { procedureCode: asked.procedureCode } : {}),
        ...(asked.status ? { statuses: [asked.status as DossierStatus] } : {}),
        ...(asked.from ? { from: asked.from } : {}),
        ...(asked.to ? { to: asked.to } : {}),
      }
    : null;
  const result = useQuery({
    queryKey: ['archive.searchText', input],
    queryFn: () => rpc.invoke('archive.searchText', input!),
    enabled: input !== null,
    placeholderData: (prev) => prev,
  });
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.query.trim()) return;
    setOffset(0);
    setAsked({ ...draft });
  };
  const total = result.data?.total ?? 0;
  const hits = result.data?.hits ?? [];
  return (
    <div className="archive">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <div className="archive__columns">
        <section className="archive__search" aria-label={t.box}>
          <form onSubmit={submit} className="archive__form">
            <TextField label={t.box} hint={t.boxHint} type="search" value={draft.query} onChange={(e) => set('query')(e.target.value)} autoFocus />
            <div className="archive__filters">
              <DateField label={t.from} value={draft.from} onChange={set('from')} />
              <DateField label={t.to} value={draft.to} onChange={set('to')} />
              <SelectField label={t.status} anyLabel={t.any} value={draft.status} onChange={set('status')} options={DOSSIER_STATUSES.map((s) => [s, statusLabel(s)])} />
              <SelectField label={t.field} anyLabel={t.any} value={draft.field} onChange={set('field')} options={fields.map((f) => [f, f])} />
              <SelectField label={t.procedure} anyLabel={t.any} value={draft.procedureCode} onChange={set('procedureCode')} options={(catalog.data ?? []).map((p) => [p.code, `${p.code} ${p.name}`])} />
            </div>
            <Button type="submit" variant="primary">
              {t.search}
            </Button>
          </form>
          {result.isError ? <p role="alert">{result.error.message}</p> : null}
          {asked && result.data ? (
            <table className="table archive__results">
              <caption className="table__caption">{t.caption(total, total === 0 ? 0 : offset + 1, offset + hits.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colCode}</th>
                  <th scope="col">{t.colPaper}</th>
                  <th scope="col">{t.colPage}</th>
                  <th scope="col">{t.colSnippet}</th>
                  <th scope="col">{t.open}</th>
                </tr>
              </thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={`${h.scanId}-${h.page}`}>
                    <td>
                      <a href={`#/tracking?code=${encodeURIComponent(h.code)}`}>{h.code}</a>
                    </td>
                    <td>{h.componentName}</td>
                    <td>{h.page}</td>
                    <td>
                      <Snippet text={h.snippet} />
                    </td>
                    <td>
                      <Button onClick={() => setViewing(h)}>{t.open}</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {total > PAGE_SIZE ? (
            <div className="archive__pager">
              <Button onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} disabled={offset === 0}>
                {t.prev}
              </Button>
              <Button onClick={() => setOffset(offset + PAGE_SIZE)} disabled={offset + PAGE_SIZE >= total}>
                {t.next}
              </Button>
            </div>
          ) : null}
        </section>
        <OcrQueuePanel isAdmin={me.data?.role === 'admin' || me.data === null} />
      </div>
      <Dialog open={viewing !== null} title={viewing ? t.viewerTitle(viewing.componentName, viewing.page) : ''} onClose={() => setViewing(null)}>
        {viewing ? <PdfPages url={fileUrl(viewing.fileId)} title={t.viewerTitle(viewing.componentName, viewing.page)} focusPage={viewing.page} testId="archive-viewer" /> : null}
      </Dialog>
    </div>
  );
}
