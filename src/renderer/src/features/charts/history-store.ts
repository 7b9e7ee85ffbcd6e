/**
 * Full run histories, fetched once per run and kept for the page's life.
 *
 * [Note: fetch once, smooth once, downsample per view]
 * A chart asks for a run's WHOLE history (every row) a single time; series are
 * cut out of it per (metric key, x key) and cached here (from typed columns
 * read in one pass over the rows), smoothing is cached
 * per series in core/series/pipeline.ts, and only downsampling runs again when
 * the visible range changes. The cache key includes the run's step count, so
 * a run that grew (a re-sync, a live run) is fetched again.
 */
import type { HistoryRow, RunInfo } from '../../../../shared/types'
import { extractColumns, seriesFromColumns, type Column, type ExtractStats, type Series, type XKey } from '../../../../core/series'
import { api } from '../../lib/api'

/** A fetched history plus its per-key column and per-(key, x) series caches. */
export interface RunHistory {
  runId: string
  rows: HistoryRow[]
  /**
   * Reads the columns of `keys` (metric keys and x keys) that are not cached
   * yet, in ONE walk over the rows (see [Note: columns, one pass] in
   * core/series/values.ts). `series` calls it for a single key; a chart calls
   * it first with every key it will draw.
   */
  prepare(keys: readonly string[]): void
  series(key: string, xKey: XKey): { series: Series; stats: ExtractStats }
}

const cache = new Map<string, Promise<RunHistory>>()

function makeHistory(runId: string, rows: HistoryRow[]): RunHistory {
  const columns = new Map<string, Column>()
  const extracted = new Map<string, { series: Series; stats: ExtractStats }>()
  const prepare = (keys: readonly string[]): void => {
    const missing = [...new Set(keys)].filter((k) => !columns.has(k))
    if (missing.length === 0) return
    for (const [key, column] of extractColumns(rows, missing)) columns.set(key, column)
  }
  return {
    runId,
    rows,
    prepare,
    series(key, xKey) {
      const cacheKey = `${xKey}\u0000${key}`
      let hit = extracted.get(cacheKey)
      if (!hit) {
        prepare([xKey, key])
        hit = seriesFromColumns(columns.get(xKey)!.values, columns.get(key)!)
        extracted.set(cacheKey, hit)
      }
      return hit
    }
  }
}

/** The run's full history (cached; a failed fetch is forgotten so "Retry" can try again). */
export function loadHistory(run: Pick<RunInfo, 'id' | 'steps'>): Promise<RunHistory> {
  const key = `${run.id}@${run.steps}`
  let pending = cache.get(key)
  if (!pending) {
    // No `samples`: every row, or smoothing would depend on the host's sampling.
    pending = api['runs:history']({ id: run.id }).then((res) => makeHistory(run.id, res.rows))
    pending.catch(() => cache.delete(key))
    cache.set(key, pending)
  }
  return pending
}
