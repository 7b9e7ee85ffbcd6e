/**
 * Axes of a training chart: value → pixel scales (linear and log), the y
 * extent of what is drawn (optionally ignoring outliers), and tick values.
 * recharts draws the axes with the domains and ticks computed here (it never
 * sees the data: see [Note: recharts frame, precomputed paths] in
 * TrainingChart.tsx); the pointer layer maps pixels back with these scales.
 */
import { niceTicks } from './x-axis'

/** A value → pixel mapping with its inverse. */
export interface Scale {
  (value: number): number
  invert(pixel: number): number
  readonly domain: readonly [number, number]
  readonly range: readonly [number, number]
}

/** Linear scale from `domain` onto `range`; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0
  const k = span === 0 ? 0 : (r1 - r0) / span
  const mid = (r0 + r1) / 2
  const scale = ((v: number) => (span === 0 ? mid : r0 + (v - d0) * k)) as Scale
  scale.invert = (p: number) => (span === 0 || k === 0 ? d0 : d0 + (p - r0) / k)
  return Object.assign(scale, { domain: [d0, d1] as const, range: [r0, r1] as const })
}

/**
 * Base-10 log scale (domain values must be > 0; others map to NaN). A
 * zero-width domain maps to the middle of the range.
 */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range)
  const scale = ((v: number) => (v > 0 ? inner(Math.log10(v)) : Number.NaN)) as Scale
  scale.invert = (p: number) => Math.pow(10, inner.invert(p))
  return Object.assign(scale, { domain: [d0, d1] as const, range: [range[0], range[1]] as const })
}

/**
 * Tick values for a log axis over [lo, hi] (lo > 0): powers of ten when the
 * range holds at least two of them (every m-th decade when there are too many),
 * else 1·2·5 × 10ᵏ, else linear nice ticks, so a narrow range still gets labels.
 */
export function logTicks(lo: number, hi: number, count = 5): number[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return []
  if (hi < lo) [lo, hi] = [hi, lo]
  const round = (v: number): number => Number(v.toPrecision(12))
  const k0 = Math.ceil(Math.log10(lo) - 1e-9)
  const k1 = Math.floor(Math.log10(hi) + 1e-9)
  if (k1 - k0 + 1 >= 2) {
    const every = Math.max(1, Math.ceil((k1 - k0 + 1) / Math.max(2, count)))
    const out: number[] = []
    for (let k = k0; k <= k1; k += every) out.push(round(Math.pow(10, k)))
    return out
  }
  const out: number[] = []
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = round(m * Math.pow(10, k))
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v)
    }
  }
  return out.length >= 2 ? out : niceTicks(lo, hi, count).filter((v) => v > 0)
}

/** The y axis of a chart: its domain and the ticks to label. */
export interface YAxis {
  domain: [number, number]
  ticks: number[]
  /** Drawn values left outside the domain as outliers (clipped at the plot's edge). */
  clipped: number
}

/**
 * [Note: outliers in y scaling]
 * One bad batch (a loss of 61 amid values near 0.5) would squash every curve
 * to the bottom of the plot. With `ignoreOutliers` (TensorBoard's "Ignore
 * outliers in chart scaling") the y range is taken from robust percentiles
 * instead of the extremes: p1 and p99 of the values (in log10 space on a log
 * axis); every drawn value within half that spread beyond them is still
 * covered, so the range is only cut where values are far out, and the lines
 * still pass through, clipped at the plot's edge.
 * The percentiles come from `sample`: an even sample of the LOGGED values of
 * the visible range at full resolution (pipeline.ts strideSample). Not the
 * drawn points, because LTTB keeps every spike and so over-represents them
 * (100 spikes in 100k steps are 0.1 % of the data but 5 % of 2,000 drawn
 * points); and not the smoothed values, because smoothing smears one spike
 * over several points (an EMA of 0.6 turns a 61 into 25, 15, 9, 5.6, …).
  */
export interface YDomainOptions {
  log: boolean
  ignoreOutliers?: boolean
  /** Values to take the percentiles from (default: the drawn values themselves). */
  sample?: ReadonlyArray<ArrayLike<number>>
  /** Percentiles of the robust range (default 0.01 and 0.99). */
  lower?: number
  upper?: number
  /** How far beyond the robust range, in units of its spread, values still count as inliers (default 0.5). */
  fence?: number
}

/** Linear-interpolated quantile of an ascending array. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1)
  const i = Math.floor(at)
  const j = Math.min(sorted.length - 1, i + 1)
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (at - i)
}

/**
 * The y extent of the drawn `columns`: [min, max] of the finite (on a log
 * axis: positive) values, or with `ignoreOutliers` the robust extent of
 * [Note: outliers in y scaling]. `clipped` counts drawn values outside it.
 * Null when there is no value to show.
 */
