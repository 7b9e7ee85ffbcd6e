/**
 * The fallback when the browser has no WebGL (Chromium with a blocked GPU and
 * no software rasteriser): the same graph, colours, rings and neighbourhood
 * drawn on a 2-D canvas, with click to select, wheel to zoom and drag to pan.
 * Ours rather than a library's because it only has to mirror SigmaCanvas for
 * ~3k nodes, and a blank panel in the exam room is the one thing not allowed.
 */
import { useEffect, useRef } from 'react'
import { CANVAS_COLORS, Emphasis, isStrongLink, layoutBounds, nodeSize, type GraphViewState } from './graph-view'

/** Props of {@link Canvas2DGraph}. */
export interface Canvas2DGraphProps {
  state: GraphViewState
  onSelect: (node: number | null) => void
  focusSeq: number
  onReady: () => void
}

interface Camera {
  /** Screen pixels per layout unit. */
  scale: number
  /** Layout point at the canvas centre. */
  cx: number
  cy: number
}

/** 2-D canvas renderer with pan and zoom. */
export function Canvas2DGraph({ state, onSelect, focusSeq, onReady }: Canvas2DGraphProps): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const camera = useRef<Camera | null>(null)
  const stateRef = useRef(state)
  stateRef.current = state
  const frame = useRef(0)

  const draw = (): void => {
    const el = canvas.current
    if (!el) return
    const dpr = window.devicePixelRatio || 1
    const w = el.clientWidth
    const h = el.clientHeight
    if (el.width !== Math.round(w * dpr) || el.height !== Math.round(h * dpr)) {
      el.width = Math.round(w * dpr)
      el.height = Math.round(h * dpr)
    }
    const st = stateRef.current
    if (!camera.current) {
      const b = layoutBounds(st.layout)
      camera.current = {
        scale: 0.92 * Math.min(w / (b.maxX - b.minX || 1), h / (b.maxY - b.minY || 1)),
        cx: (b.minX + b.maxX) / 2,
        cy: (b.minY + b.maxY) / 2
      }
    }
    const cam = camera.current
    const ctx = el.getContext('2d')
    if (!ctx) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.fillStyle = CANVAS_COLORS.background
    ctx.fillRect(0, 0, w, h)
    const sx = (i: number): number => (st.layout[2 * i]! - cam.cx) * cam.scale + w / 2
    const sy = (i: number): number => (st.layout[2 * i + 1]! - cam.cy) * cam.scale + h / 2
    const strong: number[] = []
    ctx.lineWidth = 0.6
    ctx.strokeStyle = st.selected === null ? CANVAS_COLORS.edge : CANVAS_COLORS.edgeFaded
    ctx.beginPath()
    for (let k = 0; k < st.links.length; k += 2) {
      const a = st.links[k]!
      const b = st.links[k + 1]!
      if (isStrongLink(st, a, b)) {
        strong.push(a, b)
        continue
      }
      ctx.moveTo(sx(a), sy(a))
      ctx.lineTo(sx(b), sy(b))
    }
    ctx.stroke()
    ctx.lineWidth = 1.6
    ctx.strokeStyle = CANVAS_COLORS.edgeStrong
    ctx.beginPath()
    for (let k = 0; k < strong.length; k += 2) {
      ctx.moveTo(sx(strong[k]!), sy(strong[k]!))
      ctx.lineTo(sx(strong[k + 1]!), sy(strong[k + 1]!))
    }
    ctx.stroke()
    // Draw in emphasis order so the neighbourhood sits on top.
    for (const level of [Emphasis.Faded, Emphasis.Normal, Emphasis.Hop2, Emphasis.Hop1, Emphasis.Selected]) {
      for (let i = 0; i < st.nodes; i++) {
        if (st.emphasis[i] !== level) continue
        const ring = st.ring[i]
        const r = nodeSize(level, !!ring)
        ctx.beginPath()
        ctx.arc(sx(i), sy(i), r, 0, Math.PI * 2)
        ctx.fillStyle = level === Emphasis.Faded ? CANVAS_COLORS.faded : st.fill[i]!
        ctx.fill()
        if (ring) {
          ctx.lineWidth = level === Emphasis.Selected ? 2.5 : 1.3
          ctx.strokeStyle = ring
          ctx.stroke()
        }
        if (level >= Emphasis.Hop1) {
          ctx.fillStyle = CANVAS_COLORS.label
          ctx.font = '600 13px system-ui, sans-serif'
          ctx.fillText(String(i), sx(i) + r + 3, sy(i) + 4)
        }
      }
    }
  }

  const schedule = (): void => {
    cancelAnimationFrame(frame.current)
    frame.current = requestAnimationFrame(draw)
  }

  useEffect(() => {
    draw()
    onReady()
    const el = canvas.current!
    const observer = new ResizeObserver(schedule)
    observer.observe(el)
    let drag: { x: number; y: number; moved: boolean } | null = null
    const toLayout = (e: MouseEvent): [number, number] => {
      const rect = el.getBoundingClientRect()
      const cam = camera.current!
      return [(e.clientX - rect.left - rect.width / 2) / cam.scale + cam.cx, (e.clientY - rect.top - rect.height / 2) / cam.scale + cam.cy]
    }
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault()
      const cam = camera.current!
      const [lx, ly] = toLayout(e)
      const factor = Math.exp(-e.deltaY * 0.0015)
      cam.scale *= factor
      // Keep the point under the pointer fixed.
      cam.cx = lx - (lx - cam.cx) / factor
      cam.cy = ly - (ly - cam.cy) / factor
      schedule()
    }
    const onDown = (e: MouseEvent): void => {
      drag = { x: e.clientX, y: e.clientY, moved: false }
    }
    const onMove = (e: MouseEvent): void => {
      if (!drag) return
      const dx = e.clientX - drag.x
      const dy = e.clientY - drag.y
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true
      if (!drag.moved) return
      camera.current!.cx -= dx / camera.current!.scale
      camera.current!.cy -= dy / camera.current!.scale
      drag.x = e.clientX
      drag.y = e.clientY
      schedule()
    }
    const onUp = (e: MouseEvent): void => {
      const wasDrag = drag?.moved
      drag = null
      if (wasDrag) return
      const [lx, ly] = toLayout(e)
      const st = stateRef.current
      const cam = camera.current!
      let best: number | null = null
      let bestD = (10 / cam.scale) ** 2
      for (let i = 0; i < st.nodes; i++) {
        const d = (st.layout[2 * i]! - lx) ** 2 + (st.layout[2 * i + 1]! - ly) ** 2
        if (d < bestD) {
          bestD = d
          best = i
        }
      }
      onSelectRef.current(best)
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    el.addEventListener('mousedown', onDown)
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame.current)
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('mousedown', onDown)
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const onSelectRef = useRef(onSelect)
  onSelectRef.current = onSelect

  useEffect(schedule, [state])

  useEffect(() => {
    const node = stateRef.current.selected
    const cam = camera.current
    if (node === null || !cam || focusSeq === 0) return
    cam.cx = stateRef.current.layout[2 * node]!
    cam.cy = stateRef.current.layout[2 * node + 1]!
    cam.scale = Math.max(cam.scale, 4 * cam.scale)
    schedule()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq])

  return <canvas ref={canvas} className="dm-graph-canvas" data-testid="graph-canvas" data-renderer="canvas2d" />
}
