/** A training chart's legend: one button per line that hides or shows it, with the line's best value. */
import type { LineDef } from './chart-lines'

/** One legend entry. */
export interface LegendEntry {
  def: LineDef
  /** "best 0.2143", "reaches 0 at 57", or undefined when the metric has no better direction. */
  best: string | undefined
  points: number
}

/** The legend (above the plot: at the bottom of a slide it would fall under reveal.js' progress bar). */
export function ChartLegend({
  entries,
  hidden,
  onToggle
}: {
  entries: readonly LegendEntry[]
  hidden: ReadonlySet<string>
  onToggle: (key: string) => void
}): React.JSX.Element {
  return (
    <ul className="dd-chart-legend" aria-label="Series">
      {entries.map(({ def, best, points }) => {
        const shown = !hidden.has(def.key)
        return (
          <li key={def.key}>
            <button
              type="button"
              className="dd-legend-item"
              data-testid="legend-item"
              aria-pressed={shown}
              title={`${shown ? 'Hide' : 'Show'} ${def.label} (${def.rawKey}, ${points} points)`}
              onClick={() => onToggle(def.key)}
            >
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" x2="25" y1="5" y2="5" stroke={def.color} strokeWidth="2.5" strokeDasharray={def.dash || undefined} />
              </svg>
              <span className="dd-legend-label">{def.label}</span>
              {best && <span className="dd-legend-best">{best}</span>}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
