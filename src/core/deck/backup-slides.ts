/**
 * Q&A backup slides (`<!-- backup -->`, see parse-deck.ts): where the talk
 * ends and how a slide is numbered. The talk's slides are numbered among
 * themselves ("Slide 3 / 6"), the backups among theirs ("Backup 1 / 2"), as
 * reveal.js numbers slides with `data-visibility="uncounted"`.
 */
import type { Slide } from '../../shared/types'

type Backup = Pick<Slide, 'backup'>

/** Index of the talk's last slide (the last one that is not a backup); -1 for a deck of backups only. */
export function lastTalkIndex(slides: readonly Backup[]): number {
  for (let i = slides.length - 1; i >= 0; i--) if (!slides[i]!.backup) return i
  return -1
}

/** How many slides the talk has (backups not counted). */
export function talkSlideCount(slides: readonly Backup[]): number {
  return slides.filter((s) => !s.backup).length
}

/** "Slide 3 / 6" for a talk slide, "Backup 1 / 2" for a backup slide. */
export function slideLabel(slides: readonly Backup[], index: number): string {
  const slide = slides[index]
  if (!slide) return `Slide ${index + 1} / ${slides.length}`
  const group = slides.filter((s) => Boolean(s.backup) === Boolean(slide.backup))
  const position = slides.slice(0, index + 1).filter((s) => Boolean(s.backup) === Boolean(slide.backup)).length
  return `${slide.backup ? 'Backup' : 'Slide'} ${position} / ${group.length}`
}
