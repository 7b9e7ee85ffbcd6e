/**
 * Full-screen training runs view (route /runs): run list (RunList.tsx:
 * filter, select all/none, runs grouped by source file), a metric picker that groups aliased keys (with a manual
 * "map this key to…" override kept in localStorage), the chart at page size,
 * the config/summary table, and the W&B sync box.
 */
import { useEffect, useMemo, useState } from 'react'
import type { RunInfo } from '../../../../shared/types'
import { canonicalMetric, defaultMetrics, DEFAULT_SMOOTHING, groupMetrics } from '../../../../core/series'
import { setMetricOverride, useMetricOverrides } from './metric-overrides'
import { routeHref } from '../../lib/route'
import { TrainingChart } from './TrainingChart'
import { RunList } from './RunList'
import { defaultSelection } from './run-groups'
import { reloadRuns, useRuns } from './use-runs'
import { WandbSyncBox } from './WandbSyncBox'
import './charts.css'

/** The /runs page. */
export default function RunsPage(): React.JSX.Element {
  const { runs, error, retry } = useRuns()
  const overrides = useMetricOverrides()
  // null = the default (every run with a history) until the user picks, so new runs show up by default.
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null)
  const [pickedMetrics, setPickedMetrics] = useState<readonly string[] | null>(null)

  useEffect(() => {
    document.title = 'Training runs · demodeck'
  }, [])

  const all = useMemo(() => runs ?? [], [runs])
  const chosen = useMemo(() => picked ?? defaultSelection(all), [picked, all])
  const selected = useMemo(() => all.filter((r) => chosen.has(r.id)), [all, chosen])
  const groups = useMemo(
    () =>
      groupMetrics(
        selected.flatMap((r) => r.metrics),
        overrides
      ),
    [selected, overrides]
  )
  const metrics = useMemo(() => {
    const available = groups.map((g) => g.canonical)
    const chosen = (pickedMetrics ?? defaultMetrics(available)).filter((m) => available.includes(m))
    return chosen
  }, [groups, pickedMetrics])

  const toggleMetric = (canonical: string): void => {
    setPickedMetrics(metrics.includes(canonical) ? metrics.filter((m) => m !== canonical) : [...metrics, canonical])
  }
  const onSynced = (run: RunInfo): void => {
    setPicked(new Set([...chosen, run.id]))
    void reloadRuns()
  }

  return (
    <main className="dd-runs-page">
      <header className="dd-runs-header">
        <h1>Training runs</h1>
        <a href={routeHref('/')}>← Back to the deck</a>
      </header>
      <div className="dd-runs-layout">
        <aside className="dd-runs-side">
          <section aria-label="Runs">
            <h3>Runs</h3>
            {error && (
              <div className="dd-notice dd-notice-error" role="alert">
                Could not list the runs: {error}{' '}
                <button type="button" onClick={retry}>
                  Retry
                </button>
              </div>
            )}
            {!runs && !error && <p className="dd-muted">Loading runs…</p>}
            {runs && runs.length === 0 && <p className="dd-muted">No runs in this deck yet. Sync one from W&amp;B below.</p>}
            {runs && runs.length > 0 && <RunList runs={all} selected={chosen} onChange={setPicked} />}
          </section>
          <section aria-label="Metrics">
            <h3>Metrics</h3>
            {groups.length === 0 && runs && <p className="dd-muted">The selected runs logged no metrics.</p>}
            <ul className="dd-metric-list">
              {groups
                .filter((g) => g.canonical !== 'epoch')
                .map((g) => (
                  <li key={g.canonical}>
                    <label>
                      <input type="checkbox" checked={metrics.includes(g.canonical)} onChange={() => toggleMetric(g.canonical)} />
                      <span>{g.canonical}</span>
                    </label>
                    {(g.keys.length > 1 || g.keys[0] !== g.canonical) && <div className="dd-metric-keys">{g.keys.join(', ')}</div>}
                  </li>
                ))}
            </ul>
            {groups.length > 0 && <AliasEditor keys={[...new Set(selected.flatMap((r) => r.metrics))]} overrides={overrides} />}
          </section>
          <WandbSyncBox onSynced={onSynced} />
        </aside>
        <div className="dd-runs-main">
          {runs && (
            <TrainingChart
              runs={selected}
              metrics={metrics}
              initial={{ x: '_step', smoothing: DEFAULT_SMOOTHING, algorithm: 'ema', log: false, ignoreOutliers: true }}
              overrides={overrides}
              size="page"
              showTable
            />
          )}
        </div>
      </div>
    </main>
  )
}

/** "Map this key to…": one text field per raw key, saved on change of focus or Enter. */
function AliasEditor({ keys, overrides }: { keys: string[]; overrides: Readonly<Record<string, string>> }): React.JSX.Element {
  const canonicals = [...new Set(keys.map((k) => canonicalMetric(k)))]
  return (
    <details className="dd-alias-editor">
      <summary>Map keys to metrics…</summary>
      <datalist id="dd-canonical-metrics">
        {canonicals.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <table>
        <tbody>
          {keys
            .filter((k) => !k.startsWith('_'))
            .map((k) => (
              <tr key={k}>
                <td>
                  <code>{k}</code>
                </td>
                <td>
                  <input
                    aria-label={`Map ${k} to`}
                    list="dd-canonical-metrics"
                    defaultValue={overrides[k] ?? ''}
                    placeholder={canonicalMetric(k)}
                    onBlur={(e) => setMetricOverride(k, e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') setMetricOverride(k, (e.target as HTMLInputElement).value)
                    }}
                  />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </details>
  )
}
