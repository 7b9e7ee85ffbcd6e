/**
 * The "discussion" table: one row per run with its summary metrics and its
 * hyperparameters; the hyperparameters that DIFFER between runs come first
 * and are highlighted (the rest hide behind a toggle), and the best summary
 * value per metric is marked.
 */
import { useMemo, useState } from 'react'
import type { RunInfo } from '../../../../shared/types'
import { cellNumber, configColumns, configText, flattenConfig, formatValue, metricDirection, resolveMetricKey } from '../../../../core/series'

/** Props of {@link RunTable}. */
export interface RunTableProps {
  runs: readonly RunInfo[]
  /** Metrics whose summary values to show (canonical names or raw keys). */
  metrics: readonly string[]
  overrides: Readonly<Record<string, string>>
  /** Line colour per run id, for the swatch. */
  colors?: Readonly<Record<string, string>>
}

/** Config + summary per run. */
export function RunTable({ runs, metrics, overrides, colors = {} }: RunTableProps): React.JSX.Element | null {
  const [showAll, setShowAll] = useState(false)
  const flat = useMemo(() => runs.map((r) => flattenConfig(r.config)), [runs])
  const columns = useMemo(() => configColumns(runs.map((r) => r.config)), [runs])
  if (runs.length === 0) return null
  const differing = columns.filter((c) => c.differs)
  const shown = showAll || runs.length === 1 ? columns : differing
  const summary = metrics.map((metric) => {
    const values = runs.map((run) => {
      const key = resolveMetricKey(Object.keys(run.summary), metric, overrides)
      const v = key === undefined ? undefined : cellNumber(run.summary[key])
      return v
    })
    const direction = metricDirection(metric)
    let best: number | undefined
    for (const v of values) {
      if (v === undefined || !Number.isFinite(v) || direction === null) continue
      if (best === undefined || (direction === 'min' ? v < best : v > best)) best = v
    }
    return { metric, values, best }
  })
  return (
    <div className="dd-run-table-wrap">
      <div className="dd-run-table-head">
        <h3>Runs compared</h3>
        <span className="dd-muted">
          {runs.length > 1 ? `${differing.length} of ${columns.length} hyperparameters differ` : `${columns.length} hyperparameters`}
        </span>
        {runs.length > 1 && columns.length > differing.length && (
          <label>
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show unchanged
          </label>
        )}
      </div>
      <div className="dd-run-table-scroll">
        <table className="dd-run-table" data-testid="run-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              {summary.map((s) => (
                <th key={`m:${s.metric}`} scope="col" className="dd-summary-col">
                  {s.metric}
                </th>
              ))}
              {shown.map((c) => (
                <th
                  key={`c:${c.key}`}
                  scope="col"
                  className={c.differs ? 'dd-differs' : undefined}
                  title={c.differs ? 'differs between runs' : undefined}
                >
                  {c.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run, r) => (
              <tr key={run.id}>
                <th scope="row">
                  <span className="dd-swatch" style={{ background: colors[run.id] ?? 'transparent' }} />
                  {run.name}
                  {run.url ? (
                    <a
                      href={run.url}
                      target="_blank"
                      rel="noreferrer"
                      className="dd-run-wandb"
                      title={`${run.url} (opens in your browser)`}
                      aria-label={`${run.name} on W&B`}
                    >
                      {' '}
                      ↗
                    </a>
                  ) : null}
                </th>
                {summary.map((s) => {
                  const v = s.values[r]
                  return (
                    <td key={`m:${s.metric}`} className={`dd-num${v !== undefined && v === s.best && runs.length > 1 ? ' dd-best' : ''}`}>
                      {v === undefined ? '—' : formatValue(v)}
                    </td>
                  )
                })}
                {shown.map((c) => (
                  <td key={`c:${c.key}`} className={c.differs ? 'dd-differs' : undefined}>
                    {configText(flat[r]![c.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
