/**
 * Tells the host, once per window, that this window has painted its view, so
 * it starts the model warm-up and the run index only then (see
 * [Note: background work after the first paint] in host/background-start.ts).
 */
import { api } from './api'

let reported = false

/** Runs `then` after the browser has painted the current frame (at once in a hidden window, which paints nothing). */
export function afterNextPaint(then: () => void): void {
  if (typeof document === 'undefined' || document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') {
    setTimeout(then, 0)
    return
  }
  // rAF runs just before the frame is painted; a task queued from it runs after the paint.
  requestAnimationFrame(() => setTimeout(then, 0))
}

/** Says `deck:shown` after the next paint; later calls do nothing. Best effort: a failure only delays the warm-up to the host's fallback. */
export function reportShown(): void {
  if (reported) return
  reported = true
  afterNextPaint(() => void api['deck:shown']({}).catch(() => undefined))
}
