/**
 * Which slides of the audience deck have their content mounted: at first only
 * the slide on screen, then all of them, so slide 1 is painted before the
 * rest of the talk is parsed and laid out.
 *
 * [Note: slide 1 first]
 * Rendering every slide at once parsed all their markdown, mounted every
 * live component and made reveal.js' first layout measure the whole deck,
 * all before the first paint (≈ 40 % of the time between navigation and
 * slide 1). reveal.js only needs the `<section>`s to count and place slides,
 * so each one is there from the start and the content of the others follows
 * in a React transition started once reveal.js is ready: it renders in
 * slices, so the browser paints slide 1 in between. A key pressed before it
 * is done mounts everything at once first (`mountNow`), so reveal.js never
 * steps through a slide whose fragments are not there yet.
 */
import { startTransition, useCallback, useState } from 'react'
import { flushSync } from 'react-dom'

export interface SlideMounting {
  /** True once every slide's content is mounted. */
  all: boolean
  /** Whether a slide's content is mounted (`shown`: the slides on screen now, always mounted). */
  mounted: (index: number, shown: readonly number[]) => boolean
  /** Mounts the rest in the background (call when reveal.js is ready). */
  mountRest: () => void
  /** Mounts the rest synchronously, now (before a key reaches reveal.js). */
  mountNow: () => void
}

/** See [Note: slide 1 first]. */
export function useSlideMounting(): SlideMounting {
  const [all, setAll] = useState(false)
  const mountRest = useCallback(() => startTransition(() => setAll(true)), [])
  const mountNow = useCallback(() => flushSync(() => setAll(true)), [])
  const mounted = useCallback((index: number, shown: readonly number[]) => all || shown.includes(index), [all])
  return { all, mounted, mountRest, mountNow }
}
