/**
 * One shared, live list of the deck's runs for every chart on the page:
 * fetched once, replaced on `runs:changed` (a hot reload or a W&B sync),
 * read with useSyncExternalStore so all readers agree.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { RunInfo } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'

/** Snapshot of the run list: `runs` is null until the first answer. */
export interface RunsState {
  runs: RunInfo[] | null
  error: string | null
}

let state: RunsState = { runs: null, error: null }
let started = false
const listeners = new Set<() => void>()

function publish(next: RunsState): void {
  state = next
  for (const listener of listeners) listener()
}

/** Fetches the run list again (after a sync, or on "Retry"). */
export async function reloadRuns(): Promise<void> {
  try {
    publish({ runs: await api['runs:list']({}), error: null })
  } catch (error) {
    publish({ runs: state.runs, error: errorMessage(error) })
  }
}

function start(): void {
  if (started) return
  started = true
  api.on('runs:changed', (runs) => publish({ runs, error: null }))
  void reloadRuns()
}

function subscribe(listener: () => void): () => void {
  start()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const getSnapshot = (): RunsState => state

/** The deck's runs (live), the last load error, and a retry function. */
export function useRuns(): RunsState & { retry: () => void } {
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  const retry = useCallback(() => void reloadRuns(), [])
  return { ...snapshot, retry }
}
