// A horizontal bar chart drawn with visx (scales and shapes as plain SVG, so the server renders it and the browser
// hydrates the same markup). The SVG is decoration for sighted readers: the same numbers are in a table right after
// it, which screen readers read instead (the SVG is aria-hidden). Sized by viewBox, so it shrinks to a phone's width.
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

export interface BarDatum {
  /** Stable key (a region code, a figure name). */
  key: string;
  label: string;
  value: number;
  /** The value as people read it (formatted number, percentage). */
  display: string;
}

const WIDTH = 400;
const ROW = 26;
const LABEL = 132;
const VALUE = 64;

export function BarChart({
  id,
  title,
  note,
  data,
  labelHeader,
  valueHeader,
  max,
}: {
  id: string;
  title: string;
  note?: string;
  data: BarDatum[];
  /** Column headers of the table view. */
  labelHeader: string;
  valueHeader: string;
  /** The value a full bar stands for (default: the largest value; 1 for rates). */
  max?: number;
}) {
  const height = Math.max(1, data.length) * ROW + 8;
  const y = scaleBand<string>({
    domain: data.map((d) => d.key),
    range: [4, height - 4],
    padding: 0.25,
  });
  const top = max ?? Math.max(1, ...data.map((d) => d.value));
  const x = scaleLinear<number>({
    domain: [0, top],
    range: [0, WIDTH - LABEL - VALUE],
  });
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        {title}
        {note ? <span className="muted"> {note}</span> : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        aria-hidden="true"
        focusable="false"
      >
        <Group left={0} top={0}>
          {data.map((d) => {
            const barY = y(d.key) ?? 0;
            const barWidth = Math.max(
              d.value > 0 ? 2 : 0,
              x(Math.min(d.value, top)),
            );
            return (
              <g key={d.key}>
                <text
                  x={LABEL - 6}
                  y={barY + y.bandwidth() / 2}
                  dominantBaseline="middle"
                  textAnchor="end"
                  className="bar-chart-label"
                >
                  {d.label.length > 9 ? `${d.label.slice(0, 8)}…` : d.label}
                </text>
                <Bar
                  x={LABEL}
                  y={barY}
                  width={barWidth}
                  height={y.bandwidth()}
                  className="bar-chart-bar"
                  rx={2}
                />
                <text
                  x={LABEL + barWidth + 4}
                  y={barY + y.bandwidth() / 2}
                  dominantBaseline="middle"
                  className="bar-chart-value"
                >
                  {d.display}
                </text>
              </g>
            );
          })}
        </Group>
      </svg>
      {/* the wrapper is hidden, not the table: a table is never narrower than its content, so it would widen the page */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td>{d.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
