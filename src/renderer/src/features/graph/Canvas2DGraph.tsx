/**
 * The graph on a 2-D canvas: the first frame of every graph demo (drawn as
 * soon as the layout and predictions are there, while sigma.js compiles its
 * WebGL shaders), and the whole demo where the browser has no WebGL. The same
 * graph, colours, rings, neighbourhood and framing as SigmaCanvas, with click
 * to select, wheel or double-click to zoom and drag to pan on the camera
 * both share.
 * Ours rather than a library's because it only has to mirror SigmaCanvas for
 * ~3k nodes, and a blank panel in the exam room is the one thing not allowed.
 */
import { useEffect, useRef, type RefObject } from 'react'
import { DOUBLE_CLICK_ZOOM, fitScale, homeCamera, sizeAtZoom, zoomAround, type LayoutCamera } from './graph-camera'
import { CANVAS_COLORS, Emphasis, isStrongLink, nodeSize, ringWidth, type GraphViewState } from './graph-view'

/** Props of {@link Canvas2DGraph}. */
export interface Canvas2DGraphProps {
  state: GraphViewState
  onSelect: (node: number | null) => void
  focusSeq: number
  /** The camera, shared with the WebGL renderer that takes over (null: the whole graph). */
  camera: RefObject<LayoutCamera | null>
  /** Called once the whole graph is on the canvas. */
  onReady: () => void
}

/** 2-D canvas renderer with pan and zoom. */
export function Canvas2DGraph({ state, onSelect, focusSeq, camera, onReady }: Canvas2DGraphProps): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const stateRef = useRef(state)
  stateRef.current = state
  const frame = useRef(0)
  const focusAtMount = useRef(focusSeq)

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
    camera.current ??= homeCamera(st.layout)
    const cam = camera.current
    const scale = fitScale(st.layout, w, h) / cam.ratio
    const ctx = el.getContext('2d')
    if (!ctx) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.fillStyle = CANVAS_COLORS.background
    ctx.fillRect(0, 0, w, h)
    const sx = (i: number): number => (st.layout[2 * i]! - cam.cx) * scale + w / 2
    const sy = (i: number): number => (st.layout[2 * i + 1]! - cam.cy) * scale + h / 2
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
        // sigma's discs fade out over their outer pixel; half a pixel less here looks the same.
        const r = sizeAtZoom(nodeSize(level, !!ring), cam.ratio) - 0.5
        const x = sx(i)
        const y = sy(i)
        if (ring) {
          // The ring inside the radius, as sigma's border program draws it.
          ctx.beginPath()
          ctx.arc(x, y, r, 0, Math.PI * 2)
          ctx.fillStyle = ring
          ctx.fill()
        }
        ctx.beginPath()
        ctx.arc(x, y, Math.max(ring ? r - ringWidth(level) : r, 0.5), 0, Math.PI * 2)
        ctx.fillStyle = level === Emphasis.Faded ? CANVAS_COLORS.faded : st.fill[i]!
        ctx.fill()
        if (level >= Emphasis.Hop1) {
          ctx.fillStyle = CANVAS_COLORS.label
          ctx.font = '600 13px system-ui, sans-serif'
          ctx.fillText(String(i), x + r + 3, y + 4)
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
    const scaleNow = (): number => fitScale(stateRef.current.layout, el.clientWidth, el.clientHeight) / camera.current!.ratio
    const toLayout = (e: MouseEvent): [number, number] => {
      const rect = el.getBoundingClientRect()
      const cam = camera.current!
      const scale = scaleNow()
      return [(e.clientX - rect.left - rect.width / 2) / scale + cam.cx, (e.clientY - rect.top - rect.height / 2) / scale + cam.cy]
    }
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault()
      const [lx, ly] = toLayout(e)
      // Keep the point under the pointer fixed.
      camera.current = zoomAround(camera.current!, Math.exp(-e.deltaY * 0.0015), lx, ly)
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
      const scale = scaleNow()
      camera.current = { ...camera.current!, cx: camera.current!.cx - dx / scale, cy: camera.current!.cy - dy / scale }
      drag.x = e.clientX
      drag.y = e.clientY
      schedule()
    }
    const onUp = (e: MouseEvent): void => {
      // A press that began elsewhere (a button of the side panel) is not a click on the graph.
      if (!drag) return
      const wasDrag = drag.moved
      drag = null
      if (wasDrag) return
      const [lx, ly] = toLayout(e)
      const st = stateRef.current
      let best: number | null = null
      let bestD = (10 / scaleNow()) ** 2
      for (let i = 0; i < st.nodes; i++) {
        const d = (st.layout[2 * i]! - lx) ** 2 + (st.layout[2 * i + 1]! - ly) ** 2
        if (d < bestD) {
          bestD = d
          best = i
        }
      }
      onSelectRef.current(best)
    }
    const onDoubleClick = (e: MouseEvent): void => {
      // sigma's double-click zoom, towards the pointer (the browser fires this only for two clicks in one place).
      const [lx, ly] = toLayout(e)
      camera.current = zoomAround(camera.current!, DOUBLE_CLICK_ZOOM, lx, ly)
      schedule()
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    el.addEventListener('dblclick', onDoubleClick)
    el.addEventListener('mousedown', onDown)
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame.current)
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('dblclick', onDoubleClick)
      el.removeEventListener('mousedown', onDown)
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const onSelectRef = useRef(onSelect)
  onSelectRef.current = onSelect

  // A new state is one redraw on the next frame (draw reads the latest state and camera from refs).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(schedule, [state])

  useEffect(() => {
    const node = stateRef.current.selected
    const cam = camera.current
    // A search made before this canvas mounted (it takes over from WebGL) is already where the camera is.
    if (node === null || !cam || focusSeq === focusAtMount.current) return
    // Where SigmaCanvas flies: the paper centred at ratio 0.25.
    camera.current = { cx: stateRef.current.layout[2 * node]!, cy: stateRef.current.layout[2 * node + 1]!, ratio: 0.25 }
    schedule()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq])

  return <canvas ref={canvas} className="dm-graph-canvas" data-testid="graph-canvas" data-renderer="canvas2d" />
}
