import type { Monthly } from '../../../../shared/contract/reports.schema';
import { vi } from '../../../../shared/i18n/vi';

const t = vi.reportsUi;

const COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a16207'];
const W = 640;
const H = 220;
const PAD = { left: 40, right: 10, top: 10, bottom: 28 };

/** Stacked bars: dossiers received per month, one colour per field. Plain SVG, no chart library. */
export function ReceivedChart({ data }: { data: Monthly }) {
  const max = Math.max(1, ...data.months.map((m) => m.receivedTotal));
  const bw = (W - PAD.left - PAD.right) / Math.max(1, data.months.length);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return (
    <figure className="reports-chart">
      <figcaption>{t.report.chartReceived}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.report.chartReceived}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#888" />
        <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end" fontSize="10">
          {max}
        </text>
        {data.months.map((m, i) => {
          let acc = 0;
          return (
            <g key={m.month}>
              {data.fields.map((f, j) => {
                const v = m.received[f] ?? 0;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return v > 0 ? (
                  <rect key={f} x={PAD.left + i * bw + 2} y={top} width={bw - 4} height={h} fill={COLORS[j % COLORS.length]}>
                    <title>{`${m.month}: ${f} ${v}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={PAD.left + i * bw + bw / 2} y={H - 10} textAnchor="middle" fontSize="10">
                {`${m.month.slice(5)}/${m.month.slice(2, 4)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="reports-chart__legend">
        {data.fields.map((f, j) => (
          <li key={f}>
            <span style={{ background: COLORS[j % COLORS.length] }} aria-hidden="true" /> {f}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Line: share of dossiers resolved early or on time, per month (gaps where nothing was resolved). */
export function OnTimeChart({ data }: { data: Monthly }) {
  const n = Math.max(1, data.months.length);
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / n;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / 100);
  const points = data.months.map((m, i) => (m.onTimeShare === null ? null : ([x(i), y(m.onTimeShare), m] as const)));
  const path = points
    .filter((p): p is NonNullable<typeof p> => p !== null)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`)
    .join(' ');
  return (
    <figure className="reports-chart">
      <figcaption>{t.report.chartOnTime}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.report.chartOnTime}>
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#ddd" />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize="10">{`${v}%`}</text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#1d4ed8" strokeWidth="2" />
        {points.map((p) =>
          p ? (
            <circle key={p[2].month} cx={p[0]} cy={p[1]} r="3" fill="#1d4ed8">
              <title>{`${p[2].month}: ${String(p[2].onTimeShare).replace('.', ',')}% (${p[2].earlyOrOnTime}/${p[2].resolved})`}</title>
            </circle>
          ) : null,
        )}
        {data.months.map((m, i) => (
          <text key={m.month} x={x(i)} y={H - 10} textAnchor="middle" fontSize="10">
            {`${m.month.slice(5)}/${m.month.slice(2, 4)}`}
          </text>
        ))}
      </svg>
    </figure>
  );
}
