/**
 * The y range of a training chart: which logged values the y axis must show,
 * decided per series, and which few points it may leave outside ("Ignore
 * outliers"). The axis itself (ticks, nice bounds) is scale.ts `yAxisFor`.
 */
import { bound } from './scale'

/** One drawn series as the y range sees it: its FULL-resolution logged points (x ascending). */
export interface YRangeSeries {
  x: ArrayLike<number>
  y: ArrayLike<number>
  /** What the outlier note calls it (e.g. "run-a · val/loss"). */
  label: string
}

/** Options of {@link yRange}. */
export interface YRangeOptions {
  log: boolean
  ignoreOutliers: boolean
  /** The visible x range (a zoom); null = every point. */
  xRange?: readonly [number, number] | null
}

/** Points of one series left outside the y range. */
export interface OutsidePoints {
  label: string
  /** x of each point outside (ascending). */
  x: number[]
  /** Whether each lies above (true) or below the range. */
  above: boolean[]
}

/** What {@link yRange} returns. */
export interface YRange {
  domain: [number, number]
  /** Per series with points outside the domain; empty when everything is in view. */
  outside: OutsidePoints[]
  /** Total points outside the domain. */
  clipped: number
}

/**
 * [Note: outliers in y scaling]
 * One bad batch (a loss of 61 amid values near 0.5) would squash every curve
 * to the bottom of the plot, so "Ignore outliers" (TensorBoard's "Ignore
 * outliers in chart scaling", on by default) may leave a few points outside
 * the y range. What it must never do is hide real data: a run whose loss falls
 * to exactly 0 spends 99 % of its steps at 0, and percentiles alone (what
 * TensorBoard does) clip its whole learning phase; one run valued 1.0–1.3
 * next to one valued 0.003–0.024 is 2 % of the pooled values, and pooled
 * percentiles clip that whole run. So the decision is made per series, on its
 * own full-resolution points in the visible x range:
 * 1. a fence from the series' own p1 and p99 (in log10 on a log axis), widened
 *    by half their spread, from an even sample of its logged points (not the
 *    drawn ones: LTTB keeps every spike; not the smoothed ones: an EMA smears a
 *    spike over many points);
 * 2. a point beyond the fence is an outlier only when it is a SPIKE: part of
 *    a run of at most MAX_SPIKE consecutive points beyond it. A longer
 *    excursion (a learning phase, a divergence, a bad epoch) is data and stays
 *    in range;
 * 3. if the outliers would still be more than MAX_OUTLIER_SHARE of the
 *    series' points, nothing is left out of that series (the full range);
 * 4. the y domain is the union of every series' kept range, so no series is
 *    ever hidden by another's scale; a point counts as outside only if it is
 *    outside that union, and the chart says which ones are (they are drawn
 *    clipped at the plot's edge, with a mark).
 */
const MAX_SPIKE = 3
const MAX_OUTLIER_SHARE = 0.02
/** Fewer points than this: no outlier can be told apart. */
const MIN_POINTS = 20
/** Values the percentiles are taken from. */
const SAMPLE = 1024

function quantileSorted(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1)
  const i = Math.floor(at)
  const j = Math.min(sorted.length - 1, i + 1)
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (at - i)
}

interface SeriesVerdict {
  lo: number
  hi: number
  /** Indices of the points left out as outliers. */
  outliers: number[]
}

/** The drawable value of `v` on this axis (log10 on a log axis), NaN when it cannot be drawn. */
function axisValue(v: number, log: boolean): number {
  if (v - v !== 0) return Number.NaN
  if (!log) return v
  return v > 0 ? Math.log10(v) : Number.NaN
}

/** Fence [lo, hi] in axis units from an even sample of y[start..end); null when too few points. */
function fence(y: ArrayLike<number>, start: number, end: number, log: boolean): [number, number] | null {
  const n = end - start
  const take = Math.min(n, SAMPLE)
  const step = n / take
  const values = new Float64Array(take)
  let m = 0
  for (let k = 0; k < take; k++) {
    const v = axisValue(y[start + Math.floor(k * step)]!, log)
    if (v === v) values[m++] = v
  }
  if (m < MIN_POINTS) return null
  const sorted = values.subarray(0, m).sort()
  const a = quantileSorted(sorted, 0.01)
  const b = quantileSorted(sorted, 0.99)
  const reach = (b - a) * 0.5
  // A tiny relative margin so float noise at the fence never makes an outlier.
  const eps = Math.max(Math.abs(a), Math.abs(b), 1e-300) * 1e-12
  return [a - reach - eps, b + reach + eps]
}

