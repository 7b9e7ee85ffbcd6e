/**
 * Full run histories, fetched once per run and kept for the page's life.
 *
 * [Note: fetch once, smooth once, downsample per view]
 * A chart asks for a run's WHOLE history (every row) a single time; series are
 * cut out of it per (metric key, x key) and cached here, smoothing is cached
 * per series in core/series/pipeline.ts, and only downsampling runs again when
 * the visible range changes. The cache key includes the run's step count, so
 * a run that grew (a re-sync, a live run) is fetched again.
 */
import type { HistoryRow, RunInfo } from '../../../../shared/types'
import { extractSeries, xColumn, type ExtractStats, type Series, type XKey } from '../../../../core/series'
import { api } from '../../lib/api'

/** A fetched history plus its per-(key, x) series cache. */
export interface RunHistory {
  runId: string
  rows: HistoryRow[]
  series(key: string, xKey: XKey): { series: Series; stats: ExtractStats }
}

const cache = new Map<string, Promise<RunHistory>>()

function makeHistory(runId: string, rows: HistoryRow[]): RunHistory {
  const extracted = new Map<string, { series: Series; stats: ExtractStats }>()
  // The x column is read once per x key, not once per metric.
  const xColumns = new Map<XKey, Float64Array>()
  return {
    runId,
    rows,
    series(key, xKey) {
      const cacheKey = `${xKey}\u0000${key}`
      let hit = extracted.get(cacheKey)
      if (!hit) {
        let xs = xColumns.get(xKey)
        if (!xs) {
          xs = xColumn(rows, xKey)
          xColumns.set(xKey, xs)
        }
        hit = extractSeries(rows, key, xKey, xs)
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
