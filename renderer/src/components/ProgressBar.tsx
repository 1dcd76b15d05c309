interface ProgressBarProps {
  label: string;
  done: number;
  /** null when the total is not known yet (an ADF stack): shows an indeterminate bar. */
  total: number | null;
}

export function ProgressBar({ label, done, total }: ProgressBarProps) {
  const percent = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        <span>{total ? `${done}/${total}` : done}</span>
      </div>
      <div
        className={`progress__track${percent === null ? ' progress__track--indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? done : undefined}
      >
        <div className="progress__bar" style={{ width: percent === null ? '30%' : `${percent}%` }} />
      </div>
    </div>
  );
}
