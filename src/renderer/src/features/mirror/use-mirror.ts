/**
 * Both ends of the live-component mirror in the renderer (see [Note: mirrored, not re-run] in
 * shared/mirror.ts). The audience's components call {@link usePublishMirror}; the presenter's previews read
 * {@link useMirrored}, from one store per window: fetched once (`mirror:get`, for a presenter opened after
 * the demo ran), then kept current by `mirror:changed`.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { MirroredState, MirrorState } from '../../../../shared/mirror'
import { mirrorKey } from '../../../../shared/mirror-limits'
import { api } from '../../lib/api'
import { nextMirrorSeq } from './mirror-input'

let states = new Map<string, MirroredState>()
let started = false
const listeners = new Set<() => void>()

function accept(state: MirroredState): void {
  const key = mirrorKey(state)
  const previous = states.get(key)
  if (previous && previous.seq > state.seq) return
  states = new Map(states).set(key, state)
  for (const listener of listeners) listener()
}

function start(): void {
  if (started) return
  started = true
  api.on('mirror:changed', accept)
  // A failed first fetch only means the preview waits for the next change.
  api['mirror:get']({}).then(
    (list) => list.forEach(accept),
    () => undefined
  )
}

function subscribe(listener: () => void): () => void {
  start()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const getSnapshot = (): Map<string, MirroredState> => states

/** The newest state the audience published for `component` on slide `slide`, or null before the first. */
export function useMirrored(slide: number, component: string): MirroredState | null {
  const all = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  return all.get(mirrorKey({ slide, component })) ?? null
}

/** What a component publishes, without the sequence number (the hook adds it). */
export type MirrorDraft = Omit<MirrorState, 'seq'>

/**
 * Publishes `draft` whenever its content changes (null publishes nothing). Latest wins: while one publish is
 * on its way, newer drafts replace each other and only the newest goes next, so typing never queues a
 * message per key.
 */
export function usePublishMirror(draft: MirrorDraft | null): void {
  const seq = useRef(0)
  const inFlight = useRef(false)
  const pending = useRef<MirrorState | null>(null)
  const signature = draft ? JSON.stringify(draft) : null
  useEffect(() => {
    if (!draft) return
    seq.current = nextMirrorSeq(seq.current)
    pending.current = { ...draft, seq: seq.current }
    const pump = (): void => {
      const next = pending.current
      if (inFlight.current || !next) return
      pending.current = null
      inFlight.current = true
      // A failed publish leaves the presenter's preview one state behind; the demo itself never notices.
      void api['mirror:publish'](next)
        .catch(() => undefined)
        .finally(() => {
          inFlight.current = false
          pump()
        })
    }
    pump()
    // `signature` stands for `draft`: the same content in a new object publishes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature])
}
