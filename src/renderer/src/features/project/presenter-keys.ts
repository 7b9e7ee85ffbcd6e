/**
 * The presenter's project keys, apart from its talk keys (PresenterView):
 * 1–9 and 0 open the deck's links; Shift with the same digit shows that link
 * on the audience screen (again to hide it); in the Q&A view, the letters on
 * the slide tiles jump back to a slide. Letters used by the talk keys
 * (B, N, P, Q, T) are never slide keys.
 */

/** Slide-tile keys in order: the home row first, then the row below. */
export const SLIDE_KEYS = ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'z', 'x', 'c', 'v', 'm'] as const

/** The link index for a key event (1 → 0 … 9 → 8, 0 → 9), reading the physical key so Shift+digit works on every layout. */
export function linkIndexFromKey(event: Pick<KeyboardEvent, 'key' | 'code'>): number | null {
  const match = /^(?:Digit|Numpad)(\d)$/.exec(event.code) ?? /^(\d)$/.exec(event.key)
  if (!match) return null
  const digit = Number(match[1])
  return digit === 0 ? 9 : digit - 1
}

/** The slide index for a slide-tile key, or null. */
export function slideIndexFromKey(key: string): number | null {
  const index = (SLIDE_KEYS as readonly string[]).indexOf(key.toLowerCase())
  return index >= 0 ? index : null
}
