/**
 * Axes of a training chart: value → pixel scales (linear and log) and tick
 * values around a y extent (which values that extent covers: y-range.ts).
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
}

/**
 * The y axis around a y extent (y-range.ts `yRange`: every value, or all but
 * a few spikes, see [Note: outliers in y scaling]): on a linear axis nice
 * round ticks whose first and last tick enclose the extent; on a log axis the
 * extent itself with `logTicks`. Null without an extent.
 */
export function yAxisFor(extent: readonly [number, number] | null, log: boolean, count: number): YAxis | null {
  if (!extent) return null
  let [lo, hi] = extent
  if (log) {
    const domain: [number, number] = lo === hi ? [lo / 2, hi * 2] : [lo, hi]
    return { domain, ticks: logTicks(domain[0], domain[1], count) }
  }
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1
    lo -= pad
    hi += pad
  }
  // A coarse step can leave a single tick inside the range: ask for more until there are two.
  let inner = niceTicks(lo, hi, count)
  for (let more = count + 1; inner.length < 2 && more <= count + 4; more++) inner = niceTicks(lo, hi, more)
  if (inner.length < 2) return { domain: [lo, hi], ticks: inner }
  const step = inner[1]! - inner[0]!
  const round = (v: number): number => Number(v.toPrecision(12))
  const ticks = [
    ...(inner[0]! > lo ? [round(inner[0]! - step)] : []),
    ...inner,
    ...(inner[inner.length - 1]! < hi ? [round(inner[inner.length - 1]! + step)] : [])
  ]
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks }
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
export function bound(x: ArrayLike<number>, value: number, upper: boolean): number {
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
