/**
 * A slide drawn at the deck's 1280×720 size and scaled to fit its box, for the
 * presenter's current/next previews. Live components render their light
 * presenter placeholder here, so a demo never runs three times.
 */
import { useEffect, useRef, useState } from 'react'
import type { Deck, Slide } from '../../../../shared/types'
import { SlideContent } from '../deck/SlideContent'

export function SlidePreview({ deck, slide, label, testId }: { deck: Deck; slide: Slide | undefined; label: string; testId: string }): React.JSX.Element {
  const boxRef = useRef<HTMLDivElement | null>(null)
  const [scale, setScale] = useState(0.4)
  useEffect(() => {
    const box = boxRef.current
    if (!box) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setScale(Math.max(0.05, entry.contentRect.width / 1280))
    })
    observer.observe(box)
    return () => observer.disconnect()
  }, [])
  return (
    <figure className="dd-preview" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div className="dd-preview-box" ref={boxRef} style={{ height: 720 * scale }}>
        {slide ? (
          <div className="reveal dd-preview-reveal" style={{ transform: `scale(${scale})` }}>
            <div className="dd-preview-slide">
              <SlideContent deck={deck} slide={slide} active={false} surface="presenter" />
            </div>
          </div>
        ) : (
          <div className="dd-preview-end">End of talk — Q&amp;A next</div>
        )}
      </div>
    </figure>
  )
}
