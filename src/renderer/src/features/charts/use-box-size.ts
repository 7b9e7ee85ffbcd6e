/**
 * The size of a chart's box, read before the first paint and kept current
 * with a ResizeObserver. An explicit size (instead of recharts'
 * ResponsiveContainer, which first draws at a guessed size and then again at
 * the real one) means the 100k-point first paint draws the lines once.
 */
import { useLayoutEffect, useState } from 'react'

/** Width and height (CSS pixels, untransformed) of the element in `ref`. */
export function useBoxSize(ref: React.RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    // clientWidth/Height ignore CSS transforms, which is what an SVG inside a scaled reveal.js slide needs.
    const read = (): void => {
      const width = Math.max(0, el.clientWidth - 2)
      const height = Math.max(0, el.clientHeight)
      setSize((prev) => (prev.width === width && prev.height === height ? prev : { width, height }))
    }
    read()
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}
