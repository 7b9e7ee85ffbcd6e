/**
 * reveal.js centres a slide vertically when it lays the deck out, but does not
 * notice a live component growing afterwards (lazy load, model list arriving,
 * first results). Asking it to lay out again is one window `resize` event, the
 * event it already listens to. Only real height changes fire it, at most once
 * per frame, so it cannot loop.
 */
import { useEffect, type RefObject } from 'react'

/** Re-centres the enclosing reveal.js slide when the element's height changes. */
export function useSlideRelayout(ref: RefObject<HTMLElement | null>, enabled: boolean): void {
  useEffect(() => {
    const el = ref.current
    if (!enabled || !el || typeof ResizeObserver === 'undefined' || !el.closest('.reveal')) return
    let lastHeight = el.offsetHeight
    let frame = 0
    const observer = new ResizeObserver(() => {
      const height = el.offsetHeight
      if (Math.abs(height - lastHeight) < 2 || frame) return
      lastHeight = height
      frame = requestAnimationFrame(() => {
        frame = 0
        window.dispatchEvent(new Event('resize'))
      })
    })
    observer.observe(el)
    // The first paint of the component is itself a change reveal has not seen.
    frame = requestAnimationFrame(() => {
      frame = 0
      window.dispatchEvent(new Event('resize'))
    })
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [ref, enabled])
}
