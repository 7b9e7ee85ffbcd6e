/**
 * Deck problems for `<!-- .element: … -->` attributes that a slide asked for
 * but will not get (see element-attributes.ts for the allow-list), so the
 * speaker learns why a style or handler has no effect instead of seeing a
 * blank slide.
 */
import type { Problem, Slide } from '../../shared/types'
import { droppedElementAttributes } from './element-attributes'

/** One warning per slide (or its notes) whose `.element:` comments ask for attributes that are dropped. */
export function elementAttributeProblems(slides: readonly Slide[]): Problem[] {
  const problems: Problem[] = []
  for (const slide of slides) {
    const dropped = [...new Set([...droppedElementAttributes(slide.markdown), ...droppedElementAttributes(slide.notes)])]
    if (dropped.length === 0) continue
    const listed =
      dropped
        .slice(0, 6)
        .map((name) => `"${name}"`)
        .join(', ') + (dropped.length > 6 ? ` and ${dropped.length - 6} more` : '')
    problems.push({
      code: 'deck/element-attribute-dropped',
      message: `Slide ${slide.index + 1}: <!-- .element: --> ignored ${listed}. It may set class, id, data-* and style (colours, fonts, spacing, sizes, borders; no url()).`,
      file: slide.file,
      slide: slide.index
    })
  }
  return problems
}
