/**
 * Loads the highlighter chunk once, the first time a slide shows code, and
 * lets code blocks re-render when it is ready. Until then (a few frames at
 * start) and if it ever fails, blocks show the same lines uncoloured: the
 * layout, line numbers and highlight steps never wait for it.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { Tokenizer } from './shiki-bundle'

type State = { status: 'idle' | 'loading' | 'failed'; tokenizer: null } | { status: 'ready'; tokenizer: Tokenizer }

let state: State = { status: 'idle', tokenizer: null }
const listeners = new Set<() => void>()

function set(next: State): void {
  state = next
  for (const listener of listeners) listener()
}

/** Starts loading the highlighter (no-op once started). */
export function loadHighlighter(): void {
  if (state.status !== 'idle') return
  set({ status: 'loading', tokenizer: null })
  import('./shiki-bundle')
    .then((module) => set({ status: 'ready', tokenizer: module.createTokenizer() }))
    .catch((error: unknown) => {
      console.error('code highlighting is off:', error)
      set({ status: 'failed', tokenizer: null })
    })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The tokenizer once loaded (starting the load on first use), else null. */
export function useTokenizer(): Tokenizer | null {
  const current = useSyncExternalStore(subscribe, () => state)
  useEffect(loadHighlighter, [])
  return current.tokenizer
}
