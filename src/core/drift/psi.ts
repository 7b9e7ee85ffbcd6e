/**
 * Population stability index with Evidently's conventions, so a student who
 * ran Evidently in Python reads the same figure here.
 *
 * [Note: PSI as Evidently computes it]
 * - A numeric column whose reference holds more than 20 distinct values is cut
 *   into equal-width bins over the range of both sets together, as many as
 *   NumPy's "sturges" rule gives for their combined size (ceil(log2 N) + 1
 *   bins; NumPy's histogram: right-closed last bin). Anything else is treated
 *   as categories: every value seen in either set is one bin.
 * - Empty bins are filled before the logarithm: with 0.0001, or with the
 *   smallest non-empty share ÷ 10⁶ when that share is itself ≤ 0.0001 (each set
 *   on its own).
 * - PSI = Σ (ref − cur) · ln(ref / cur); drift when PSI ≥ 0.1 (Evidently's
 *   default threshold for its "psi" test).
 */

/** Evidently's default PSI threshold: drift when PSI is at least this. */
export const PSI_THRESHOLD = 0.1

/** How the values were binned, for the chart. */
export interface PsiBins {
  kind: 'numeric' | 'categorical'
  /** Numeric: bin edges (bins + 1 values). */
  edges?: number[]
  /** Categorical: the categories in bin order. */
  categories?: string[]
  /** Share of each set in each bin (before filling empty bins), 0…1. */
  reference: number[]
  current: number[]
}

/** PSI and the binning behind it. */
export interface PsiResult {
  psi: number
  drifted: boolean
  bins: PsiBins
}

/** NumPy's `histogram_bin_edges(values, bins="sturges")`. */
export function sturgesEdges(values: readonly number[]): number[] {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (!(hi > lo)) {
    // NumPy widens an empty range by 0.5 either side and uses one bin.
    return [lo - 0.5, hi + 0.5]
  }
  const width = (hi - lo) / (Math.log2(values.length) + 1)
  const count = Math.max(1, Math.ceil((hi - lo) / width))
  // numpy.linspace: start + k·step, the last edge exactly the stop.
  const step = (hi - lo) / count
  return Array.from({ length: count + 1 }, (_, k) => (k === count ? hi : lo + k * step))
}

/** Counts per bin as `numpy.histogram` does (half-open bins, the last one closed), as shares of `values.length`. */
export function histogramShares(values: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1
  const counts = new Array<number>(bins).fill(0)
  const lo = edges[0]!
  const hi = edges[bins]!
  for (const v of values) {
    if (!(v >= lo && v <= hi)) continue
    let k = v === hi ? bins - 1 : Math.floor(((v - lo) / (hi - lo)) * bins)
    // Correct for floating-point error at bin boundaries, as NumPy does.
    while (k > 0 && v < edges[k]!) k--
    while (k < bins - 1 && v >= edges[k + 1]!) k++
    counts[k]!++
  }
  return counts.map((c) => c / Math.max(1, values.length))
}

function fillZeroes(shares: readonly number[]): number[] {
  const nonZero = shares.filter((s) => s > 0)
  if (nonZero.length === 0) return shares.map(() => 0.0001)
  const least = Math.min(...nonZero)
  const fill = least <= 0.0001 ? least / 1e6 : 0.0001
  return shares.map((s) => (s === 0 ? fill : s))
}

/** PSI over two share vectors of the same bins (Evidently's zero filling applied). */
export function psiOfShares(reference: readonly number[], current: readonly number[]): number {
  const r = fillZeroes(reference)
  const c = fillZeroes(current)
  let sum = 0
  for (let k = 0; k < r.length; k++) sum += (r[k]! - c[k]!) * Math.log(r[k]! / c[k]!)
  return sum
}

/** Distinct values of a sample. */
function distinct(values: readonly (number | string)[]): number {
  return new Set(values).size
}

/**
 * PSI of a column, binned as Evidently bins it (see [Note: PSI as Evidently computes it]).
 * Missing values (null, NaN) are left out of both sets, as pandas' value counts and histograms leave them out.
 * @throws Error when a set has no usable value.
 */
export function psi(reference: readonly (number | string | null)[], current: readonly (number | string | null)[], numeric: boolean): PsiResult {
  const keep = (v: number | string | null): v is number | string => v !== null && !(typeof v === 'number' && !Number.isFinite(v))
  const ref = reference.filter(keep)
  const cur = current.filter(keep)
  if (ref.length === 0 || cur.length === 0) throw new Error('PSI needs at least one value in each set')
  if (numeric && distinct(ref) > 20 && ref.every((v) => typeof v === 'number') && cur.every((v) => typeof v === 'number')) {
    const edges = sturgesEdges([...(ref as number[]), ...(cur as number[])])
    const r = histogramShares(ref as number[], edges)
    const c = histogramShares(cur as number[], edges)
    const value = psiOfShares(r, c)
    return { psi: value, drifted: value >= PSI_THRESHOLD, bins: { kind: 'numeric', edges, reference: r, current: c } }
  }
  const categories = [...new Set([...ref, ...cur].map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const share = (values: (number | string)[]): number[] => {
    const counts = new Map<string, number>()
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1)
    return categories.map((k) => (counts.get(k) ?? 0) / values.length)
  }
  const r = share(ref)
  const c = share(cur)
  const value = psiOfShares(r, c)
  return { psi: value, drifted: value >= PSI_THRESHOLD, bins: { kind: 'categorical', categories, reference: r, current: c } }
}
