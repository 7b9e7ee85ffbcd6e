/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, with the p-value SciPy's
 * `ks_2samp` gives in its default mode — the figure Evidently reports as
 * "K-S p_value" and compares with its 0.05 threshold.
 *
 * [Note: exact KS p-values]
 * SciPy's `ks_2samp(method="auto")` computes the exact p-value whenever both
 * samples hold at most 10,000 values (demodeck's sets are smaller), as the
 * share of monotone lattice paths from (0, 0) to (n, m) that leave the band
 * |i/n − j/m| < D. We count the paths that stay inside with integers on the
 * lattice (D·n·m is an integer, so no rounding decides a boundary) and each
 * cell normalised by C(i+j, j), which keeps every value in [0, 1]:
 * w(i, j) = w(i−1, j)·i/(i+j) + w(i, j−1)·j/(i+j). p = 1 − w(n, m), so a
 * p-value under ~1e-15 reads as 0 (SciPy would print 1e-20): both say "drift"
 * at any threshold anyone uses. Work is O(n·m): 25 M cells for 5,000 × 5,000,
 * ≈ 0.1 s. Hand-written because no maintained npm package computes the exact
 * two-sample p-value; tests/unit/core/drift/ks.test.ts checks it against SciPy.
 */

/** Result of a two-sample KS test. */
export interface KsResult {
  /** The largest distance between the two empirical CDFs, 0…1. */
  statistic: number
  /** Two-sided p-value (exact, as SciPy's default). */
  pValue: number
}

function sortedFinite(values: readonly number[]): Float64Array {
  const out = Float64Array.from(values.filter((v) => Number.isFinite(v)))
  out.sort()
  return out
}

/** The KS statistic as an integer on the n·m lattice: max |i·m − j·n| over the merged order, ties stepped together. */
function latticeStatistic(a: Float64Array, b: Float64Array): number {
  const n = a.length
  const m = b.length
  let i = 0
  let j = 0
  let best = 0
  while (i < n || j < m) {
    const next = Math.min(i < n ? a[i]! : Infinity, j < m ? b[j]! : Infinity)
    while (i < n && a[i] === next) i++
    while (j < m && b[j] === next) j++
    best = Math.max(best, Math.abs(i * m - j * n))
  }
  return best
}

/** P(D ≥ d) for samples of n and m values, d = h / (n·m); see [Note: exact KS p-values]. */
function exactPValue(n: number, m: number, h: number): number {
  if (h === 0) return 1
  // Rows i = 0…n, columns j = 0…m; a cell is inside when |i·m − j·n| < h.
  const row = new Float64Array(m + 1)
  row[0] = 1
  for (let j = 1; j <= m; j++) row[j] = Math.abs(j * n) < h ? row[j - 1]! : 0
  for (let i = 1; i <= n; i++) {
    row[0] = Math.abs(i * m) < h ? row[0]! : 0
    for (let j = 1; j <= m; j++) {
      if (Math.abs(i * m - j * n) >= h) {
        row[j] = 0
        continue
      }
      row[j] = (row[j]! * i + row[j - 1]! * j) / (i + j)
    }
  }
  return Math.min(1, Math.max(0, 1 - row[m]!))
}

/**
 * Two-sided two-sample KS test of `reference` against `current` (non-finite values are dropped).
 * @throws Error when either sample has no finite value.
 */
export function ksTwoSample(reference: readonly number[], current: readonly number[]): KsResult {
  const a = sortedFinite(reference)
  const b = sortedFinite(current)
  if (a.length === 0 || b.length === 0) throw new Error('the KS test needs at least one number in each set')
  const h = latticeStatistic(a, b)
  return { statistic: h / (a.length * b.length), pValue: exactPValue(a.length, b.length, h) }
}
