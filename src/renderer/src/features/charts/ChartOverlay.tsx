/**
 * Everything a training chart does under the pointer: the tooltip with the
 * exact logged values at the hovered x, a dot on each line there, the
 * vertical cursor, and drag-to-zoom. It is a transparent <svg> laid over the
 * recharts chart, with its own state, so moving the pointer re-renders only
 * this layer, and exports (which clone the recharts <svg>) never include it.
 * The selection being dragged is drawn by the recharts chart (a ReferenceArea):
 * this layer reports it through `onDrag`.
 */
import { useMemo, useRef, useState } from 'react'
import { formatExact, formatValue, pointsNear, type Scale } from '../../../../core/series'
import type { LineDef } from './chart-lines'

/** A visible line's FULL series, for exact values under the pointer. */
export interface HoverLine {
  def: LineDef
  x: Float64Array
  raw: Float64Array
  /** The smoothed series (the raw one when smoothing is off). */
  smooth: Float64Array
}

/** The plot area inside the chart's <svg>, in its pixels. */
export interface PlotArea {
  left: number
  top: number
  width: number
  height: number
}

/** Props of {@link ChartOverlay}. */
export interface ChartOverlayProps {
  width: number
  height: number
  plot: PlotArea
  xScale: Scale
  yScale: Scale
  log: boolean
  lines: readonly HoverLine[]
  formatX: (x: number) => string
  smoothOn: boolean
  /** The x range (ascending, data units) being dragged across; null when no drag is under way. */
  onDrag: (range: [number, number] | null) => void
  /** Called with an x range (ascending) when a drag across the plot ends. */
  onZoom: (range: [number, number]) => void
}

/** Drags shorter than this many pixels are clicks, not zooms. */
const MIN_DRAG_PX = 3

/** The pointer layer of a chart (see the file comment). */
export function ChartOverlay(props: ChartOverlayProps): React.JSX.Element {
  const { width, height, plot, xScale, yScale, log, lines, formatX, smoothOn, onDrag, onZoom } = props
  const svgRef = useRef<SVGSVGElement>(null)
  const [hover, setHover] = useState<number | null>(null)
  const [drag, setDragState] = useState<{ start: number; end: number } | null>(null)
  const setDrag = (next: { start: number; end: number } | null): void => {
    setDragState(next)
    onDrag(next && next.start !== next.end ? [xScale.invert(Math.min(next.start, next.end)), xScale.invert(Math.max(next.start, next.end))] : null)
  }
  const right = plot.left + plot.width
  const bottom = plot.top + plot.height

  /** Pointer → this <svg>'s pixels (a reveal.js slide may be scaled). */
  const toPx = (e: React.PointerEvent): { px: number; py: number } => {
    const rect = svgRef.current!.getBoundingClientRect()
    return {
      px: (e.clientX - rect.left) * (rect.width > 0 ? width / rect.width : 1),
      py: (e.clientY - rect.top) * (rect.height > 0 ? height / rect.height : 1)
    }
  }
  const clampX = (px: number): number => Math.min(right, Math.max(plot.left, px))
  const inPlot = (px: number, py: number): boolean => px >= plot.left && px <= right && py >= plot.top && py <= bottom

  const hit = useMemo(() => (hover === null ? null : pointsNear(lines, xScale.invert(hover), xScale.domain)), [hover, lines, xScale])

  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>): void => {
    const { px, py } = toPx(e)
    if (drag) {
      setDrag({ start: drag.start, end: clampX(px) })
      setHover(clampX(px))
    } else setHover(inPlot(px, py) ? px : null)
  }
  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return
    const { px, py } = toPx(e)
    if (!inPlot(px, py)) return
    svgRef.current?.setPointerCapture?.(e.pointerId)
    setDrag({ start: px, end: px })
  }
  const onPointerUp = (e: React.PointerEvent<SVGSVGElement>): void => {
    if (!drag) return
    svgRef.current?.releasePointerCapture?.(e.pointerId)
    const end = clampX(toPx(e).px)
    setDrag(null)
    if (Math.abs(end - drag.start) < MIN_DRAG_PX) return
    const a = xScale.invert(Math.min(drag.start, end))
    const b = xScale.invert(Math.max(drag.start, end))
    if (b > a) onZoom([a, b])
  }

  const cursorX = hit ? xScale(hit.x) : null
  const dots: React.JSX.Element[] = []
  if (hit) {
    for (const { line, index } of hit.points) {
      const y = line.smooth[index]!
      if (!Number.isFinite(y) || (log && y <= 0)) continue
      const cx = xScale(line.x[index]!)
      const cy = yScale(y)
      if (!Number.isFinite(cx) || !Number.isFinite(cy) || cy < plot.top - 1 || cy > bottom + 1) continue
      dots.push(<circle key={line.def.key} className="dd-active-dot" cx={cx} cy={cy} r={4} fill={line.def.color} stroke="#191919" strokeWidth={2} />)
    }
  }

  return (
    <>
      <svg
        ref={svgRef}
        className="dd-chart-overlay"
        width={width}
        height={height}
        style={{ position: 'absolute', left: 0, top: 0 }}
        onPointerMove={onPointerMove}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => {
          if (!drag) setHover(null)
        }}
      >
        {cursorX !== null && Number.isFinite(cursorX) && (
          <line className="dd-cursor" x1={cursorX} x2={cursorX} y1={plot.top} y2={bottom} stroke="#777" strokeWidth={1} />
        )}
        <g pointerEvents="none">{dots}</g>
      </svg>
      {hit && !drag && cursorX !== null && (
        <div
          className="dd-chart-tooltip"
          role="tooltip"
          style={
            // Right of the cursor on the left half, left of it on the right half: no measuring.
            cursorX < width / 2 ? { left: cursorX + 14, top: plot.top } : { left: cursorX - 14, top: plot.top, transform: 'translateX(-100%)' }
          }
        >
          <div className="dd-chart-tooltip-x">{formatX(hit.x)}</div>
          <table>
            <tbody>
              {hit.points.map(({ line, index }) => {
                const x = line.x[index]!
                return (
                  <tr key={line.def.key}>
                    <td>
                      <span className="dd-swatch" style={{ background: line.def.color }} />
                      {line.def.label}
                      {x !== hit.x && <span className="dd-muted"> @ {formatX(x)}</span>}
                    </td>
                    <td className="dd-num">{formatExact(line.raw[index]!)}</td>
                    {smoothOn && <td className="dd-num dd-muted">smoothed {formatValue(line.smooth[index]!)}</td>}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
