/**
 * The zod-free values of the live-component mirror (see shared/mirror.ts), so the renderer can use them
 * without loading zod (see [Note: zod stays on the host] in routes.ts).
 */
import type { MirrorState } from './mirror'

/** Size limits of one mirrored state; the publisher cuts to them, the host rejects anything over them. */
export const MIRROR_LIMITS = {
  /** Characters of a mirrored text input (the presenter shows a few lines of it). */
  text: 2_000,
  /** Characters of an image thumbnail's data URL (a 96 px JPEG is about 4–8 KB). */
  thumbnail: 64_000,
  /** Name/value pairs of a mirrored tabular input. */
  features: 64,
  /** Label rows (the presenter shows the top ones). */
  labels: 20,
  /** Characters of a one-line summary or an error. */
  line: 500,
  /** Component states the host keeps (the newest per slide and component). */
  entries: 64
} as const

/** The key of a component's state: one per slide and component. */
export function mirrorKey(state: Pick<MirrorState, 'slide' | 'component'>): string {
  return `${state.slide}\u0000${state.component}`
}
