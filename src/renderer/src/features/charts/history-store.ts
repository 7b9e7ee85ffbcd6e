/**
 * Full run histories, fetched once per run and kept for the page's life.
 *
 * [Note: fetch once, smooth once, downsample per view]
 * A chart asks for a run's WHOLE history a single time. It arrives as columns
 * (HistoryColumns: the importer's columns, never row objects), each key turned
 * into a typed array on first use; series are cut per (metric key, x key) and
 * cached here, smoothing is cached per series in core/series/pipeline.ts, and
 * only downsampling runs again when the visible range changes. The cache key
 * includes the run's step count, so a run that grew (a re-sync, a live run)
 * is fetched again; and every `runs:changed` (a run file saved, replaced or
 * re-synced, even with the same step count) empties the cache and bumps
 * `historyGeneration`, so the charts on screen fetch their runs again.
 */
import { useSyncExternalStore } from 'react'
import type { RunInfo } from '../../../../shared/types'
import { columnsFromWire, seriesFromColumns, type ExtractStats, type Series, type XKey } from '../../../../core/series'
import { api } from '../../lib/api'
import { HistoryCache } from './history-cache'

/** A fetched history with its per-(key, x) series cache. */
export interface RunHistory {
  runId: string
  /** Rows (steps) in the history. */
  length: number
  series(key: string, xKey: XKey): { series: Series; stats: ExtractStats }
}

function makeHistory(runId: string, wire: Parameters<typeof columnsFromWire>[0]): RunHistory {
  const column = columnsFromWire(wire)
  const extracted = new Map<string, { series: Series; stats: ExtractStats }>()
  return {
    runId,
    length: wire.steps.length,
    series(key, xKey) {
      const cacheKey = `${xKey}\u0000${key}`
      let hit = extracted.get(cacheKey)
      if (!hit) {
        hit = seriesFromColumns(column(xKey).values, column(key))
        extracted.set(cacheKey, hit)
      }
      return hit
    }
  }
}

const histories = new HistoryCache((runId) => api['runs:history']({ id: runId }).then((res) => makeHistory(runId, res)))
const listeners = new Set<() => void>()
let listening = false

function subscribe(listener: () => void): () => void {
  if (!listening) {
    listening = true
    api.on('runs:changed', () => {
      histories.invalidate()
      for (const l of listeners) l()
    })
  }
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The cache's revision, live: it changes on every `runs:changed`. */
export function useHistoryRevision(): number {
  return useSyncExternalStore(
    subscribe,
    () => histories.revision,
    () => histories.revision
  )
}

/** The run's full history (cached; a failed fetch is forgotten so "Retry" can try again). */
export function loadHistory(run: Pick<RunInfo, 'id' | 'steps'>): Promise<RunHistory> {
  return histories.load(run)
}
