/**
 * The search box in the header of every screen (issue 14 item 9): Ctrl+K or F3 puts the cursor in
 * it; a dossier code, the applicant's name with or without diacritics, an ID number or a phone
 * number finds dossiers through `dossiers.search`. Enter opens the dossier when one matches (or the
 * code typed is exactly one); with several, a short list takes ↑/↓ and Enter. Esc clears.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchRow } from '../../../shared/contract/reports.schema';
import { vi } from '../../../shared/i18n/vi';
import { rpc } from '../rpc/client';
import { useShortcuts } from './shortcuts';

const LIMIT = 8;
const t = vi.headerSearch;

const searchInput = (query: string) => ({ query, pageSize: LIMIT, page: 1 });
const searchKey = (query: string) => ['dossiers.search', 'header', query] as const;

/** The row Enter should open: the one match, or the row whose code is exactly what was typed. */
export function pickOnEnter(rows: SearchRow[], query: string, active: number | null): SearchRow | null {
  if (active !== null && rows[active]) return rows[active]!;
  const q = query.trim().toUpperCase();
  const exact = rows.find((r) => r.code.toUpperCase() === q);
  if (exact) return exact;
  return rows.length === 1 ? rows[0]! : null;
}

export function HeaderSearch({ onOpen }: { onOpen(code: string): void }) {
  const id = useId();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<number | null>(null);
  useEffect(() => {
    const h = setTimeout(() => setQuery(text.trim()), 200);
    return () => clearTimeout(h);
  }, [text]);
  const result = useQuery({
    queryKey: searchKey(query),
    queryFn: () => rpc.invoke('dossiers.search', searchInput(query)),
    enabled: query.length >= 2,
    placeholderData: (prev) => prev,
  });
  const rows = query.length >= 2 && result.data ? result.data.rows : [];
  const total = query.length >= 2 && result.data ? result.data.total : 0;

  useShortcuts([
    { keys: 'Ctrl+K', description: t.shortcut, run: () => focusBox() },
    { keys: 'F3', description: t.shortcut, run: () => focusBox() },
  ]);
  function focusBox() {
    // Behind an open dialog the header is inert: the dialog keeps the keyboard.
    if (document.querySelector('dialog[open]')) return;
    input.current?.focus();
    input.current?.select();
  }

  const go = (row: SearchRow) => {
    setText('');
    setQuery('');
    setOpen(false);
    setActive(null);
    input.current?.blur();
    onOpen(row.code);
  };

  const onEnter = async () => {
    const typed = text.trim();
    if (typed.length < 2) return;
    // Enter right after typing (a code read aloud, a pasted CCCD): search now rather than wait.
    const data = typed === query && result.data ? result.data : await qc.fetchQuery({ queryKey: searchKey(typed), queryFn: () => rpc.invoke('dossiers.search', searchInput(typed)) });
    setQuery(typed);
    const row = pickOnEnter(data.rows, typed, typed === query ? active : null);
    if (row) go(row);
    else setOpen(true);
  };

  const listId = `${id}-list`;
  const showList = open && query.length >= 2 && text.trim().length >= 2;
  return (
    <div className="header-search" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t.label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        className="header-search__input"
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active !== null && rows[active] ? `${id}-opt-${active}` : undefined}
        aria-keyshortcuts="Control+K F3"
        placeholder={t.placeholder}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && rows.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a === null ? 0 : Math.min(a + 1, rows.length - 1)));
          } else if (e.key === 'ArrowUp' && rows.length > 0) {
            e.preventDefault();
            setActive((a) => (a === null || a === 0 ? 0 : a - 1));
          } else if (e.key === 'Enter' && !e.ctrlKey) {
            e.preventDefault();
            void onEnter();
          } else if (e.key === 'Escape') {
            setText('');
            setQuery('');
            setActive(null);
            input.current?.blur();
          }
        }}
      />
      {showList ? (
        <ul id={listId} role="listbox" className="header-search__list" aria-label={t.results}>
          {rows.length === 0 ? <li className="header-search__empty">{result.isFetching ? vi.common.loading : t.none}</li> : null}
          {rows.map((r, i) => (
            <li
              key={r.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`header-search__option${i === active ? ' header-search__option--active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                go(r);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="header-search__code">{r.code}</span>
              <span className="header-search__who">
                {r.applicantName}
                {r.idNumber ? ` · ${r.idNumber}` : ''}
              </span>
              <span className="header-search__what">
                {r.procedureName} · {r.statusLabel}
              </span>
            </li>
          ))}
          {total > rows.length ? <li className="header-search__more">{t.more(total - rows.length)}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
