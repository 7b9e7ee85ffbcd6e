/**
 * The chart's data pipeline: full series → smoothed once (cached) → cut to the
 * visible x range → downsampled to ~2000 points → merged into recharts rows.
 * See [Note: smooth the full series] in smoothing.ts for why the order matters.
 */
import { DEFAULT_MAX_POINTS, downsample, visibleRange, type DownsampleMethod } from './downsample'
import { smooth, type SmoothingAlgorithm } from './smoothing'
import type { Series } from './values'

const smoothCache = new WeakMap<Series, Map<string, Float64Array>>()

/**
 * Smoothed y of a full series, computed once per (series object, algorithm,
 * weight) and cached on the series' identity; weight 0 returns y itself.
 */
export function smoothedSeries(series: Series, algorithm: SmoothingAlgorithm, weight: number): Float64Array {
  if (weight <= 0) return series.y
  let perSeries = smoothCache.get(series)
  if (!perSeries) {
    perSeries = new Map()
    smoothCache.set(series, perSeries)
  }
  const key = `${algorithm}:${weight}`
  let out = perSeries.get(key)
  if (!out) {
    out = smooth(series.x, series.y, algorithm, weight)
    perSeries.set(key, out)
  }
  return out
}

/** The points of one line that will be drawn. */
export interface LineView {
  x: Float64Array
  raw: Float64Array
  smooth: Float64Array
  /** Points of the full series inside the visible range (before downsampling). */
  visibleCount: number
  /** That range as indices [start, end) into the full series. */
  start: number
  end: number
}

/** Options for `viewSeries`. */
export interface ViewOptions {
  /** Visible x range; null = everything. */
  range: readonly [number, number] | null
  maxPoints?: number
  method?: DownsampleMethod
  /** The caller knows every y of the series is finite (e.g. from ExtractStats): downsampling skips its NaN scan. */
  allFinite?: boolean
}

/**
 * Cuts an already smoothed series to the visible range and downsamples it.
 * The smoothed values are looked up by index in the FULL smoothed array, so a
 * point's smoothed value is the same at every zoom level.
 */
export function viewSeries(series: Series, smoothed: Float64Array, options: ViewOptions): LineView {
  const { start, end } = options.range ? visibleRange(series.x, options.range[0], options.range[1]) : { start: 0, end: series.x.length }
  const indices = downsample(
    series.x,
    series.y,
    options.maxPoints ?? DEFAULT_MAX_POINTS,
    options.method ?? 'lttb',
    start,
    end,
    options.allFinite ?? false
  )
  const n = indices.length
  const view: LineView = { x: new Float64Array(n), raw: new Float64Array(n), smooth: new Float64Array(n), visibleCount: end - start, start, end }
  for (let k = 0; k < n; k++) {
    const i = indices[k]!
    view.x[k] = series.x[i]!
    view.raw[k] = series.y[i]!
    view.smooth[k] = smoothed[i]!
  }
  return view
}

/** One row of the merged chart data: x plus one field per drawn line. */
export type ChartRow = { x: number } & Record<string, number | null>

/**
 * Merges several lines into recharts rows keyed by x (recharts draws every
 * Line from one shared data array, which also gives a shared tooltip). Each
 * line contributes `<id>` (smoothed) and `<id>~raw`; non-finite values become
 * null (a gap), and so do values ≤ 0 on a log axis, which cannot be drawn.
 */
export function mergeLines(lines: ReadonlyArray<{ id: string; view: LineView }>, options: { log?: boolean } = {}): ChartRow[] {
  const byX = new Map<number, ChartRow>()
  const cell = (v: number): number | null => (!Number.isFinite(v) || (options.log && v <= 0) ? null : v)
  for (const { id, view } of lines) {
    for (let k = 0; k < view.x.length; k++) {
      const x = view.x[k]!
      let row = byX.get(x)
      if (!row) {
        row = { x } as ChartRow
        byX.set(x, row)
      }
      row[id] = cell(view.smooth[k]!)
      row[`${id}~raw`] = cell(view.raw[k]!)
    }
  }
  return [...byX.values()].sort((a, b) => a.x - b.x)
}

/** x extent over several series (null when all are empty). */
export function xExtent(series: Iterable<Series>): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const s of series) {
    if (s.x.length === 0) continue
    lo = Math.min(lo, s.x[0]!)
    hi = Math.max(hi, s.x[s.x.length - 1]!)
  }
  return lo <= hi ? [lo, hi] : null
}
