/**
 * History values as they arrive from the API: numbers, the strings
 * 'NaN' | 'Infinity' | '-Infinity' for non-finite numbers (JSON cannot carry
 * them), null, or anything else a logger wrote. Charts only need numbers.
 */
import type { HistoryColumns, HistoryRow } from '../../shared/types'

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
 * One history key as a column over all rows (see [Note: columns, one pass]).
 * `values[r]` is row r's value, NaN where the row has none; `present[r]` is 1
 * where the row holds a numeric point (the NaN/±Infinity markers included).
 */
export interface Column {
  values: Float64Array
  present: Uint8Array
  /** Rows that hold a point. */
  count: number
  /** Points that are NaN or ±Infinity. */
  nonFinite: number
}

/**
 * [Note: columns, one pass]
 * History rows are objects, and reading `row[key]` for a key that varies is
 * V8's slowest kind of property load; a 100k-row history cut once per metric
 * walked every row object again for each one, and that was the biggest part
 * of a chart's first paint. `extractColumns` walks the rows ONCE for all the
 * keys a chart needs and leaves typed columns; everything after (forward-filling
 * x, smoothing, best points, downsampling) runs on typed arrays.
 */
export function extractColumns(rows: readonly HistoryRow[], keys: readonly string[]): Map<string, Column> {
  const n = rows.length
  const k = keys.length
  const values = keys.map(() => new Float64Array(n))
  const present = keys.map(() => new Uint8Array(n))
  const count = new Float64Array(k)
  const nonFinite = new Float64Array(k)
  for (let r = 0; r < n; r++) {
    const row = rows[r]!
    for (let j = 0; j < k; j++) {
      const raw = row[keys[j]!]
      const v = typeof raw === 'number' ? raw : raw === undefined || raw === null ? undefined : cellNumber(raw)
      if (v === undefined) {
        values[j]![r] = Number.NaN
        continue
      }
      values[j]![r] = v
      present[j]![r] = 1
      count[j]!++
      if (v - v !== 0) nonFinite[j]!++
    }
  }
  const out = new Map<string, Column>()
  keys.forEach((key, j) => out.set(key, { values: values[j]!, present: present[j]!, count: count[j]!, nonFinite: nonFinite[j]! }))
  return out
}

/** A wire column (numbers, null, non-finite markers) as a typed Column. */
function wireColumn(cells: ReadonlyArray<number | string | null>, n: number): Column {
  const values = new Float64Array(n)
  const present = new Uint8Array(n)
  let count = 0
  let nonFinite = 0
  for (let r = 0; r < n; r++) {
    const raw = cells[r]
    const v = typeof raw === 'number' ? raw : raw === undefined || raw === null ? undefined : cellNumber(raw)
    if (v === undefined) {
      values[r] = Number.NaN
      continue
    }
    values[r] = v
    present[r] = 1
    count++
    if (v - v !== 0) nonFinite++
  }
  return { values, present, count, nonFinite }
}

/**
 * A history as it arrives from `runs:history` (HistoryColumns) turned into
 * typed columns, one per key, `_step` included. Keys are converted on first
 * use (a chart reads a few of a run's many keys); a key the run never logged
 * is an empty column.
 */
export function columnsFromWire(wire: HistoryColumns): (key: string) => Column {
  const n = wire.steps.length
  const cache = new Map<string, Column>()
  return (key) => {
    let col = cache.get(key)
    if (!col) {
      if (key === '_step') col = { values: Float64Array.from(wire.steps), present: new Uint8Array(n).fill(1), count: n, nonFinite: 0 }
      else col = wireColumn(wire.columns[key] ?? [], n)
      cache.set(key, col)
    }
    return col
  }
}

/**
 * The x key of every row as a number (NaN where a row has no finite x). A
 * chart cuts several metrics out of the same rows against the same x key, so
 * callers cache this column and pass it to `extractSeries`.
 */
export function xColumn(rows: readonly HistoryRow[], xKey: XKey): Float64Array {
  return extractColumns(rows, [xKey]).get(xKey)!.values
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
  return seriesFromColumns(xCol, extractColumns(rows, [key]).get(key)!)
}

/** x columns known to be finite in every row and ascending (computed once per column). */
const denseX = new WeakMap<Float64Array, boolean>()

function isDenseAscending(x: Float64Array): boolean {
  let known = denseX.get(x)
  if (known === undefined) {
    known = true
    let prev = Number.NEGATIVE_INFINITY
    for (let r = 0; r < x.length; r++) {
      const v = x[r]!
      if (v - v !== 0 || v < prev) {
        known = false
        break
      }
      prev = v
    }
    denseX.set(x, known)
  }
  return known
}

/**
 * `extractSeries` on columns: the x column (NaN = no x in that row) and the
 * metric's column. When the metric is in every row and x is finite and
 * ascending in every row (a metric logged each step, against `_step`), the
 * series IS the two columns: no copy. Callers must not write into a series.
 */
export function seriesFromColumns(xCol: Float64Array, yCol: Column): { series: Series; stats: ExtractStats } {
  const n = yCol.values.length
  if (yCol.count === n && n === xCol.length && isDenseAscending(xCol)) {
    return { series: { x: xCol, y: yCol.values }, stats: { nonFinite: yCol.nonFinite, missingX: 0 } }
  }
  const yv = yCol.values
  const has = yCol.present
  // Typed arrays sized for the worst case, trimmed at the end.
  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  let m = 0
  let lastX = Number.NaN
  let missingX = 0
  let nonFinite = 0
  let sorted = true
  for (let r = 0; r < n; r++) {
    const xv = xCol[r]!
    if (xv - xv === 0) lastX = xv // finite
    if (has[r] === 0) continue
    if (lastX !== lastX) {
      missingX++
      continue
    }
    const y = yv[r]!
    if (m > 0 && lastX < xs[m - 1]!) sorted = false
    if (y - y !== 0) nonFinite++
    xs[m] = lastX
    ys[m] = y
    m++
  }
  if (!sorted) {
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b)
    return {
      series: { x: Float64Array.from(order, (i) => xs[i]!), y: Float64Array.from(order, (i) => ys[i]!) },
      stats: { nonFinite, missingX }
    }
  }
  return { series: { x: xs.slice(0, m), y: ys.slice(0, m) }, stats: { nonFinite, missingX } }
}
