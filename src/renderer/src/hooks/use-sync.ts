/**
 * Presenter/audience sync through the host. Each window has an origin id so
 * it can tell its own echoes from changes made elsewhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SyncState } from '../../../shared/types'
import { api, errorMessage } from '../lib/api'

export const windowOrigin = `${Math.random().toString(36).slice(2, 10)}`

export interface SyncHandle {
  sync: SyncState | null
  /** Sends a change; resolves with the host's new state. */
  update: (patch: Omit<Parameters<(typeof api)['sync:update']>[0], 'origin'>) => Promise<void>
  error: string | null
}

export function useSync(onRemoteChange?: (state: SyncState) => void): SyncHandle {
  const [sync, setSync] = useState<SyncState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const remote = useRef(onRemoteChange)
  remote.current = onRemoteChange
  useEffect(() => {
    let alive = true
    const accept = (state: SyncState, fromPush: boolean): void => {
      if (!alive || state.version < latest.current) return
      latest.current = state.version
      setSync(state)
      if (fromPush && state.origin !== windowOrigin) remote.current?.(state)
    }
    const off = api.on('sync:changed', (state) => accept(state, true))
    api['sync:get']({})
      .then((state) => {
        accept(state, false)
        remote.current?.(state)
      })
      .catch((e: unknown) => setError(errorMessage(e)))
    return () => {
      alive = false
      off()
    }
  }, [])
  const update = useCallback<SyncHandle['update']>(async (patch) => {
    try {
      const state = await api['sync:update']({ ...patch, origin: windowOrigin })
      if (state.version >= latest.current) {
        latest.current = state.version
        setSync(state)
      }
      setError(null)
    } catch (e) {
      setError(errorMessage(e))
    }
  }, [])
  return { sync, update, error }
}
