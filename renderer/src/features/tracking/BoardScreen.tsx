import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { BOARD_BUCKETS, type BoardBucket, type BoardItem } from '../../../../shared/contract/tracking.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { TextField } from '../../components/Field';
import { rpc } from '../../rpc/client';
import { shortDate, shortLocal, statusClass } from './format';
import { openDossier } from './useBarcodeWedge';

const t = vi.tracking;

/** The deadlines board: the desk's day at a glance, each dossier one click (or one scan) away. */
export function BoardScreen({ embedded = false }: { embedded?: boolean }) {
  const board = useQuery({ queryKey: ['board.today'], queryFn: () => rpc.invoke('board.today', { limit: 200 }), refetchInterval: 60_000 });
  const [bucket, setBucket] = useState<BoardBucket | null>(null);
  const [code, setCode] = useState('');

  const selected: BoardBucket = bucket ?? (board.data ? (BOARD_BUCKETS.find((b) => b === 'overdue' && board.data.counts.overdue > 0) ?? 'dueToday') : 'dueToday');

  const today = board.data?.today;
  const sameDay = (local: string) => (today && local.startsWith(today) ? local.slice(11, 16) : shortLocal(local));

  const onOpen = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) openDossier(code.trim());
  };

  const columns: Column<BoardItem>[] = [
    { key: 'code', header: t.colCode, render: (r) => <a href={`#/tracking/${encodeURIComponent(r.code)}`}>{r.code}</a> },
    { key: 'procedure', header: t.colProcedure, render: (r) => r.procedureName },
    { key: 'applicant', header: t.colApplicant, render: (r) => r.applicantName },
    {
      key: 'status',
      header: t.colStatus,
      render: (r) => (
        <>
          <span className={statusClass(r.status)}>{r.statusLabel}</span>
          {r.supplementCount > 1 ? <span className="tracking-flag">{t.supplementMarked(r.supplementCount)}</span> : null}
        </>
      ),
    },
    // Today's date is said once, above the tiles: today's rows show the time only.
    { key: 'received', header: t.colReceived, render: (r) => sameDay(r.receivedLocal) },
    {
      key: 'due',
      header: t.colDue,
      render: (r) => (
        <span title={r.effectiveDueLocal !== r.dueLocal ? `${t.effectiveDue}: ${shortLocal(r.effectiveDueLocal)}` : undefined}>
          {sameDay(r.effectiveDueLocal)}
        </span>
      ),
    },
  ];
  // The column exists only when a row has something to do (no empty "Thao tác" column).
  const rows = board.data?.lists[selected] ?? [];
  const canExtend = (r: BoardItem) => r.canExtend && (selected === 'dueToday' || selected === 'dueNextWorkingDay');
  if (rows.some(canExtend))
    columns.push({
      key: 'actions',
      header: t.colActions,
      render: (r) =>
        canExtend(r) ? (
          <a className="btn btn--secondary tracking-inline-btn" href={`#/tracking/${encodeURIComponent(r.code)}/extend`} onClick={(e) => e.stopPropagation()}>
            {t.actions.extend}
          </a>
        ) : null,
    });

  return (
    <section className={embedded ? 'tracking-board' : 'page tracking-board'}>
      <div className="tracking-board__head">
        <div>
          {embedded ? <h2 className="section-title">{t.boardTitle}</h2> : <h1 className="page__title">{t.boardTitle}</h1>}
          {/* On the home screen its header already says today's date. */}
          {board.data && !embedded ? <p className="page__sub">{t.boardToday(shortDate(board.data.today))}</p> : null}
        </div>
        <form className="tracking-board__open" onSubmit={onOpen}>
          <TextField label={t.openCode} hint={t.openCodeHint} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          <Button type="submit" variant="primary">
            {t.openButton}
          </Button>
        </form>
      </div>
      {board.isError ? (
        <p className="form__error" role="alert">
          {board.error.message}
        </p>
      ) : null}
      <div className="tracking-tiles" role="group" aria-label={t.boardTitle}>
        {BOARD_BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            className={`tracking-tile tracking-tile--${b}${selected === b ? ' tracking-tile--active' : ''}`}
            aria-pressed={selected === b}
            onClick={() => setBucket(b)}
            data-testid={`board-${b}`}
          >
            <span className="tracking-tile__count" data-testid={`board-count-${b}`}>
              {board.data ? board.data.counts[b] : '…'}
            </span>
            <span className="tracking-tile__label">{t.buckets[b]}</span>
          </button>
        ))}
      </div>
      <DataTable
        caption={t.buckets[selected]}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.code}
        empty={board.isPending ? vi.common.loading : t.bucketEmpty}
        onOpen={(r) => openDossier(r.code)}
      />
      <p className="tracking-board__foot">
        <a href="#/tracking/citizen">
          {t.citizenScreen}
        </a>
      </p>
    </section>
  );
}
