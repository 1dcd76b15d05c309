/**
 * The one Vietnamese date field (issue 14 item 5): dd/mm/yyyy whatever the OS or browser locale, digits
 * typed straight through (15031993 → 15/03/1993), one text box so Tab goes to the next field (a native
 * date input tabs between its parts), a clear message for an impossible date, and never a silent change:
 * what the clerk typed stays on screen until it is a real date.
 *
 * `value` and `onChange` carry 'YYYY-MM-DD' (or '' when empty or not yet a real date); `onValidity`
 * tells the form the typed text's problem, if any, so it can be listed with the others.
 */
import { forwardRef, useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { formatVnDate, maskVnDate, parseVnDate } from '../../../shared/domain/vn-date';
import { TextField } from './Field';

interface DateFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  label: string;
  value: string;
  onChange(iso: string): void;
  /** The typed text's problem ('' once fixed), e.g. "Ngày 31/02/1993 không có". */
  onValidity?(error: string): void;
  hint?: ReactNode;
  error?: string;
  minYear?: number;
  maxYear?: number;
}

export const DateField = forwardRef<HTMLInputElement, DateFieldProps>(function DateField(
  { label, value, onChange, onValidity, hint, error, minYear, maxYear, onBlur, ...rest },
  ref,
) {
  const [text, setText] = useState(() => formatVnDate(value));
  const [problem, setProblem] = useState('');
  // A new value from outside (a reset, a QR scan, an earlier applicant): show it. What this field emitted
  // itself is not "from outside", so a half-typed or wrong date stays as typed.
  const emitted = useRef(value);
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(formatVnDate(value));
      setProblem('');
    }
  }, [value]);

  const check = (typed: string, final: boolean): void => {
    const parsed = parseVnDate(typed, { minYear, maxYear });
    const complete = typed.replace(/\D/g, '').length >= 8 || final;
    const message = parsed.ok || !complete ? '' : parsed.error;
    setProblem(message);
    onValidity?.(parsed.ok ? '' : typed.trim() === '' ? '' : parsed.error);
    emitted.current = parsed.ok ? parsed.iso : '';
    onChange(emitted.current);
  };

  return (
    <TextField
      ref={ref}
      {...rest}
      label={label}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      maxLength={10}
      value={text}
      hint={hint ?? 'Ngày/tháng/năm, gõ liền: 15031993'}
      error={error ?? (problem || undefined)}
      onChange={(e) => {
        const next = maskVnDate(e.target.value);
        setText(next);
        check(next, false);
      }}
      onBlur={(e) => {
        check(text, true);
        onBlur?.(e);
      }}
    />
  );
});

/**
 * A date and a time of day in Vietnam time ('YYYY-MM-DDTHH:mm'), as two text boxes: the date as above and
 * the time as HH:mm (24 h). Used for an appointment the clerk agrees with the citizen.
 */
export function DateTimeField({ label, value, onChange, error }: { label: string; value: string; onChange(local: string): void; error?: string }) {
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  const [timeProblem, setTimeProblem] = useState('');
  const emit = (d: string, t: string) => {
    const m = /^(\d{1,2})[:.hg]?(\d{2})$/.exec(t.trim());
    const ok = m && Number(m[1]) <= 23 && Number(m[2]) <= 59;
    setTimeProblem(ok || t.trim() === '' ? '' : `Giờ "${t}" không có: nhập giờ:phút, ví dụ 09:30.`);
    onChange(d && ok ? `${d}T${String(Number(m![1])).padStart(2, '0')}:${m![2]}` : '');
  };
  return (
    <div className="form__grid datetime-field" role="group" aria-label={label}>
      <DateField
        label={`${label} — ngày`}
        value={date}
        onChange={(d) => {
          setDate(d);
          emit(d, time);
        }}
        error={error}
      />
      <TextField
        label={`${label} — giờ`}
        hint="Giờ:phút, 24 giờ (giờ Việt Nam)"
        inputMode="numeric"
        autoComplete="off"
        placeholder="hh:mm"
        maxLength={5}
        value={time}
        error={timeProblem || undefined}
        onChange={(e) => {
          const typed = e.target.value.replace(/[^\d:]/g, '');
          const withColon = /^(\d{1,2}):(\d{0,2})/.exec(typed);
          const digits = typed.replace(/\D/g, '').slice(0, 4);
          const t = withColon ? `${withColon[1]}:${withColon[2]}` : digits.length > 2 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits;
          setTime(t);
          emit(date, t);
        }}
      />
    </div>
  );
}
