/**
 * The recharts part of a training chart (see [Note: recharts frame,
 * precomputed paths] in TrainingChart.tsx): frame, axes, grid, the lines as
 * precomputed paths, best-point markers with non-overlapping value labels,
 * marks where points lie outside the y range, and the drag-zoom selection.
 */
import { memo, useCallback, useMemo, useSyncExternalStore } from 'react'
import { CartesianGrid, ComposedChart, ReferenceArea, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts'
import { formatValue, placeLabels, type OutsidePoints } from '../../../../core/series'
import { SeriesPaths, type PixelScale, type SeriesPath } from './SeriesPaths'

/** Space around the plot and the axes' sizes: given to recharts and used by the pointer layer, so both see one plot area. */
export const MARGIN = { top: 18, right: 24, bottom: 8, left: 8 }
export const Y_AXIS_WIDTH = 64
export const X_AXIS_HEIGHT = 30
const AXIS_COLOR = '#a0a0a0'
const GRID_COLOR = '#3a3a3a'
/** More visible lines than this: best markers without their value (the legend has it). */
const MAX_LABELLED_MARKERS = 4
/** At most this many outside-the-range marks per chart (they are a hint, not data). */
const MAX_OUTSIDE_MARKS = 200

/** A best point to mark. */
export interface BestMark {
  key: string
  x: number
  y: number
  color: string
  /** The value label beside the dot. */
  text: string
}

/** Points of one line outside the y range, with the line's colour. */
export interface OutsideMark extends OutsidePoints {
  color: string
}

/** The x range being dragged across (data units), kept outside React state so a drag re-renders only its ReferenceArea. */
export interface DragStore {
  get: () => [number, number] | null
  set: (range: [number, number] | null) => void
  subscribe: (listener: () => void) => () => void
}

/** A new drag store. */
export function createDragStore(): DragStore {
  let range: [number, number] | null = null
  const listeners = new Set<() => void>()
  return {
    get: () => range,
    set: (next) => {
      if (next === range || (next && range && next[0] === range[0] && next[1] === range[1])) return
      range = next
      for (const l of listeners) l()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

/** The drag-zoom selection, as a recharts ReferenceArea across the plot's full height. */
function DragSelection({ drag }: { drag: DragStore }): React.JSX.Element | null {
  const range = useSyncExternalStore(drag.subscribe, drag.get)
  if (!range || range[0] === range[1]) return null
  return (
    <ReferenceArea
      className="dd-zoom-area"
      x1={range[0]}
      x2={range[1]}
      ifOverflow="hidden"
      fill="#42affa"
      fillOpacity={0.15}
      strokeOpacity={0}
      zIndex={0}
    />
  )
}

/** What recharts passes to a custom tick renderer (the part we use). */
interface TickProps {
  x?: number | string
  y?: number | string
  payload?: { value?: unknown }
}

/**
 * A plain SVG tick label. [Note: no text measuring] recharts' own <Text> and
 * its automatic tick thinning measure labels through a DOM span, each a
 * forced layout; with explicit ticks (niceTicks="none": recharts computes no
 * ticks of its own), `interval={0}`, these labels and no vertical grid
 * generator a first paint measures nothing.
 */
function XTick({ x = 0, y = 0, payload, text }: TickProps & { text: (v: number) => string }): React.JSX.Element {
  return (
    <text x={Number(x)} y={Number(y) + 4} dy="0.71em" textAnchor="middle" fill={AXIS_COLOR} fontSize={12} className="dd-axis-tick">
      {text(Number(payload?.value))}
    </text>
  )
}

function YTick({ x = 0, y = 0, payload }: TickProps): React.JSX.Element {
  return (
    <text x={Number(x) - 4} y={Number(y)} dy="0.32em" textAnchor="end" fill={AXIS_COLOR} fontSize={12} className="dd-axis-tick">
      {formatValue(Number(payload?.value))}
    </text>
  )
}

const noGridLines = (): number[] => []

/** zIndex 0 for recharts' axes (accepted at run time, missing from XAxisProps' type): no portal layer to register and render. */
const LAYER_0 = { zIndex: 0 } as object

/**
 * Best-point dots and their value labels, placed with recharts' scales; the
 * labels are laid out by core/series/best-labels.ts so they never overlap
 * (several losses end at their best in the same corner of the plot).
 */
function BestMarkers({ marks, labelled }: { marks: readonly BestMark[]; labelled: boolean }): React.JSX.Element | null {
  const xScale = useXAxisScale() as PixelScale | undefined
  const yScale = useYAxisScale() as PixelScale | undefined
  const area = usePlotArea()
  if (!xScale || !yScale || !area) return null
  const dots = marks.flatMap((m) => {
    const cx = xScale(m.x)
    const cy = yScale(m.y)
    return cx === undefined || cy === undefined || cx - cx !== 0 || cy - cy !== 0 ? [] : [{ ...m, cx, cy }]
  })
  const labels = labelled
    ? placeLabels(
        dots.map((d) => ({ key: d.key, x: d.cx, y: d.cy, text: d.text })),
        { left: area.x, top: area.y, width: area.width, height: area.height }
      )
    : []
  return (
    <g className="dd-best-markers">
      {dots.map((d) => (
        <circle key={d.key} className="dd-best-dot" data-key={d.key} cx={d.cx} cy={d.cy} r={5} fill={d.color} stroke="#191919" strokeWidth={2} />
      ))}
      {labels.map((l) => (
        <text
          key={l.key}
          className="dd-best-label"
          x={l.x}
          y={l.y}
          dy="0.32em"
          textAnchor={l.anchor}
          fill={dots.find((d) => d.key === l.key)?.color}
          fontSize={12}
        >
          {l.text}
        </text>
      ))}
    </g>
  )
}

/** Small triangles at the plot's top (bottom) edge where points lie above (below) the y range. */
function OutsideMarks({ marks }: { marks: readonly OutsideMark[] }): React.JSX.Element | null {
  const xScale = useXAxisScale() as PixelScale | undefined
  const area = usePlotArea()
  if (!xScale || !area || marks.length === 0) return null
  const out: React.JSX.Element[] = []
  for (const m of marks) {
    for (let i = 0; i < m.x.length && out.length < MAX_OUTSIDE_MARKS; i++) {
      const px = xScale(m.x[i]!)
      if (px === undefined || px < area.x - 1 || px > area.x + area.width + 1) continue
      const up = m.above[i]!
      const y = up ? area.y : area.y + area.height
      const d = up ? `M${px - 4},${y + 7}L${px + 4},${y + 7}L${px},${y + 1}Z` : `M${px - 4},${y - 7}L${px + 4},${y - 7}L${px},${y - 1}Z`
      out.push(
        <path key={`${m.label}~${i}`} className="dd-outlier-mark" d={d} fill={m.color}>
          <title>{`${m.label}: a point ${up ? 'above' : 'below'} the y range`}</title>
        </path>
      )
    }
  }
  return <g className="dd-outlier-marks">{out}</g>
}

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  width: number
  height: number
  xDomain: readonly [number, number]
  yDomain: readonly [number, number]
  xTicks: readonly number[]
  yTicks: readonly number[]
  xTickText: (v: number) => string
  paths: readonly SeriesPath[]
  log: boolean
  best: readonly BestMark[]
  outside: readonly OutsideMark[]
  drag: DragStore
}

/**
 * The recharts chart. Memoised: hovering and dragging re-render the pointer
 * layer and the ReferenceArea only. Every element sits in recharts' default
 * layer (zIndex 0), in the order written here (grid, axes, lines, markers,
 * selection): each other layer is a portal that costs a registration and one
 * more render pass on mount.
 */
export const ChartFrame = memo(function ChartFrame(props: ChartFrameProps): React.JSX.Element {
  const { width, height, log, xTickText } = props
  const [x0, x1] = props.xDomain
  const [y0, y1] = props.yDomain
  // Two rows: recharts' data only spans the x domain; the lines never go through it.
  const data = useMemo(() => [{ x: x0 }, { x: x1 }], [x0, x1])
  const xDomain = useMemo(() => [x0, x1], [x0, x1])
  const yDomain = useMemo(() => [y0, y1], [y0, y1])
  const inY = (v: number): boolean => v >= Math.min(y0, y1) && v <= Math.max(y0, y1) && (!log || v > 0)
  const inX = (v: number): boolean => v >= Math.min(x0, x1) && v <= Math.max(x0, x1)
  const best = useMemo(() => props.best.filter((b) => inY(b.y) && inX(b.x)), [props.best, x0, x1, y0, y1, log]) // eslint-disable-line react-hooks/exhaustive-deps
  const xTicks = useMemo(() => props.xTicks.filter((v) => v >= Math.min(x0, x1) && v <= Math.max(x0, x1)), [props.xTicks, x0, x1])
  const yTicks = useMemo(
    () => props.yTicks.filter((v) => v >= Math.min(y0, y1) && v <= Math.max(y0, y1) && (!log || v > 0)),
    [props.yTicks, y0, y1, log]
  )
  const xTick = useCallback((p: TickProps) => <XTick {...p} text={xTickText} />, [xTickText])
  return (
    <ComposedChart width={width} height={height} data={data} margin={MARGIN} role="img" aria-label="Training curves">
      {/* Horizontal lines only. Even with vertical={false} recharts runs the vertical generator, which measures x tick labels (see [Note: no text measuring]). */}
      <CartesianGrid
        stroke={GRID_COLOR}
        strokeDasharray="3 3"
        vertical={false}
        verticalCoordinatesGenerator={noGridLines}
        horizontalValues={yTicks}
        zIndex={0}
      />
      <XAxis
        dataKey="x"
        type="number"
        domain={xDomain}
        allowDataOverflow
        ticks={xTicks}
        interval={0}
        niceTicks="none"
        tick={xTick}
        height={X_AXIS_HEIGHT}
        stroke={AXIS_COLOR}
        {...LAYER_0}
      />
      <YAxis
        type="number"
        scale={log ? 'log' : 'linear'}
        domain={yDomain}
        allowDataOverflow
        ticks={yTicks}
        interval={0}
        niceTicks="none"
        tick={YTick}
        width={Y_AXIS_WIDTH}
        stroke={AXIS_COLOR}
        {...LAYER_0}
      />
      <SeriesPaths lines={props.paths} log={log} />
      <OutsideMarks marks={props.outside} />
      <BestMarkers marks={best} labelled={best.length <= MAX_LABELLED_MARKERS} />
      <DragSelection drag={props.drag} />
    </ComposedChart>
  )
})
