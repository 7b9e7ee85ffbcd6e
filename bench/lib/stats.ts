/** The few statistics the benches report: nearest-rank percentiles, the median, a range, rounding. */

/** Nearest-rank percentile `p` (0–100) of `values` (not sorted in place). */
export function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Rounds to hundredths. */
export const round = (n: number): number => Math.round(n * 100) / 100

/** "min–max", whole numbers. */
export const range = (values: readonly number[]): string => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`

/** Count, p50 and p95, rounded to hundredths. */
export const summary = (values: readonly number[]): { n: number; p50: number; p95: number } => ({
  n: values.length,
  p50: round(pct(values, 50)),
  p95: round(pct(values, 95))
})
