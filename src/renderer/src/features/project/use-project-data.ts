/**
 * Fetches what a `::checklist`, `::code` or `::tree` shows from the host, and
 * fetches again when the host says a project file changed or the deck was
 * reloaded. The last good data stays on screen while a new request runs; an
 * error replaces it with the host's reason.
 */
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../../lib/api'

export type ProjectData<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string }

/** `key` identifies the request (e.g. its attributes); `load` makes it. */
export function useProjectData<T>(key: string, load: () => Promise<T>): ProjectData<T> {
  const [state, setState] = useState<ProjectData<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    const bump = (): void => setGeneration((n) => n + 1)
    const offProject = api.on('project:changed', bump)
    const offDeck = api.on('deck:changed', bump)
    return () => {
      offProject()
      offDeck()
    }
  }, [])
  useEffect(() => {
    let alive = true
    load().then(
      (data) => alive && setState({ status: 'ready', data }),
      (error: unknown) => alive && setState({ status: 'error', message: errorMessage(error) })
    )
    return () => {
      alive = false
    }
    // `load` is a new function every render; `key` says when the request really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation])
  return state
}