export function yDomain(columns: ReadonlyArray<ArrayLike<number>>, options: YDomainOptions): { domain: [number, number]; clipped: number } | null {
  const { log } = options
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  let fenceLo = Number.NEGATIVE_INFINITY
  let fenceHi = Number.POSITIVE_INFINITY
  if (options.ignoreOutliers) {
    // Percentiles over (log10 of) the sample; at most ~8k values, so a sort is cheap.
    const source = options.sample ?? columns
    let n = 0
    for (const y of source) n += y.length
    const values = new Float64Array(n)
    n = 0
    for (const y of source) {
      for (let i = 0; i < y.length; i++) {
        const v = y[i]!
        if (v - v !== 0 || (log && v <= 0)) continue
        values[n++] = log ? Math.log10(v) : v
      }
    }
    if (n > 0) {
      const sorted = values.subarray(0, n).sort()
      const a = quantileSorted(sorted, options.lower ?? 0.01)
      const b = quantileSorted(sorted, options.upper ?? 0.99)
      const reach = (b - a) * (options.fence ?? 0.5)
      fenceLo = a - reach
      fenceHi = b + reach
      if (log) {
        fenceLo = Math.pow(10, fenceLo) * (1 - 1e-12)
        fenceHi = Math.pow(10, fenceHi) * (1 + 1e-12)
      }
    }
  }
  let clipped = 0
  for (const y of columns) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!
      if (v - v !== 0 || (log && v <= 0)) continue
      if (v < fenceLo || v > fenceHi) {
        clipped++
        continue
      }
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (lo > hi) return null
  return { domain: [lo, hi], clipped }
}

/**
 * The y axis for the drawn values: on a linear axis nice round ticks whose
 * first and last tick enclose every value in the y extent (`yDomain`: all of
 * them, or all but the outliers); on a log axis that extent with `logTicks`.
 * Null when there is no value to show (no finite one, or no positive one on a
 * log axis).
 */
export function yAxisFor(
  columns: ReadonlyArray<ArrayLike<number>>,
  log: boolean,
  count: number,
  options: Omit<YDomainOptions, 'log'> = {}
): YAxis | null {
  const extent = yDomain(columns, { ...options, log })
  if (!extent) return null
  let [lo, hi] = extent.domain
  const clipped = extent.clipped
  if (log) {
    const domain: [number, number] = lo === hi ? [lo / 2, hi * 2] : [lo, hi]
    return { domain, ticks: logTicks(domain[0], domain[1], count), clipped }
  }
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1
    lo -= pad
    hi += pad
  }
  // A coarse step can leave a single tick inside the range: ask for more until there are two.
  let inner = niceTicks(lo, hi, count)
  for (let more = count + 1; inner.length < 2 && more <= count + 4; more++) inner = niceTicks(lo, hi, more)
  if (inner.length < 2) return { domain: [lo, hi], ticks: inner, clipped }
  const step = inner[1]! - inner[0]!
  const round = (v: number): number => Number(v.toPrecision(12))
  const ticks = [...(inner[0]! > lo ? [round(inner[0]! - step)] : []), ...inner, ...(inner[inner.length - 1]! < hi ? [round(inner[inner.length - 1]! + step)] : [])]
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, clipped }
}

/** Index of the point of ascending `x` nearest to `value` (the earlier one on ties); -1 when empty. */
export function nearestIndex(x: ArrayLike<number>, value: number, start = 0, end = x.length): number {
  if (end <= start) return -1
  let lo = start
  let hi = end - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (x[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo > start && Math.abs(x[lo - 1]! - value) <= Math.abs(x[lo]! - value) ? lo - 1 : lo
}

/** First index of ascending `x` with x[i] ≥ value (`upper`: > value). */
function bound(x: ArrayLike<number>, value: number, upper: boolean): number {
  let lo = 0
  let hi = x.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (upper ? x[mid]! <= value : x[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * What a chart's tooltip shows at x `value`: each line's logged point nearest
 * to it among the points inside the x `domain`, and the x of the nearest of
 * those over all lines (the tooltip's heading). Null when no line has a point
 * in the domain. Lines' x must be ascending.
 */
export function pointsNear<L extends { x: ArrayLike<number> }>(
  lines: readonly L[],
  value: number,
  domain: readonly [number, number]
): { x: number; points: Array<{ line: L; index: number }> } | null {
  const points: Array<{ line: L; index: number }> = []
  let best = Number.NaN
  for (const line of lines) {
    const index = nearestIndex(line.x, value, bound(line.x, domain[0], false), bound(line.x, domain[1], true))
    if (index < 0) continue
    points.push({ line, index })
    const x = line.x[index]!
    if (best !== best || Math.abs(x - value) < Math.abs(best - value)) best = x
  }
  return points.length === 0 ? null : { x: best, points }
}
