import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { CalendarDay, CalendarDayKind } from '../../../../shared/domain/calendar';
import { WEEKDAY_NAMES_VI } from '../../../../shared/domain/calendar';
import { formatVnDate } from '../../../../shared/domain/vn-date';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DateField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';

const KINDS = Object.keys(vi.calendarUi.kinds) as CalendarDayKind[];

function weekday(date: string): string {
  return WEEKDAY_NAMES_VI[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** The per-year holiday table: pre-filled (official 2026, Labour Code rules otherwise), edited by the admin. */
export function CalendarPanel() {
  const qc = useQueryClient();
  const toast = useToast();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const table = useQuery({ queryKey: ['calendar.year', year], queryFn: () => rpc.invoke('calendar.year', { year }) });
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [draft, setDraft] = useState<CalendarDay>({ date: '', kind: 'holiday', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (table.data) setDays(table.data.days);
  }, [table.data]);

  const save = async () => {
    if (!table.data) return;
    const r = await rpc.call('calendar.saveYear', { ...table.data, days });
    if (r.ok) {
      toast('success', vi.calendarUi.saved(year));
      setErrors({});
      void qc.invalidateQueries({ queryKey: ['calendar.year', year] });
      return;
    }
    setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message])));
    toast('error', r.error.issues?.[0]?.message ?? r.error.message);
  };

  return (
    <div>
      <p className="form__hint">{vi.calendarUi.intro}</p>
      <div className="toolbar">
        <TextField label={vi.calendarUi.year} type="number" min={1900} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} />
        {table.data ? (
          <p>
            {vi.calendarUi.lunarNewYear}: <strong>{table.data.lunarNewYear}</strong> · {vi.calendarUi.hungKings}: <strong>{table.data.hungKings}</strong>
          </p>
        ) : null}
      </div>
      <table className="table table--compact">
        <caption className="table__caption">
          {vi.calendarUi.title} {year}
        </caption>
        <thead>
          <tr>
            <th>{vi.calendarUi.colDate}</th>
            <th>{vi.calendarUi.colWeekday}</th>
            <th>{vi.calendarUi.colKind}</th>
            <th>{vi.calendarUi.colName}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={`${d.date}-${i}`} className={errors[`days.${i}.date`] || errors[`days.${i}.kind`] ? 'checklist__row--error' : undefined}>
              <td>{formatVnDate(d.date)}</td>
              <td>{weekday(d.date)}</td>
              <td>{vi.calendarUi.kinds[d.kind]}</td>
              <td>
                {d.name}
                {errors[`days.${i}.date`] || errors[`days.${i}.kind`] ? <div className="field__error">{errors[`days.${i}.date`] ?? errors[`days.${i}.kind`]}</div> : null}
              </td>
              <td>
                <Button variant="ghost" onClick={() => setDays(days.filter((_, j) => j !== i))} aria-label={`${vi.calendarUi.remove} ${formatVnDate(d.date)}`}>
                  {vi.calendarUi.remove}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <DateField label={vi.calendarUi.newDate} value={draft.date} onChange={(date) => setDraft({ ...draft, date })} />
        <div className="field">
          <label className="field__label" htmlFor="calendar-kind">
            {vi.calendarUi.newKind}
          </label>
          <select id="calendar-kind" className="field__input" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as CalendarDayKind })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {vi.calendarUi.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <TextField label={vi.calendarUi.newName} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <Button
          disabled={!draft.date || !draft.name.trim()}
          onClick={() => {
            setDays([...days, draft].sort((a, b) => a.date.localeCompare(b.date)));
            setDraft({ date: '', kind: 'holiday', name: '' });
          }}
        >
          + {vi.calendarUi.addDay}
        </Button>
      </div>
      <div className="form__actions">
        <Button variant="primary" onClick={() => void save()}>
          {vi.calendarUi.save}
        </Button>
      </div>
    </div>
  );
}
