/**
 * When the presenter's layout probe may measure: after every slide it renders
 * has finished loading (lazy directive code, the project files `::checklist`,
 * `::code` and `::tree` read through the host, images), and has kept still for
 * a couple of frames. Bounded: slides still loading at the deadline are named,
 * so the panel says which slide it could not measure instead of passing it.
 * No DOM here (the probe passes what it sees), so the waiting is unit-tested.
 */

/** Loading states of the components a measurable slide can hold (the same ones `npm run check` waits for). */
export const LOADING_SELECTOR = '.dd-directive-loading, .dd-project-loading'

/** How long the probe waits for slides to load before measuring what it has. */
export const SETTLE_TIMEOUT_MS = 10_000

/** Frames with nothing loading before measuring: content that arrived lays itself out after its first paint. */
export const STILL_FRAMES = 2

export interface SettleOptions {
  /** The slides (0-based) that are still loading right now. */
  pending: () => number[]
  /** Resolves at the next frame (or a short while later where frames are throttled). */
  nextFrame: () => Promise<void>
  /** Milliseconds, monotonic. */
  now: () => number
  timeoutMs?: number
  stillFrames?: number
  /** True once the caller no longer wants the answer (the panel closed): stops waiting. */
  cancelled?: () => boolean
}

/** The outcome: `loading` lists the slides that never finished loading (empty when all settled in time). */
export interface Settled {
  loading: number[]
  cancelled: boolean
}

/**
 * Waits until no slide is loading for `stillFrames` frames in a row, or the
 * deadline passes (then `loading` names the slides still loading, sorted).
 */
export async function waitForSlidesToSettle(options: SettleOptions): Promise<Settled> {
  const { pending, nextFrame, now, timeoutMs = SETTLE_TIMEOUT_MS, stillFrames = STILL_FRAMES, cancelled = () => false } = options
  const deadline = now() + timeoutMs
  let still = 0
  for (;;) {
    if (cancelled()) return { loading: [], cancelled: true }
    const loading = pending()
    still = loading.length === 0 ? still + 1 : 0
    if (still > stillFrames) return { loading: [], cancelled: false }
    if (loading.length > 0 && now() >= deadline) return { loading: [...new Set(loading)].sort((a, b) => a - b), cancelled: false }
    await nextFrame()
  }
}