/** The kept y range of one series over indices [start, end), in data units (see [Note: outliers in y scaling]). */
function judgeSeries(y: ArrayLike<number>, start: number, end: number, log: boolean, ignoreOutliers: boolean): SeriesVerdict | null {
  const f = ignoreOutliers ? fence(y, start, end, log) : null
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  let finite = 0
  const outliers: number[] = []
  // The current run of consecutive points beyond the fence.
  let run: number[] = []
  const keep = (i: number): void => {
    const v = y[i]!
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  const flush = (): void => {
    if (run.length <= MAX_SPIKE) outliers.push(...run)
    else run.forEach(keep)
    run = []
  }
  for (let i = start; i < end; i++) {
    const a = axisValue(y[i]!, log)
    if (a !== a) continue
    finite++
    if (f && (a < f[0] || a > f[1])) {
      run.push(i)
      continue
    }
    if (run.length > 0) flush()
    keep(i)
  }
  if (run.length > 0) flush()
  if (finite === 0) return null
  if (outliers.length > finite * MAX_OUTLIER_SHARE || lo > hi) {
    // Too many to call outliers (or nothing else left): this series keeps its full range.
    outliers.forEach(keep)
    return { lo, hi, outliers: [] }
  }
  return { lo, hi, outliers }
}

/**
 * The y range of a chart: the union of each series' kept range over the
 * visible x range (see [Note: outliers in y scaling]), in data units, and the
 * points left outside it. A zoom refits y to the points inside the zoom (plus
 * where each line crosses its edges). Null when no series has a value to show
 * (no finite one, or no positive one on a log axis).
 */
export function yRange(series: readonly YRangeSeries[], options: YRangeOptions): YRange | null {
  const { log, ignoreOutliers } = options
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  const verdicts: Array<{ s: YRangeSeries; v: SeriesVerdict }> = []
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length)
    const r = options.xRange
    const start = r ? bound(s.x, r[0], false) : 0
    const end = r ? Math.min(n, bound(s.x, r[1], true)) : n
    const v = end > start ? judgeSeries(s.y, start, end, log, ignoreOutliers) : null
    if (v) {
      verdicts.push({ s, v })
      lo = Math.min(lo, v.lo)
      hi = Math.max(hi, v.hi)
    }
    // Where the line crosses the zoom's edges: the segment from the point outside to the first one inside is drawn too.
    if (r) {
      for (const [i, j, edge] of [
        [start, start - 1, r[0]],
        [end - 1, end, r[1]]
      ] as const) {
        // With no point inside the zoom, the segment across it runs from start - 1 to start (= end).
        const inner = i < start ? start : i
        const outer = i < start ? start - 1 : j
        if (inner < 0 || outer < 0 || inner >= n || outer >= n || v?.outliers.includes(inner)) continue
        const at = edgeValue(s, outer, inner, edge, log)
        if (at === undefined) continue
        // With outliers ignored, not when the point outside is a spike: a line heading to it is clipped like the spike.
        if (ignoreOutliers && v && (at < v.lo - (v.hi - v.lo) || at > v.hi + (v.hi - v.lo))) continue
        lo = Math.min(lo, at)
        hi = Math.max(hi, at)
      }
    }
  }
  if (!(lo <= hi)) return null
  const outside: OutsidePoints[] = []
  let clipped = 0
  for (const { s, v } of verdicts) {
    const xs: number[] = []
    const above: boolean[] = []
    for (const i of v.outliers) {
      const value = s.y[i]!
      if (value >= lo && value <= hi) continue
      xs.push(s.x[i]!)
      above.push(value > hi)
    }
    if (xs.length > 0) {
      outside.push({ label: s.label, x: xs, above })
      clipped += xs.length
    }
  }
  return { domain: [lo, hi], outside, clipped }
}

/** The line's value where it crosses x = `edge` between points j (outside) and i (inside); straight in axis units. */
function edgeValue(s: YRangeSeries, j: number, i: number, edge: number, log: boolean): number | undefined {
  const a = axisValue(s.y[j]!, log)
  const b = axisValue(s.y[i]!, log)
  const xa = s.x[j]!
  const xb = s.x[i]!
  if (a !== a || b !== b || xa === xb || xa - xa !== 0 || xb - xb !== 0) return undefined
  const at = a + ((b - a) * (edge - xa)) / (xb - xa)
  return log ? Math.pow(10, at) : at
}
