/**
 * Smoothing of training curves, matching the two tools people compare with.
 *
 * [Note: smooth the full series]
 * Every function here runs on a metric's FULL history, never on a downsampled
 * or zoomed slice. TensorBoard smooths the points it happens to display, so its
 * smoothed curve changes when you zoom (tensorflow/tensorboard#6829); we smooth
 * once per (series, algorithm, weight) and only then cut and downsample for the
 * visible range (see `pipeline.ts`).
 */

/** Smoothing algorithms the chart offers. */
export type SmoothingAlgorithm = 'ema' | 'twema' | 'gaussian' | 'running'

/** Labels for the algorithm picker. */
export const algorithmLabels: Record<SmoothingAlgorithm, string> = {
  ema: 'TensorBoard EMA',
  twema: 'W&B time-weighted EMA',
  gaussian: 'Gaussian',
  running: 'Running average'
}

function clampWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0
  return Math.min(weight, 1)
}

/**
 * TensorBoard's debiased exponential moving average.
 * For each finite y: last = w·last + (1−w)·y; n += 1; out = last / (1 − wⁿ).
 * Non-finite values pass through unchanged and do not count towards n, so a
 * NaN in the middle neither poisons nor shifts the curve. The debias term
 * keeps a constant series exactly constant.
 */
export function emaDebiased(y: ArrayLike<number>, weight: number): Float64Array {
  const w = clampWeight(weight)
  const out = new Float64Array(y.length)
  let last = 0
  let n = 0
  // Once 1 − wⁿ rounds to exactly 1 it stays 1 (wⁿ only shrinks), so Math.pow stops there: same values, far fewer calls.
  let debiased = false
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!
    if (v - v !== 0) {
      // NaN or ±Infinity
      out[i] = v
      continue
    }
    last = w * last + (1 - w) * v
    if (debiased) {
      out[i] = last
      continue
    }
    n++
    // w = 1 would divide 0 by 0; TensorBoard then shows the raw value.
    const debias = 1 - Math.pow(w, n)
    if (debias === 1) debiased = true
    out[i] = debias === 0 ? v : last / debias
  }
  return out
}

/** How many "EMA steps" the whole x range counts as in W&B's time weighting. */
export const TWEMA_VIEWPORT_SCALE = 1000

/**
 * W&B's time-weighted EMA (its default smoother). The slider value p maps to
 * w = min(√p, 0.999); each point decays the running sums by a = w^(Δx / rangeX · 1000),
 * so unevenly spaced points are weighted by the x distance between them and a
 * series of 1000 even steps behaves like a plain EMA. out = num / den, which
 * debiases like TensorBoard's. rangeX is the full series' x range, so the result
 * does not depend on the visible window. Non-finite values pass through uncounted.
 */
export function twema(x: ArrayLike<number>, y: ArrayLike<number>, weight: number): Float64Array {
  const p = clampWeight(weight)
  const out = new Float64Array(y.length)
  if (p === 0) {
    for (let i = 0; i < y.length; i++) out[i] = y[i]!
    return out
  }
  const w = Math.min(Math.sqrt(p), 0.999)
  const rangeX = x.length > 1 ? x[x.length - 1]! - x[0]! : 0
  let num = 0
  let den = 0
  let prevX: number | undefined
  let lastDx = Number.NaN
  let lastA = w
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!
    if (!Number.isFinite(v)) {
      out[i] = v
      continue
    }
    const dx = prevX === undefined ? 0 : x[i]! - prevX
    // Evenly spaced x repeats the same dx: reuse its decay instead of another Math.pow (same value).
    if (dx !== lastDx) {
      lastDx = dx
      lastA = rangeX > 0 ? Math.pow(w, (dx / rangeX) * TWEMA_VIEWPORT_SCALE) : w
    }
    const a = lastA
    num = a * num + v
    den = a * den + 1
    out[i] = num / den
    prevX = x[i]!
  }
  return out
}

/** Centred mean over ±half points, counting finite values only (prefix sums: O(n)). */
function centredMean(v: Float64Array, finite: Uint8Array, half: number): Float64Array {
  const n = v.length
  const sum = new Float64Array(n + 1)
  const count = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) {
    sum[i + 1] = sum[i]! + (finite[i] ? v[i]! : 0)
    count[i + 1] = count[i]! + finite[i]!
  }
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half)
    const hi = Math.min(n, i + half + 1)
    const c = count[hi]! - count[lo]!
    out[i] = c > 0 ? (sum[hi]! - sum[lo]!) / c : v[i]!
  }
  return out
}

/**
 * Gaussian smoothing over point index, as three passes of a centred box
 * filter (which converges to a Gaussian kernel), so it costs O(n) whatever
 * the width; a direct kernel at W&B-like widths froze the UI for seconds on
 * 100k points. The slider value p (0–1) sets σ = p · 2 % of the point count.
 * Non-finite values pass through and are left out of their neighbours' means.
 * `x` is accepted for a uniform signature; spacing is not weighted.
 */
export function gaussian(_x: ArrayLike<number>, y: ArrayLike<number>, weight: number): Float64Array {
  const n = y.length
  const sigma = clampWeight(weight) * 0.02 * n
  const out = new Float64Array(n)
  const finite = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    out[i] = y[i]!
    finite[i] = Number.isFinite(y[i]!) ? 1 : 0
  }
  if (sigma < 0.5) return out
  // Three boxes of width w have variance 3·(w² − 1)/12 = σ².
  const half = Math.max(1, Math.round(Math.sqrt(4 * sigma * sigma + 1) / 2))
  let cur: Float64Array = out
  for (let pass = 0; pass < 3; pass++) cur = centredMean(cur, finite, half)
  for (let i = 0; i < n; i++) if (finite[i]) out[i] = cur[i]!
  return out
}

/**
 * Trailing running average over the last k finite points, where the slider
 * value p (0–1) maps to k = 1 + round(p · 99). Non-finite values pass through.
 */
export function runningAverage(y: ArrayLike<number>, weight: number): Float64Array {
  const k = 1 + Math.round(clampWeight(weight) * 99)
  const out = new Float64Array(y.length)
  const window: number[] = []
  let sum = 0
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!
    if (!Number.isFinite(v)) {
      out[i] = v
      continue
    }
    window.push(v)
    sum += v
    if (window.length > k) sum -= window.shift()!
    out[i] = sum / window.length
  }
  return out
}

/** Runs the chosen algorithm on a full series. Weight 0 returns a copy of y. */
export function smooth(x: ArrayLike<number>, y: ArrayLike<number>, algorithm: SmoothingAlgorithm, weight: number): Float64Array {
  switch (algorithm) {
    case 'ema':
      return emaDebiased(y, weight)
    case 'twema':
      return twema(x, y, weight)
    case 'gaussian':
      return gaussian(x, y, weight)
    case 'running':
      return runningAverage(y, weight)
  }
}
