/**
 * The app's one percentile: linear interpolation between closest ranks (NumPy's default). The A/B set
 * report (core/compare/ab.ts) and the live demo's latency line (renderer demo-format.ts) both use it, so
 * a p50 means the same thing wherever it is printed. Its own module, free of imports, so the renderer
 * takes it without the set parsers.
 */

/** Percentile `q` (0..1) of `values`; NaN for an empty list. Sorts a copy. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y)
  if (sorted.length === 0) return NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}
