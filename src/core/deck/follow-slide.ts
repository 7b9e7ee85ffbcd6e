/**
 * Which slide of a reloaded deck is "the same slide" the talk was on, so a hot
 * reload keeps the audience on it even when slides were inserted or removed
 * above it (the index alone would move the talk to another slide).
 */
import type { Slide } from '../../shared/types'

type SlideLike = Pick<Slide, 'title' | 'markdown'>

/**
 * The index in `next` of the slide matching `match` that corresponds to
 * `previous[index]`: the same occurrence (2nd "Demo" stays the 2nd "Demo")
 * when there are as many, else the one nearest to `index`; -1 when none.
 */
function find(previous: SlideLike[], index: number, next: SlideLike[], match: (s: SlideLike) => boolean): number {
  const rank = previous.slice(0, index).filter(match).length
  const found = next.flatMap((slide, i) => (match(slide) ? [i] : []))
  if (found.length === 0) return -1
  if (found.length === previous.filter(match).length) return found[rank]!
  return found.reduce((best, i) => (Math.abs(i - index) < Math.abs(best - index) ? i : best))
}

/**
 * The index in `next` of the slide shown at `index` in `previous`: the slide
 * with the same content (title and markdown), else the same title (the slide
 * was edited), the same occurrence when several fit; else the old index,
 * clamped to the new deck.
 */
export function followSlide(previous: SlideLike[], index: number, next: SlideLike[]): number {
  const last = Math.max(0, next.length - 1)
  const was = previous[index]
  if (!was) return Math.min(index, last)
  const same = find(previous, index, next, (s) => s.title === was.title && s.markdown === was.markdown)
  if (same >= 0) return same
  const titled = find(previous, index, next, (s) => s.title === was.title)
  if (titled >= 0) return titled
  return Math.min(index, last)
}
