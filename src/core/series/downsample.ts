/**
 * Downsampling for drawing: an SVG path with 100k points is slow to build and
 * no screen can show it. Both methods return INDICES into the full arrays, so
 * the raw and the smoothed value of a kept point stay aligned, and both always
 * keep the first and last point of the range.
 */

/** Default number of points drawn per line. */
export const DEFAULT_MAX_POINTS = 2000

/**
 * Index range [start, end) of the points whose x lies in [xMin, xMax], widened
 * by one point on each side so the line runs to the plot's edge when zoomed.
 * x must be ascending.
 */
export function visibleRange(x: ArrayLike<number>, xMin: number, xMax: number): { start: number; end: number } {
  const n = x.length
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (x[mid]! < xMin) lo = mid + 1
    else hi = mid
  }
  const start = Math.max(0, lo - 1)
  lo = start
  hi = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (x[mid]! <= xMax) lo = mid + 1
    else hi = mid
  }
  const end = Math.min(n, lo + 1)
  return { start, end: Math.max(start, end) }
}

/**
 * Indices start..end-1 whose y is finite (a typed array: a 100k-point series
 * is scanned on every first paint), plus one marker index per run of
 * non-finite values (drawn as a gap).
 */
function finiteIndices(y: ArrayLike<number>, start: number, end: number): { finite: Int32Array; gaps: number[] } {
  const finite = new Int32Array(Math.max(0, end - start))
  const gaps: number[] = []
  let n = 0
  let inGap = false
  for (let i = start; i < end; i++) {
    const v = y[i]!
    if (v - v === 0) {
      finite[n++] = i
      inGap = false
    } else if (!inGap) {
      gaps.push(i)
      inGap = true
    }
  }
  return { finite: n === finite.length ? finite : finite.subarray(0, n), gaps }
}

function mergeSorted(a: ArrayLike<number>, b: number[]): number[] {
  if (b.length === 0) return Array.from(a)
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!)
    else out.push(b[j++]!)
  }
  return out
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) over [start, end): keeps
 * the point of each bucket that spans the largest triangle with the previous
 * kept point and the next bucket's mean, which preserves the curve's visual
 * shape. Non-finite points are not candidates; the first of each run of them
 * is kept so the line shows a gap there. `allFinite` (the caller knows y has
 * no NaN/±Infinity in the range) skips building the index of finite points.
 */
export function lttb(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, start = 0, end = x.length, allFinite = false): number[] {
  const { finite, gaps } = allFinite ? { finite: null, gaps: [] } : finiteIndices(y, start, end)
  const n = finite ? finite.length : Math.max(0, end - start)
  // k-th candidate point → index into x / y.
  const at = (k: number): number => (finite === null ? start + k : finite[k]!)
  if (threshold >= n || threshold < 3) {
    const all = threshold < 3 && n > threshold ? (n === 1 ? [at(0)] : [at(0), at(n - 1)]) : (finite ?? Array.from({ length: n }, (_, k) => start + k))
    return mergeSorted(all, gaps)
  }
  const kept: number[] = [at(0)]
  const every = (n - 2) / (threshold - 2)
  let a = 0
  for (let b = 0; b < threshold - 2; b++) {
    // Mean of the next bucket (the last point for the final bucket).
    const nextStart = Math.floor((b + 1) * every) + 1
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n)
    let avgX = 0
    let avgY = 0
    const count = Math.max(1, nextEnd - nextStart)
    const stop = Math.min(nextStart + count, n)
    if (finite === null) {
      for (let i = start + nextStart; i < start + stop; i++) {
        avgX += x[i]!
        avgY += y[i]!
      }
    } else {
      for (let k = nextStart; k < stop; k++) {
        avgX += x[finite[k]!]!
        avgY += y[finite[k]!]!
      }
    }
    avgX /= count
    avgY /= count
    const bucketStart = Math.floor(b * every) + 1
    const bucketEnd = Math.floor((b + 1) * every) + 1
    const ia = finite === null ? start + a : finite[a]!
    const ax = x[ia]!
    const ay = y[ia]!
    let best = bucketStart
    let bestArea = -1
    for (let k = bucketStart; k < bucketEnd; k++) {
      const i = finite === null ? start + k : finite[k]!
      const area = Math.abs((ax - avgX) * (y[i]! - ay) - (ax - x[i]!) * (avgY - ay))
      if (area > bestArea) {
        bestArea = area
        best = k
      }
    }
    kept.push(finite === null ? start + best : finite[best]!)
    a = best
  }
  kept.push(at(n - 1))
  return mergeSorted(kept, gaps)
}

/**
 * Min/max buckets (what W&B calls "full fidelity"): splits the x range into
 * `buckets` equal-width buckets and keeps each bucket's lowest and highest
 * point in x order, so no spike disappears. At most 2·buckets + 2 indices.
 */
export function minMaxBuckets(x: ArrayLike<number>, y: ArrayLike<number>, buckets: number, start = 0, end = x.length): number[] {
  const { finite, gaps } = finiteIndices(y, start, end)
  const n = finite.length
  if (n <= 2 * buckets + 2 || buckets < 1) return mergeSorted(finite, gaps)
  const x0 = x[finite[0]!]!
  const span = x[finite[n - 1]!]! - x0
  const kept: number[] = [finite[0]!]
  let k = 1
  for (let b = 0; b < buckets && k < n - 1; b++) {
    const limit = span > 0 ? x0 + ((b + 1) / buckets) * span : Number.POSITIVE_INFINITY
    let minK = -1
    let maxK = -1
    // Equal-width buckets by x; with span 0 fall back to equal counts.
    const countLimit = span > 0 ? n - 1 : Math.min(n - 1, Math.ceil(((b + 1) * (n - 2)) / buckets) + 1)
    while (k < n - 1 && k < countLimit && (span === 0 || x[finite[k]!]! <= limit)) {
      const v = y[finite[k]!]!
      if (minK < 0 || v < y[finite[minK]!]!) minK = k
      if (maxK < 0 || v > y[finite[maxK]!]!) maxK = k
      k++
    }
    if (minK < 0) continue
    if (minK === maxK) kept.push(finite[minK]!)
    else if (minK < maxK) kept.push(finite[minK]!, finite[maxK]!)
    else kept.push(finite[maxK]!, finite[minK]!)
  }
  kept.push(finite[n - 1]!)
  return mergeSorted(kept, gaps)
}

/** Downsampling methods the chart offers. */
export type DownsampleMethod = 'lttb' | 'minmax'

/** Picks indices of [start, end) to draw, at most about `maxPoints` (`allFinite`: see `lttb`). */
export function downsample(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
  method: DownsampleMethod = 'lttb',
  start = 0,
  end = x.length,
  allFinite = false
): number[] {
  return method === 'lttb'
    ? lttb(x, y, maxPoints, start, end, allFinite)
    : minMaxBuckets(x, y, Math.max(1, Math.floor(maxPoints / 2) - 1), start, end)
}
