/**
 * History values as they arrive from the API: numbers, the strings
 * 'NaN' | 'Infinity' | '-Infinity' for non-finite numbers (JSON cannot carry
 * them), null, or anything else a logger wrote. Charts only need numbers.
 */
import type { HistoryRow } from '../../shared/types'

/**
 * Reads one history cell as a number. Returns `undefined` when the cell holds
 * no numeric point at all (missing, null, a non-numeric string or a boolean),
 * and NaN/±Infinity for the non-finite markers, so callers can keep those as
 * "a point was logged here but cannot be drawn".
 */
export function cellNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    if (value === 'NaN' || value === 'nan') return Number.NaN
    if (value === 'Infinity' || value === 'inf' || value === '+Infinity') return Number.POSITIVE_INFINITY
    if (value === '-Infinity' || value === '-inf') return Number.NEGATIVE_INFINITY
    // Some CSV importers keep numbers as text; accept a plain decimal.
    if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value)
  }
  return undefined
}

/** A metric as two parallel arrays, ordered by x ascending. */
export interface Series {
  x: Float64Array
  y: Float64Array
}

/** Keys the x axis can use (W&B row format). */
export type XKey = '_step' | 'epoch' | '_runtime' | '_timestamp'

/** Counts of what `extractSeries` had to leave out or reorder, for an honest note in the UI. */
export interface ExtractStats {
  /** Points whose y is NaN or ±Infinity (kept in the series, not drawn). */
  nonFinite: number
  /** Rows that had the metric but no usable x value. */
  missingX: number
}

/**
 * The x key of every row as a number (NaN where a row has no finite x). A
 * chart cuts several metrics out of the same rows against the same x key, so
 * callers cache this column and pass it to `extractSeries`.
 */
export function xColumn(rows: readonly HistoryRow[], xKey: XKey): Float64Array {
  const out = new Float64Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r]![xKey]
    const v = typeof raw === 'number' ? raw : cellNumber(raw)
    out[r] = v === undefined ? Number.NaN : v
  }
  return out
}

/**
 * Pulls one metric out of history rows against the chosen x key.
 *
 * Rows that lack the x key borrow the last x value seen before them (a metric
 * logged between two `epoch` rows belongs to that epoch), which is what W&B
 * does for sparse x keys. Rows before any x value are dropped and counted.
 * When x is not already ascending the points are sorted by x (stable).
 */
export function extractSeries(
  rows: readonly HistoryRow[],
  key: string,
  xKey: XKey,
  xCol: Float64Array = xColumn(rows, xKey)
): { series: Series; stats: ExtractStats } {
  // Typed arrays sized for the worst case, trimmed at the end: a 100k-row history
  // is cut four or more times on a chart's first paint, and boxed number[] pushes were its cost.
  const xs = new Float64Array(rows.length)
  const ys = new Float64Array(rows.length)
  let n = 0
  let lastX: number | undefined
  let missingX = 0
  let nonFinite = 0
  let sorted = true
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!
    const xv = xCol[r]!
    if (Number.isFinite(xv)) lastX = xv
    const rawY = row[key]
    const yv = typeof rawY === 'number' ? rawY : cellNumber(rawY)
    if (yv === undefined) continue
    if (lastX === undefined) {
      missingX++
      continue
    }
    if (n > 0 && lastX < xs[n - 1]!) sorted = false
    if (!Number.isFinite(yv)) nonFinite++
    xs[n] = lastX
    ys[n] = yv
    n++
  }
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b)
    return {
      series: { x: Float64Array.from(order, (i) => xs[i]!), y: Float64Array.from(order, (i) => ys[i]!) },
      stats: { nonFinite, missingX }
    }
  }
  return { series: { x: xs.slice(0, n), y: ys.slice(0, n) }, stats: { nonFinite, missingX } }
}
