export type Bar = { label: string; shortLabel: string; value: number }

type Props = {
  title: string
  bars: Bar[]
  unit: string
  /** Heading of the label column in the table alternative. */
  labelHeading?: string
}

const WIDTH = 320
const HEIGHT = 140
const AXIS = 18

/**
 * A small server-rendered SVG bar chart that scales to its container. The
 * SVG is hidden from screen readers; the same figures follow in a table
 * (visually collapsed into a <details>), so nothing depends on seeing it.
 */
export function BarChart({ title, bars, unit, labelHeading = 'Day' }: Props) {
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const slot = WIDTH / Math.max(1, bars.length)
  const barWidth = Math.max(2, slot * 0.7)
  const plot = HEIGHT - AXIS
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="presentation" aria-hidden="true" focusable="false">
        <line class="chart__axis" x1="0" y1={plot} x2={WIDTH} y2={plot} />
        {bars.map((bar, index) => {
          const height = (bar.value / max) * (plot - 12)
          const x = index * slot + (slot - barWidth) / 2
          return (
            <g key={bar.label}>
              <rect class="chart__bar" x={x} y={plot - height} width={barWidth} height={height} rx="2" />
              {bar.value > 0 && (
                <text class="chart__value" x={x + barWidth / 2} y={plot - height - 3} text-anchor="middle">
                  {bar.value}
                </text>
              )}
              {(index % Math.ceil(bars.length / 7) === 0 || index === bars.length - 1) && (
                <text class="chart__label" x={x + barWidth / 2} y={HEIGHT - 4} text-anchor="middle">
                  {bar.shortLabel}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details class="chart__data">
        <summary>
          Show as a table<span class="visually-hidden">: {title}</span>
        </summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>{bar.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
