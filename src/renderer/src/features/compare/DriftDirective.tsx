/**
 * `::drift{model="wine" reference="models/wine/sets/reference.csv" current="models/wine/sets/shifted.csv"}`:
 * a drift report on a slide. Both sets run through the model on the host
 * (`drift:report`); the slide shows the verdict, a table of every column
 * (the model's confidence and predicted class, then each tabular feature with
 * its KS p-value and PSI, as Evidently computes them) and the histograms of
 * the selected row. `reference` defaults to the model's examples; a set is a
 * deck-relative .csv/.jsonl/.txt file or a folder of images. In the
 * presenter's previews it shows the verdict the audience sees (mirrored, see
 * shared/mirror.ts), so the sets run once.
 */
import { useEffect, useMemo, useState } from 'react'
import type { DriftReport, SetSource } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import type { DirectiveProps } from '../deck/directive-types'
import { DriftChart } from './DriftChart'
import { driftHeadline, driftRows, formatStat, meansText } from './drift-format'
import { DriftMirror, useDriftMirror } from '../mirror/DriftMirror'
import { usePrinting } from '../print/printing'
import './compare.css'

/** Most table rows on a slide; the rest are counted. */
const MAX_ROWS = 6
/** Most caveats on a slide (each is long); all of them are in the API answer. */
const MAX_NOTES = 2

function sourceOf(value: string | undefined): SetSource {
  const v = value?.trim()
  return !v || v === 'examples' ? { examples: true } : { file: v }
}

/** The drift report directive. */
export default function DriftDirective({ attributes, active, surface, slideIndex }: DirectiveProps): React.JSX.Element {
  const model = attributes['model']
  if (surface === 'presenter') return <DriftMirror model={model ?? '?'} slide={slideIndex} />
  if (!model) {
    return (
      <div className="dm-notice" role="note" data-diagnostic="">
        <code>::drift</code> needs a model and a set, e.g. <code>{'::drift{model="wine" current="models/wine/sets/shifted.csv"}'}</code>.
      </div>
    )
  }
  if (!attributes['current']) {
    return (
      <div className="dm-notice" role="note" data-diagnostic="">
        <code>::drift</code> needs the set to check: <code>{`current="models/${model}/sets/new.csv"`}</code> (and <code>reference="…"</code>, else the
        model's examples).
      </div>
    )
  }
  return <DriftReportView model={model} reference={attributes['reference']} current={attributes['current']} active={active} slide={slideIndex} />
}

function DriftReportView({
  model,
  reference,
  current,
  active,
  slide
}: {
  model: string
  reference: string | undefined
  current: string
  active: boolean
  slide: number
}): React.JSX.Element {
  const [state, setState] = useState<{ report?: DriftReport; error?: string }>({})
  const [started, setStarted] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  // Run once the slide is first shown (never in hidden slides), again when the attributes change.
  useEffect(() => {
    if (active) setStarted(true)
  }, [active])
  useEffect(() => {
    if (!started) return
    let live = true
    setState({})
    api['drift:report']({ id: model, reference: sourceOf(reference), current: sourceOf(current) }).then(
      (report) => live && setState({ report }),
      (error: unknown) => live && setState({ error: errorMessage(error) })
    )
    return () => {
      live = false
    }
  }, [started, model, reference, current])
  const rows = useMemo(() => (state.report ? driftRows(state.report) : []), [state.report])
  // A printed copy publishes nothing: the presenter's preview shows the audience screen, not the backup being made.
  const printing = usePrinting()
  useDriftMirror(printing ? null : slide, model, state.report ? driftHeadline(state.report) : null, state.error ?? null)
  if (state.error) {
    return (
      <div className="dm-alert" role="alert" data-testid="drift-error">
        <span data-diagnostic="">The drift report could not run: {state.error}</span>
        <span className="dm-audience-only">The drift report is not available right now.</span>
      </div>
    )
  }
  if (!state.report) return <div className="dm-notice dm-loading">Comparing the sets…</div>
  const report = state.report
  const headline = driftHeadline(report)
  const firstFeature = rows.find((r) => !r.output)
  const chosen = rows.find((r) => r.key === selected) ?? (firstFeature?.column.drifted ? firstFeature : rows[0])!
  const shown = rows.slice(0, MAX_ROWS)
  return (
    <div className="dr-report" data-testid="drift-report" role="region" aria-label={`Drift report: ${report.model}`}>
      <div className={`dr-headline${headline.drift ? ' is-drift' : ''}`} data-testid="drift-headline">
        {headline.drift ? '⚠' : '✓'} {headline.text}
        <div className="dr-sets">
          reference: {report.reference.name} ({report.reference.size}) · current: {report.current.name} ({report.current.size})
        </div>
      </div>
      <table className="dr-table" data-testid="drift-table">
        <thead>
          <tr>
            <th>column</th>
            <th title="Two-sample Kolmogorov–Smirnov p-value (drift when ≤ 0.05)">KS p</th>
            <th title="Population stability index (drift when ≥ 0.1)">PSI</th>
            <th>mean</th>
            <th>drift</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} className={row.output ? 'is-output' : undefined} aria-selected={row.key === chosen.key} data-testid="drift-row">
              <td>
                <button type="button" className="dr-name" onClick={() => setSelected(row.key)}>
                  {row.column.name}
                </button>
              </td>
              <td>{row.column.ks ? formatStat(row.column.ks.value, row.column.ks.threshold) : '—'}</td>
              <td>{formatStat(row.column.psi.value, row.column.psi.threshold)}</td>
              <td>{meansText(row.column)}</td>
              <td className={`dr-flag ${row.column.drifted ? 'is-drift' : 'is-ok'}`}>{row.column.drifted ? 'drift' : 'ok'}</td>
            </tr>
          ))}
          {rows.length > shown.length && (
            <tr>
              <td colSpan={5} className="dm-muted">
                + {rows.length - shown.length} more features ({rows.slice(MAX_ROWS).filter((r) => r.column.drifted).length} drifted)
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div>
        <div className="dr-chart-title">{chosen.column.name}: reference vs current</div>
        <DriftChart column={chosen.column} height={150} />
      </div>
      {report.notes.length > 0 && (
        <ul className="dr-notes" data-diagnostic="">
          {report.notes.slice(0, MAX_NOTES).map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
