/**
 * When the host starts its background work for a freshly opened deck: model
 * warm-up (workers, sessions, parity checks) and the directive problems that
 * need the models and runs listed (which starts the run index).
 *
 * [Note: background work after the first paint]
 * On a two-core laptop the warm-up (a Node process loading ONNX Runtime and
 * the model, then the parity check) and the run index ran while the browser
 * parsed the renderer and laid out slide 1, and slowed it down. A window that
 * has painted the deck says so (`deck:shown`); the work starts then, or after
 * `fallbackMs` when no window does (a slow or hidden one, a script using the
 * API). The model still has the whole first slide to load: a speaker is
 * nowhere near the demo slide a second after the title appears, and a demo
 * shown earlier loads its model on its first call anyway.
 */

/** How the host starts its background work. */
export interface BackgroundStartOptions {
  /** false: start at once (tests, the CLIs); true: on the first `shown()`, or after `fallbackMs`. */
  whenShown: boolean
  /** Start anyway after this long without a `shown()` (default 3000 ms). */
  fallbackMs?: number
}

/** The start switch of the host's background work. */
export interface BackgroundStart {
  /** A window has painted the deck: starts the work if it has not started. Returns whether this call started it. */
  shown(): boolean
  /** Whether the work has started. */
  readonly started: boolean
  /** Cancels the fallback timer (the host is shutting down). */
  dispose(): void
}

/** The default wait for a window's `deck:shown` before the background work starts anyway. */
export const SHOWN_FALLBACK_MS = 3000

/** Runs `start` once: now, or when a window has painted the deck (see [Note: background work after the first paint]). */
export function createBackgroundStart(start: () => void, options: BackgroundStartOptions): BackgroundStart {
  let started = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = (): boolean => {
    if (started) return false
    started = true
    if (timer) clearTimeout(timer)
    timer = null
    start()
    return true
  }
  if (!options.whenShown) run()
  else {
    timer = setTimeout(run, options.fallbackMs ?? SHOWN_FALLBACK_MS)
    // A deck that is only being checked or exported must not be kept alive by this timer.
    timer.unref?.()
  }
  return {
    shown: run,
    get started() {
      return started
    },
    dispose() {
      if (timer) clearTimeout(timer)
      timer = null
    }
  }
}
