/**
 * Reads a `::chart{…}` directive's attributes into a chart spec with
 * defaults, collecting readable warnings instead of throwing, so a typo in a
 * slide shows a note next to a working chart.
 */
import type { SmoothingAlgorithm } from './smoothing'
import type { XKey } from './values'
import { parseXKey } from './x-axis'

/** Everything a chart needs to know besides the data. */
export interface ChartSpec {
  /** `runs` attribute as written ('*' when omitted). */
  runs: string
  /** Wanted metrics (canonical names or raw keys); empty = pick defaults from the data. */
  metrics: string[]
  x: XKey
  smoothing: number
  algorithm: SmoothingAlgorithm
  log: boolean
  /** `outliers="ignore"` (default) or `"show"`: single-batch spikes left out of the y range, or the full extent (y-range.ts). */
  ignoreOutliers: boolean
  /** Show the config/summary table under the chart. */
  table: boolean
  title?: string
  warnings: string[]
}

/** Default smoothing weight (TensorBoard's). */
export const DEFAULT_SMOOTHING = 0.6

function parseBool(value: string | undefined, name: string, fallback: boolean, warnings: string[]): boolean {
  if (value === undefined || value.trim() === '') return fallback
  const v = value.trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(v)) return true
  if (['false', 'no', '0', 'off'].includes(v)) return false
  warnings.push(`${name}="${value}" is not true or false; using ${fallback}.`)
  return fallback
}

/** Parses directive attributes; unknown values fall back to defaults with a warning. */
export function parseChartSpec(attributes: Readonly<Record<string, string>>): ChartSpec {
  const warnings: string[] = []
  let x: XKey = '_step'
  if (attributes['x'] !== undefined) {
    const parsed = parseXKey(attributes['x'])
    if (parsed) x = parsed
    else warnings.push(`x="${attributes['x']}" is not one of _step, epoch, _runtime, _timestamp; using _step.`)
  }
  let smoothing = DEFAULT_SMOOTHING
  if (attributes['smoothing'] !== undefined) {
    const s = Number(attributes['smoothing'])
    if (Number.isFinite(s) && s >= 0 && s <= 0.99) smoothing = s
    else warnings.push(`smoothing="${attributes['smoothing']}" must be a number from 0 to 0.99; using ${DEFAULT_SMOOTHING}.`)
  }
  let algorithm: SmoothingAlgorithm = 'ema'
  const algo = attributes['algorithm']?.trim().toLowerCase()
  if (algo) {
    if (algo === 'ema' || algo === 'tb' || algo === 'tensorboard') algorithm = 'ema'
    else if (algo === 'twema' || algo === 'wandb' || algo === 'w&b') algorithm = 'twema'
    else if (algo === 'gaussian') algorithm = 'gaussian'
    else if (algo === 'running' || algo === 'average') algorithm = 'running'
    else warnings.push(`algorithm="${attributes['algorithm']}" is not ema, twema, gaussian or running; using ema.`)
  }
  let ignoreOutliers = true
  const outliers = attributes['outliers']?.trim().toLowerCase()
  if (outliers) {
    if (outliers === 'show' || outliers === 'include') ignoreOutliers = false
    else if (outliers === 'ignore' || outliers === 'hide' || outliers === 'clip') ignoreOutliers = true
    else warnings.push(`outliers="${attributes['outliers']}" is not ignore or show; using ignore.`)
  }
  const metrics = (attributes['metrics'] ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
  const spec: ChartSpec = {
    runs: attributes['runs']?.trim() || '*',
    metrics,
    x,
    smoothing,
    algorithm,
    log: parseBool(attributes['log'], 'log', false, warnings),
    ignoreOutliers,
    table: parseBool(attributes['table'], 'table', false, warnings),
    warnings
  }
  if (attributes['title']) spec.title = attributes['title']
  return spec
}

/**
 * Metrics to show when the directive names none: validation loss and
 * training loss when present, else the first two keys that are not internal.
 */
export function defaultMetrics(canonicalNames: readonly string[]): string[] {
  const preferred = ['train/loss', 'val/loss'].filter((m) => canonicalNames.includes(m))
  if (preferred.length > 0) return preferred
  const loss = canonicalNames.filter((m) => /loss/i.test(m))
  if (loss.length > 0) return loss.slice(0, 2)
  return canonicalNames.filter((m) => !m.startsWith('_') && m !== 'epoch').slice(0, 2)
}
