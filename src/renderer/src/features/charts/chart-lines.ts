/**
 * Which lines a chart draws: one per (run, metric) the run actually logged,
 * with a stable key (for the legend's hidden set), a recharts-safe data key
 * and a colour. One run → colours tell metrics apart; several runs → colours
 * tell runs apart and dash patterns tell metrics apart.
 */
import type { RunInfo } from '../../../../shared/types'
import { defaultMetrics, groupMetrics, resolveMetricKey } from '../../../../core/series'

/** One drawn line. */
export interface LineDef {
  /** Stable across renders: `<runId>|<metric>`. */
  key: string
  /** recharts data key: letters and digits only (dots would read as paths). */
  dataKey: string
  run: RunInfo
  /** Metric as asked for (canonical name or raw key). */
  metric: string
  /** The key this run logged it under. */
  rawKey: string
  label: string
  color: string
  /** SVG stroke-dasharray, '' for solid. */
  dash: string
}

/** Colours readable on the dark deck background. */
export const PALETTE = ['#42affa', '#ff8a5b', '#3ccf7a', '#f5b942', '#c77dff', '#ff5f9e', '#4dd0e1', '#a3e635', '#f87171', '#94a3b8']
const DASHES = ['', '7 4', '2 3', '10 4 2 4']

/** Metrics to draw: the wanted ones, or defaults from what the runs logged. */
export function effectiveMetrics(runs: readonly RunInfo[], wanted: readonly string[], overrides: Readonly<Record<string, string>>): string[] {
  if (wanted.length > 0) return [...wanted]
  const groups = groupMetrics(
    runs.flatMap((r) => r.metrics),
    overrides
  )
  return defaultMetrics(groups.map((g) => g.canonical))
}

/** Lines for runs × metrics, plus the (run, metric) pairs that had no data. */
export function buildLines(
  runs: readonly RunInfo[],
  metrics: readonly string[],
  overrides: Readonly<Record<string, string>>
): { lines: LineDef[]; missing: Array<{ run: RunInfo; metric: string }> } {
  const lines: LineDef[] = []
  const missing: Array<{ run: RunInfo; metric: string }> = []
  runs.forEach((run, r) => {
    metrics.forEach((metric, m) => {
      const rawKey = resolveMetricKey(run.metrics, metric, overrides)
      if (!rawKey) {
        missing.push({ run, metric })
        return
      }
      const byRun = runs.length > 1
      lines.push({
        key: `${run.id}|${metric}`,
        dataKey: `s${lines.length}`,
        run,
        metric,
        rawKey,
        label: byRun ? `${run.name} · ${metric}` : metric,
        color: PALETTE[(byRun ? r : m) % PALETTE.length]!,
        dash: byRun ? DASHES[m % DASHES.length]! : ''
      })
    })
  })
  return { lines, missing }
}

/** Run names listed per metric before "and N more". */
const MISSING_NAMES = 3

/**
 * The "Not logged:" caption, short at any size: per metric the runs that
 * lack it, the first few by name and then a count ("val/acc in a, b, c and
 * 173 more runs"); a metric no selected run logged reads "in none of the N runs".
 * Empty when nothing is missing.
 */
export function summariseMissing(missing: ReadonlyArray<{ run: Pick<RunInfo, 'name'>; metric: string }>, runCount: number): string {
  if (missing.length === 0) return ''
  const byMetric = new Map<string, string[]>()
  for (const m of missing) {
    const names = byMetric.get(m.metric) ?? []
    names.push(m.run.name)
    byMetric.set(m.metric, names)
  }
  const parts = [...byMetric].map(([metric, names]) => {
    if (names.length === runCount && runCount > 1) return `${metric} in none of the ${runCount} runs`
    if (names.length <= MISSING_NAMES + 1) return `${metric} in ${names.join(', ')}`
    return `${metric} in ${names.slice(0, MISSING_NAMES).join(', ')} and ${names.length - MISSING_NAMES} more runs`
  })
  return `Not logged: ${parts.join('; ')}.`
}
