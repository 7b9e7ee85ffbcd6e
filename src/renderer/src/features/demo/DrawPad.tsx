/**
 * A drawing pad for digit-style image models: thick round strokes with mouse,
 * touch or pen (pointer events), background and ink from the model (MNIST-like
 * models want white ink on black), a clear button. It hands the finished
 * drawing over as a PNG data URL at the end of every stroke.
 */
import { useCallback, useEffect, useRef } from 'react'

/** Props of {@link DrawPad}. */
export interface DrawPadProps {
  background: 'black' | 'white'
  /** Called with a PNG data URL when a stroke ends. */
  onStroke: (dataUrl: string) => void
  /** Called after the pad is cleared. */
  onClear?: () => void
  /** Canvas resolution in pixels (square). */
  size?: number
}

/** Square drawing canvas plus a Clear button. */
export function DrawPad({ background, onStroke, onClear, size = 280 }: DrawPadProps): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null)
  const bg = background === 'white' ? '#ffffff' : '#000000'
  const ink = background === 'white' ? '#000000' : '#ffffff'

  const clear = useCallback(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx) return
    ctx.fillStyle = bg
    ctx.fillRect(0, 0, size, size)
  }, [bg, size])

  useEffect(() => clear(), [clear])

  // Touch scrolling and reveal.js swipes must not steal strokes: block them natively on the canvas.
  useEffect(() => {
    const el = canvas.current
    if (!el) return
    const stop = (e: TouchEvent): void => {
      e.preventDefault()
      e.stopPropagation()
    }
    el.addEventListener('touchstart', stop, { passive: false })
    el.addEventListener('touchmove', stop, { passive: false })
    return () => {
      el.removeEventListener('touchstart', stop)
      el.removeEventListener('touchmove', stop)
    }
  }, [])

  /** Pointer position in canvas pixels; correct under reveal.js's CSS scaling too. */
  const point = (e: { clientX: number; clientY: number }): { x: number; y: number } => {
    const rect = canvas.current!.getBoundingClientRect()
    return { x: ((e.clientX - rect.left) / rect.width) * size, y: ((e.clientY - rect.top) / rect.height) * size }
  }

  const line = (from: { x: number; y: number }, to: { x: number; y: number }): void => {
    const ctx = canvas.current!.getContext('2d')!
    ctx.strokeStyle = ink
    ctx.lineWidth = size / 11
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    ctx.beginPath()
    ctx.moveTo(from.x, from.y)
    ctx.lineTo(to.x, to.y)
    ctx.stroke()
  }

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0 && e.pointerType === 'mouse') return
    e.preventDefault()
    e.currentTarget.setPointerCapture(e.pointerId)
    const p = point(e)
    drawing.current = { id: e.pointerId, ...p }
    line(p, p) // a tap leaves a dot
  }
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    const last = drawing.current
    if (!last || last.id !== e.pointerId) return
    const events = e.nativeEvent.getCoalescedEvents?.() ?? []
    let from = { x: last.x, y: last.y }
    for (const ev of events.length ? events : [e.nativeEvent]) {
      const to = point(ev)
      line(from, to)
      from = to
    }
    drawing.current = { id: e.pointerId, ...from }
  }
  const onPointerEnd = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    if (!drawing.current || drawing.current.id !== e.pointerId) return
    drawing.current = null
    onStroke(canvas.current!.toDataURL('image/png'))
  }

  return (
    <div className="dm-pad">
      <canvas
        ref={canvas}
        className="dm-pad-canvas"
        width={size}
        height={size}
        data-testid="draw-pad"
        aria-label={`Drawing pad: draw with the mouse, a finger or a pen (${background === 'black' ? 'white ink on black' : 'black ink on white'})`}
        role="img"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      <button
        type="button"
        className="dm-button"
        onClick={() => {
          clear()
          onClear?.()
        }}
      >
        Clear
      </button>
    </div>
  )
}
