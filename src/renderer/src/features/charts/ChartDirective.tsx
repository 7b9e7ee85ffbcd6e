/**
 * `::chart{runs="sweep-tweets" metrics="train/loss,val/loss" x="_step" smoothing="0.6" log="false"}`
 * on a slide. Resolves the attributes against the deck's runs and hands off to
 * TrainingChart; in the presenter's previews it draws a light static
 * placeholder instead (no history fetching for thumbnails). The history is
 * fetched the first time the slide is current or next to it (see [Note: the
 * next slide is ready before it is shown] in deck/DeckView.tsx), then kept.
 */
import { useEffect, useMemo, useState } from 'react'
import { parseChartSpec, selectRuns } from '../../../../core/series'
import type { DirectiveProps } from '../deck/directive-types'
import { useMetricOverrides } from './metric-overrides'
import { TrainingChart } from './TrainingChart'
import { useRuns } from './use-runs'
import './charts.css'

/** The `::chart` directive component. */
export default function ChartDirective({ attributes, active, near = false, surface }: DirectiveProps): React.JSX.Element {
  const spec = useMemo(() => parseChartSpec(attributes), [attributes])
  if (surface === 'presenter') {
    return (
      <div className="dd-chart-placeholder" data-testid="chart-placeholder">
        <svg viewBox="0 0 120 40" width="180" height="60" aria-hidden="true">
          <polyline points="0,6 20,18 40,24 60,29 80,31 100,33 120,34" fill="none" stroke="#42affa" strokeWidth="2" />
        </svg>
        <span>
          Chart: {spec.metrics.join(', ') || 'default metrics'} · runs {spec.runs}
        </span>
      </div>
    )
  }
  return <LiveChart spec={spec} wanted={active || near} />
}

function LiveChart({ spec, wanted }: { spec: ReturnType<typeof parseChartSpec>; wanted: boolean }): React.JSX.Element {
  const { runs, error, retry } = useRuns()
  const overrides = useMetricOverrides()
  // Once wanted (current or next to it), kept: going back and forth never loads it again.
  const [shown, setShown] = useState(wanted)
  useEffect(() => {
    if (wanted) setShown(true)
  }, [wanted])
  const selected = useMemo(() => (runs ? selectRuns(runs, spec.runs) : { runs: [], unmatched: [] }), [runs, spec.runs])

  if (error && !runs) {
    return (
      <div className="dd-chart-box dd-chart-box-bare" data-testid="chart">
        <div className="dd-notice dd-notice-error" role="alert">
          Could not list the training runs: {error}{' '}
          <button type="button" onClick={retry}>
            Retry
          </button>
        </div>
      </div>
    )
  }
  if (!runs) {
    return (
      <div className="dd-chart-box dd-chart-box-bare" data-testid="chart">
        <div className="dd-chart-empty">Loading runs…</div>
      </div>
    )
  }
  if (selected.runs.length === 0) {
    return (
      <div className="dd-chart-box dd-chart-box-bare" data-testid="chart">
        <div className="dd-chart-empty">
          {runs.length === 0
            ? 'This deck has no training runs yet. Put run folders under runs/ or models/<id>/runs/, or sync one from W&B on the /runs page.'
            : `No run matches runs="${spec.runs}". Runs in this deck: ${runs
                .slice(0, 10)
                .map((r) => (r.group ? `${r.name} (group ${r.group})` : r.name))
                .join(', ')}${runs.length > 10 ? ', …' : ''}.`}
        </div>
      </div>
    )
  }
  const notes = [...spec.warnings]
  if (selected.unmatched.length > 0) notes.push(`No run matches ${selected.unmatched.map((u) => `“${u}”`).join(', ')}.`)
  return (
    <TrainingChart
      runs={selected.runs}
      metrics={spec.metrics}
      initial={{ x: spec.x, smoothing: spec.smoothing, algorithm: spec.algorithm, log: spec.log, ignoreOutliers: spec.ignoreOutliers }}
      overrides={overrides}
      size="slide"
      {...(spec.title ? { title: spec.title } : {})}
      showTable={spec.table}
      enabled={shown}
      notes={notes}
    />
  )
}
