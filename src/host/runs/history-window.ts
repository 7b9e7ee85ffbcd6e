/**
 * What `runs:history` returns: chosen keys only (plus `_step`, `_runtime`,
 * `_timestamp`), then evenly sampled rows that keep the first and the last.
 * Smoothing and chart downsampling happen elsewhere (src/core/series): this is
 * only the transport cut.
 */
import type { HistoryRow } from '../../shared/types'

const ALWAYS = ['_step', '_runtime', '_timestamp'] as const

/** Rows limited to `keys` (rows holding none of them are dropped), then sampled to at most `samples`. */
export function historyWindow(rows: HistoryRow[], keys?: string[], samples?: number): HistoryRow[] {
  let out = rows
  if (keys && keys.length > 0) {
    const wanted = keys.filter((k) => !(ALWAYS as readonly string[]).includes(k))
    out = []
    for (const row of rows) {
      let hit = wanted.length === 0
      const picked: HistoryRow = {}
      for (const k of ALWAYS) if (k in row) picked[k] = row[k]!
      for (const k of wanted) {
        if (k in row) {
          picked[k] = row[k]!
          hit = true
        }
      }
      if (hit) out.push(picked)
    }
  }
  return samples !== undefined ? sampleEvenly(out, samples) : out
}

/** At most `n` items at evenly spaced indices, always the first and the last (n >= 2). */
export function sampleEvenly<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items
  if (n <= 1) return items.slice(0, Math.max(0, n))
  const out: T[] = []
  const last = items.length - 1
  let prev = -1
  for (let i = 0; i < n; i++) {
    const idx = Math.round((i * last) / (n - 1))
    if (idx !== prev) out.push(items[idx]!)
    prev = idx
  }
  return out
}
