/** Loads the full histories of a set of runs (see [Note: fetch once, smooth once, downsample per view]). */
import { useEffect, useState } from 'react'
import type { RunInfo } from '../../../../shared/types'
import { errorMessage } from '../../lib/api'
import { loadHistory, useHistoryRevision, type RunHistory } from './history-store'

/** Histories by run id, plus per-run load errors. `loading` is true until every run answered. */
export interface HistoriesState {
  histories: ReadonlyMap<string, RunHistory>
  errors: ReadonlyMap<string, string>
  loading: boolean
}

/** Fetches (or reuses) the histories of `runs` while `enabled`; keeps results when it turns false. */
export function useHistories(runs: readonly RunInfo[], enabled = true, retryToken = 0): HistoriesState {
  const [state, setState] = useState<HistoriesState>({ histories: new Map(), errors: new Map(), loading: runs.length > 0 })
  const signature = runs.map((r) => `${r.id}@${r.steps}`).join('|')
  // Changes when the runs on disk change (see [Note: fetch once, smooth once, downsample per view]).
  const revision = useHistoryRevision()
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    setState((s) => ({ ...s, loading: runs.length > 0 }))
    void Promise.allSettled(runs.map((run) => loadHistory(run))).then((results) => {
      if (cancelled) return
      const histories = new Map<string, RunHistory>()
      const errors = new Map<string, string>()
      results.forEach((result, i) => {
        const run = runs[i]!
        if (result.status === 'fulfilled') histories.set(run.id, result.value)
        else errors.set(run.id, errorMessage(result.reason))
      })
      setState({ histories, errors, loading: false })
    })
    return () => {
      cancelled = true
    }
    // `signature` stands for `runs`: a new array with the same runs must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, enabled, retryToken, revision])
  return state
}
