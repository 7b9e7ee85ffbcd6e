/**
 * One shared, live list of the deck's models for every demo and card on the
 * page: fetched once, replaced on `models:changed` (the host pushes it after a
 * hot reload), read with useSyncExternalStore so all readers agree.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { ModelInfo } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'

/** Snapshot of the model list: `models` is null until the first answer. */
export interface ModelsState {
  models: ModelInfo[] | null
  error: string | null
}

let state: ModelsState = { models: null, error: null }
let started = false
const listeners = new Set<() => void>()

function publish(next: ModelsState): void {
  state = next
  for (const listener of listeners) listener()
}

async function fetchModels(): Promise<void> {
  try {
    publish({ models: await api['models:list']({}), error: null })
  } catch (error) {
    publish({ models: state.models, error: errorMessage(error) })
  }
}

function start(): void {
  if (started) return
  started = true
  api.on('models:changed', (models) => publish({ models, error: null }))
  void fetchModels()
}

function subscribe(listener: () => void): () => void {
  start()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const getSnapshot = (): ModelsState => state

/** The deck's models (live), the last load error, and a retry function. */
export function useModels(): ModelsState & { retry: () => void } {
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  const retry = useCallback(() => void fetchModels(), [])
  return { ...snapshot, retry }
}
