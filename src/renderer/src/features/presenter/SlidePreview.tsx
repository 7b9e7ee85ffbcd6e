/**
 * A slide drawn at the deck's 1280×720 size and scaled to fit its box, for the
 * presenter's current/next previews. Live components render their light
 * presenter placeholder here, so a demo never runs three times.
 *
 * It fits its box both ways (see [Note: presenter fits a laptop] in
 * presenter.css): as wide as the column allows, never taller than its row.
 *
 * The preview also tells the presenter when a slide's content is taller than
 * the slide (reveal.js cuts it off, silently, on the audience screen), so a
 * too-long slide is caught while rehearsing, not in the exam.
 */
import { useEffect, useRef, useState } from 'react'
import type { Deck, Slide } from '../../../../shared/types'
import { SlideContent } from '../deck/SlideContent'

/** Overflow below this many pixels (of the 720 px slide) is rounding, not a problem. */
const OVERFLOW_SLACK_PX = 4

export function SlidePreview({
  deck,
  slide,
  label,
  testId
}: {
  deck: Deck
  slide: Slide | undefined
  label: string
  testId: string
}): React.JSX.Element {
  const stageRef = useRef<HTMLDivElement | null>(null)
  const slideRef = useRef<HTMLDivElement | null>(null)
  const [scale, setScale] = useState(0.4)
  const [overflowPx, setOverflowPx] = useState(0)
  useEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return
      // 2 px: the box's border sits outside the scaled slide.
      const { width, height } = entry.contentRect
      const byWidth = (width - 2) / 1280
      const byHeight = height > 0 ? (height - 2) / 720 : byWidth
      setScale(Math.max(0.05, Math.min(byWidth, byHeight)))
    })
    observer.observe(stage)
    return () => observer.disconnect()
  }, [])
  useEffect(() => {
    const frame = slideRef.current
    const content = frame?.firstElementChild
    if (!frame || !(content instanceof HTMLElement)) {
      setOverflowPx(0)
      return
    }
    const measure = (): void => {
      const style = getComputedStyle(frame)
      const room = frame.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      const over = Math.ceil(content.offsetHeight - room)
      setOverflowPx(over > OVERFLOW_SLACK_PX ? over : 0)
    }
    measure()
    // Images and lazy components change the height after the first render.
    const observer = new ResizeObserver(measure)
    observer.observe(content)
    return () => observer.disconnect()
  }, [slide])
  return (
    <figure className="dd-preview" data-testid={testId}>
      <figcaption>
        {label}
        {overflowPx > 0 && (
          <span className="dd-preview-overflow" role="status" data-testid="overflow-warning">
            {' '}
            ⚠ {overflowPx} px taller than the slide: the audience will not see all of it
          </span>
        )}
      </figcaption>
      <div className="dd-preview-stage" ref={stageRef}>
        <div className="dd-preview-box" style={{ width: 1280 * scale, height: 720 * scale }}>
          {slide ? (
            <div className="reveal dd-preview-reveal" style={{ transform: `scale(${scale})` }}>
              <div className="dd-preview-slide" ref={slideRef}>
                <SlideContent deck={deck} slide={slide} active={false} surface="presenter" />
              </div>
            </div>
          ) : (
            <div className="dd-preview-end">End of talk — Q&amp;A next</div>
          )}
        </div>
      </div>
    </figure>
  )
}
