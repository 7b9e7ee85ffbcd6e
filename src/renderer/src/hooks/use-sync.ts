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
  /** The latest state including changes still on their way to the host (for rapid key presses). */
  current: () => SyncState | null
}

export function useSync(onRemoteChange?: (state: SyncState) => void): SyncHandle {
  const [sync, setSync] = useState<SyncState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const stateRef = useRef<SyncState | null>(null)
  /** Changes sent and not yet answered: until they are, this window's optimistic state wins over echoes. */
  const inFlight = useRef(0)
  /** Changes go to the host one after another, so it applies them in the order they were made. */
  const queue = useRef<Promise<void>>(Promise.resolve())
  const remote = useRef(onRemoteChange)
  remote.current = onRemoteChange
  useEffect(() => {
    let alive = true
    const accept = (state: SyncState, fromPush: boolean): void => {
      if (!alive || state.version < latest.current) return
      if (fromPush && state.origin === windowOrigin && inFlight.current > 0) return
      latest.current = state.version
      stateRef.current = state
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
    if (stateRef.current) {
      // Optimistic: the next key press builds on this change even before the host answers.
      const optimistic = { ...stateRef.current, ...patch } as SyncState
      stateRef.current = optimistic
      setSync(optimistic)
    }
    inFlight.current += 1
    const send = queue.current.then(() => api['sync:update']({ ...patch, origin: windowOrigin }))
    queue.current = send.then(
      () => undefined,
      () => undefined
    )
    try {
      const state = await send
      inFlight.current -= 1
      if (inFlight.current > 0) {
        latest.current = Math.max(latest.current, state.version)
      } else if (state.version >= latest.current) {
        latest.current = state.version
        stateRef.current = state
        setSync(state)
      }
      setError(null)
    } catch (e) {
      inFlight.current = Math.max(0, inFlight.current - 1)
      setError(errorMessage(e))
    }
  }, [])
  const current = useCallback(() => stateRef.current, [])
  return { sync, update, error, current }
}
