import { useId } from 'react';

/**
 * Server-rendered SVG bar charts. Bars are hatched black on white and every bar carries its value
 * as text, so a chart reads the same on screen, in grey print and without colour vision.
 */
export type Datum = { label: string; value: number; display: string };

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#000" strokeWidth="2.5" />
      </pattern>
    </defs>
  );
}

function ChartFrame({ title, testId, children }: { title: string; testId?: string; children: React.ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}

/** Vertical bars over time: one column per period, the value above it and the period below. */
export function ColumnChart({ title, data, testId }: { title: string; data: Datum[]; testId?: string }) {
  const pattern = useId();
  const width = 640;
  const height = 240;
  const [top, bottom, left, right] = [24, 36, 12, 12];
  const plot = { width: width - left - right, height: height - top - bottom };
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = plot.width / Math.max(1, data.length);
  const barWidth = Math.min(48, slot * 0.7);
  return (
    <ChartFrame title={title} testId={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="chart-svg">
        <Hatch id={pattern} />
        <line x1={left} x2={width - right} y1={top + plot.height} y2={top + plot.height} stroke="#000" />
        {data.map((d, i) => {
          const h = (d.value / max) * plot.height;
          const x = left + i * slot + (slot - barWidth) / 2;
          const y = top + plot.height - h;
          return (
            <g key={d.label}>
              <title>{`${d.label}: ${d.display}`}</title>
              <rect x={x} y={y} width={barWidth} height={h} fill={`url(#${pattern})`} stroke="#000" />
              <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" fontSize="12">
                {d.display}
              </text>
              <text x={x + barWidth / 2} y={height - 14} textAnchor="middle" fontSize="12">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

const shorten = (text: string, max = 11) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars for a breakdown: one row per part, its name on the left and its value after the bar. */
export function BarChart({ title, data, testId }: { title: string; data: Datum[]; testId?: string }) {
  const pattern = useId();
  const width = 640;
  const rowHeight = 28;
  const [top, left, right] = [8, 180, 90];
  const height = top * 2 + rowHeight * Math.max(1, data.length);
  const max = Math.max(1, ...data.map((d) => d.value));
  const plotWidth = width - left - right;
  return (
    <ChartFrame title={title} testId={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="chart-svg">
        <Hatch id={pattern} />
        <line x1={left} x2={left} y1={top} y2={height - top} stroke="#000" />
        {data.map((d, i) => {
          const y = top + i * rowHeight;
          const w = (d.value / max) * plotWidth;
          return (
            <g key={d.label}>
              <title>{`${d.label}: ${d.display}`}</title>
              <text x={left - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fontSize="13">
                {shorten(d.label)}
              </text>
              <rect x={left} y={y + 5} width={w} height={rowHeight - 10} fill={`url(#${pattern})`} stroke="#000" />
              <text x={left + w + 6} y={y + rowHeight / 2 + 4} fontSize="13">
                {d.display}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
