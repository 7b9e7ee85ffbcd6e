/**
 * The training-curve chart shared by `::chart` slides and the /runs page:
 * runs × metrics overlaid, smoothed (raw kept faint), best points marked,
 * drag to zoom, log scale, x-axis choice, PNG/SVG export, and a clear message
 * instead of an empty box whenever there is nothing to draw.
 *
 * Data flow: see [Note: fetch once, smooth once, downsample per view] in
 * history-store.ts and [Note: smooth the full series] in core/series/smoothing.ts.
 *
 * [Note: recharts frame, precomputed paths]
 * The chart is a recharts ComposedChart at an explicit size: recharts draws
 * the frame, the x and y axes (linear or log), the grid, the drag-zoom
 * selection (ReferenceArea) and the best-point markers (ReferenceDot). It
 * never sees the 100k-point series: it gets a two-row dataset (the x
 * extent), explicit domains and ticks (core/series/scale.ts, which also
 * decides the y range: [Note: outliers in y scaling]), and custom tick labels
 * that it does not measure, so its cost does not grow with the data. The lines
 * are precomputed SVG paths drawn inside its surface with its own scales
 * (SeriesPaths.tsx, [Note: one path per series]); fed to recharts' <Line> the
 * same points cost several times more. The pointer layer (tooltip with exact
 * values from the full series, cursor, active dots, the drag itself) is
 * ChartOverlay.tsx, a transparent layer on top whose scales map the same
 * domains onto the same plot area (MARGIN and the axis sizes below are given
 * to recharts too), so hovering never re-renders the recharts chart.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { CartesianGrid, ComposedChart, ReferenceArea, ReferenceDot, XAxis, YAxis } from 'recharts'
import type { RunInfo } from '../../../../shared/types'
import {
  algorithmLabels,
  allIntegers,
  bestPoint,
  DEFAULT_MAX_POINTS,
  formatValue,
  formatX,
  linearScale,
  logScale,
  metricDirection,
  niceTicks,
  smoothedSeries,
  strideSample,
  viewSeries,
  xAxisOptions,
  yAxisFor,
  type BestPoint,
  type Direction,
  type Series,
  type SmoothingAlgorithm,
  type XKey
} from '../../../../core/series'
import { errorMessage } from '../../lib/api'
import { buildLines, effectiveMetrics, type LineDef } from './chart-lines'
import { ChartOverlay, type HoverLine, type PlotArea } from './ChartOverlay'
import { chartSvgText, downloadBlob, fileSlug, svgToPng } from './export-chart'
import { RunTable } from './RunTable'
import { SeriesPaths, type SeriesPath } from './SeriesPaths'
import { useHistories } from './use-histories'
import './charts.css'

/** Starting values of the chart's controls. */
export interface ChartSettings {
  x: XKey
  smoothing: number
  algorithm: SmoothingAlgorithm
  log: boolean
  /** Take the y range from robust percentiles ([Note: outliers in y scaling]); false = the full extent. */
  ignoreOutliers: boolean
}

/** Props of {@link TrainingChart}. */
export interface TrainingChartProps {
  /** Runs to draw (already selected). */
  runs: readonly RunInfo[]
  /** Metrics (canonical names or raw keys); empty = sensible defaults. */
  metrics: readonly string[]
  initial: ChartSettings
  overrides: Readonly<Record<string, string>>
  size: 'slide' | 'page'
  title?: string
  /** Show the config/summary table under the chart. */
  showTable?: boolean
  /** Fetch data (false keeps a placeholder until e.g. the slide becomes active). */
  enabled?: boolean
  /** Notes about the directive itself (bad attributes, unknown run names). */
  notes?: readonly string[]
}

interface DrawnLine {
  def: LineDef
  best: BestPoint | undefined
  points: number
}

const EXPORT_BG = '#191919'
const EXPORT_FG = '#f2f2f2'
/** Space around the plot and the axes' sizes: given to recharts and used by the pointer layer, so both see one plot area. */
const MARGIN = { top: 18, right: 24, bottom: 8, left: 8 }
const Y_AXIS_WIDTH = 64
const X_AXIS_HEIGHT = 30
const AXIS_COLOR = '#a0a0a0'
const GRID_COLOR = '#3a3a3a'
/** Values per line that the outlier percentiles are taken from ([Note: outliers in y scaling]). */
const OUTLIER_SAMPLE = 1024
/** Height of a chart on a slide when its box has no height of its own (it normally fills the slide: charts.css). */
const SLIDE_MIN_HEIGHT = 120

/** Best points per full series and direction: a zoom or a legend toggle does not rescan 100k points. */
const bestCache = new WeakMap<Series, Map<Direction, BestPoint | undefined>>()
function cachedBest(series: Series, direction: Direction): BestPoint | undefined {
  let perSeries = bestCache.get(series)
  if (!perSeries) bestCache.set(series, (perSeries = new Map()))
  if (!perSeries.has(direction)) perSeries.set(direction, bestPoint(series.x, series.y, direction))
  return perSeries.get(direction)
}

/** The chart. */
export function TrainingChart(props: TrainingChartProps): React.JSX.Element {
  const { runs, overrides, size, enabled = true } = props
  const [xKey, setXKey] = useState<XKey>(props.initial.x)
  const [smoothing, setSmoothing] = useState(props.initial.smoothing)
  const [algorithm, setAlgorithm] = useState<SmoothingAlgorithm>(props.initial.algorithm)
  const [log, setLog] = useState(props.initial.log)
  const [ignoreOutliers, setIgnoreOutliers] = useState(props.initial.ignoreOutliers)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [zoom, setZoom] = useState<[number, number] | null>(null)
  const [retryToken, setRetryToken] = useState(0)
  const [exportError, setExportError] = useState<string | null>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const box = useBoxSize(boxRef)
  const width = box.width
  // A page chart has a fixed height; a slide chart fills what its slide leaves (charts.css, deck.css).
  const height = size === 'page' ? 520 : Math.max(SLIDE_MIN_HEIGHT, box.height)
  // More points than horizontal pixels cannot be seen; path building and layout grow with points × lines.
  const maxPoints = Math.min(DEFAULT_MAX_POINTS, Math.max(500, Math.round(width / 50) * 50))

  const metrics = useMemo(() => effectiveMetrics(runs, props.metrics, overrides), [runs, props.metrics, overrides])
  const { lines, missing } = useMemo(() => buildLines(runs, metrics, overrides), [runs, metrics, overrides])
  const { histories, errors, loading } = useHistories(
    useMemo(() => runs.filter((r) => lines.some((l) => l.run.id === r.id)), [runs, lines]),
    enabled,
    retryToken
  )

  // Smoothing is cached per full series; only the cut + downsample below runs on zoom.
  const computed = useMemo(() => {
    const drawn: DrawnLine[] = []
    // [Note: one path per series] in SeriesPaths.tsx: raw (faint) lines first so smoothed ones draw on top.
    const rawPaths: SeriesPath[] = []
    const smoothPaths: SeriesPath[] = []
    const hover: HoverLine[] = []
    // Even samples of the logged values in view, at full resolution, for the outlier percentiles.
    const samples: Array<ArrayLike<number>> = []
    const smoothOn = smoothing > 0
    let nonFinite = 0
    let xLo = Number.POSITIVE_INFINITY
    let xHi = Number.NEGATIVE_INFINITY
    let integerX = true
    // [Note: columns, one pass] in core/series/values.ts: every key this chart reads from a run, in one walk over its rows.
    for (const [runId, history] of histories) history.prepare([xKey, ...lines.filter((l) => l.run.id === runId).map((l) => l.rawKey)])
    for (const def of lines) {
      const history = histories.get(def.run.id)
      if (!history) continue
      const { series, stats } = history.series(def.rawKey, xKey)
      if (series.x.length === 0) continue
      nonFinite += stats.nonFinite
      const direction = metricDirection(def.metric) ?? metricDirection(def.rawKey)
      drawn.push({ def, best: cachedBest(series, direction), points: series.x.length })
      if (hidden.has(def.key)) continue
      const smoothed = smoothedSeries(series, algorithm, smoothing)
      const view = viewSeries(series, smoothed, { range: zoom, maxPoints, allFinite: stats.nonFinite === 0 })
      if (view.x.length > 0) {
        xLo = Math.min(xLo, view.x[0]!)
        xHi = Math.max(xHi, view.x[view.x.length - 1]!)
        // The view holds logged points only (downsampling picks, never interpolates): checking it is enough.
        integerX &&= allIntegers(view.x)
      }
      hover.push({ def, x: series.x, raw: series.y, smooth: smoothed })
      samples.push(strideSample(series.y, view.start, view.end, OUTLIER_SAMPLE))
      const dash = def.dash || undefined
      if (smoothOn) rawPaths.push({ key: `${def.key}~raw`, x: view.x, y: view.raw, color: def.color, width: 1, opacity: 0.22, dash, className: 'dd-line-raw' })
      smoothPaths.push({ key: def.key, x: view.x, y: view.smooth, color: def.color, width: 2, opacity: 1, dash, className: 'dd-line-smooth' })
    }
    const paths = [...rawPaths, ...smoothPaths]
    return { drawn, paths, hover, samples, xExtent: xLo <= xHi ? ([xLo, xHi] as [number, number]) : null, integerX, nonFinite }
  }, [lines, histories, xKey, hidden, algorithm, smoothing, zoom, maxPoints])

  // As many y ticks as fit (about one per 36 px of plot), and the y range (optionally ignoring outliers).
  const plotHeight = height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT
  const yTickCount = Math.max(3, Math.min(size === 'page' ? 8 : 6, Math.floor(plotHeight / 36)))
  const yAxis = useMemo(
    () =>
      yAxisFor(
        computed.paths.map((p) => p.y),
        log,
        yTickCount,
        ignoreOutliers ? { ignoreOutliers, sample: computed.samples } : {}
      ),
    [computed, log, yTickCount, ignoreOutliers]
  )

  const visibleDrawn = useMemo(() => computed.drawn.filter((d) => !hidden.has(d.def.key)), [computed, hidden])
  const title = props.title ?? metrics.join(', ')

  const toggle = (key: string): void =>
    setHidden((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })

  const exportAs = async (kind: 'png' | 'svg'): Promise<void> => {
    setExportError(null)
    try {
      const svg = boxRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface')
      if (!svg) throw new Error('There is no chart on screen to export yet.')
      const { text, width, height: h } = chartSvgText(svg, {
        background: EXPORT_BG,
        foreground: EXPORT_FG,
        title,
        legend: visibleDrawn.map((d) => ({ label: d.def.label, color: d.def.color, dash: d.def.dash }))
      })
      const name = `${fileSlug(title)}.${kind}`
      if (kind === 'svg') downloadBlob(new Blob([text], { type: 'image/svg+xml' }), name)
      else downloadBlob(await svgToPng(text, width, h), name)
    } catch (error) {
      setExportError(`Export failed: ${errorMessage(error)}`)
    }
  }

  let message: React.ReactNode = null
  if (runs.length === 0) message = 'No runs to show.'
  else if (lines.length === 0)
    message = (
      <>
        None of the selected runs logged {metrics.map((m) => `“${m}”`).join(' or ') || 'any metric'}.
        {runs[0] && runs[0].metrics.length > 0 ? ` They have: ${[...new Set(runs.flatMap((r) => r.metrics))].slice(0, 12).join(', ')}.` : ''}
      </>
    )
  else if (!enabled) message = 'The chart loads when this slide is shown.'
  else if (loading && histories.size === 0) message = 'Loading training history…'
  else if (errors.size === lines.length || (computed.drawn.length === 0 && errors.size > 0)) message = null
  else if (computed.drawn.length === 0)
    message = `No points for ${metrics.join(', ')} against ${xAxisOptions.find((o) => o.key === xKey)?.label ?? xKey}. Try another x axis.`
  else if (visibleDrawn.length === 0) message = 'All series are hidden: click a legend entry to show it again.'

  const smoothOn = smoothing > 0
  // The x domain as two numbers, so the scales below survive re-renders that do not move it (e.g. hovering).
  const xd0 = (zoom ?? computed.xExtent)?.[0]
  const xd1 = (zoom ?? computed.xExtent)?.[1]
  // The pointer layer's view of the plot: the same domains on the same area as recharts' axes (see the file comment).
  const frame = useMemo(() => {
    if (xd0 === undefined || xd1 === undefined || !yAxis || width === 0) return null
    const left = MARGIN.left + Y_AXIS_WIDTH
    const plot: PlotArea = {
      left,
      top: MARGIN.top,
      width: Math.max(1, width - left - MARGIN.right),
      height: Math.max(1, height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT)
    }
    const xScale = linearScale([xd0, xd1], [plot.left, plot.left + plot.width])
    const yRange = [plot.top + plot.height, plot.top] as const
    const yScale = log ? logScale(yAxis.domain, yRange) : linearScale(yAxis.domain, yRange)
    return { plot, xScale, yScale }
  }, [xd0, xd1, yAxis, width, height, log])
  // About one x tick per 110 px.
  const xTickCount = Math.max(3, Math.min(size === 'page' ? 8 : 6, Math.floor(width / 110)))
  const integerX = computed.integerX
  const xTicks = useMemo(
    () => (xd0 === undefined || xd1 === undefined ? [] : niceTicks(xd0, xd1, xTickCount, integerX)),
    [xd0, xd1, xTickCount, integerX]
  )
  const xLabel = useCallback((v: number): string => formatX(xKey, v), [xKey])
  const xTickText = useCallback((v: number): string => (xKey === '_timestamp' ? formatX(xKey, v).slice(11, 16) : formatX(xKey, v)), [xKey])
  const onZoom = useCallback((range: [number, number]) => setZoom(range), [])
  const [drag] = useState(createDragStore)

  return (
    // A <div>, not a <section>: reveal.js takes every <section> inside a slide for a vertical slide of its own.
    <div className={`dd-chart dd-chart-${size}`} role="region" aria-label={`Training chart: ${title}`}>
      <div className="dd-chart-toolbar">
        <label>
          X axis
          <select value={xKey} onChange={(e) => { setXKey(e.target.value as XKey); setZoom(null) }}>
            {xAxisOptions.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="dd-chart-smoothing">
          Smoothing
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            aria-label="Smoothing"
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <label>
          Algorithm
          <select value={algorithm} aria-label="Smoothing algorithm" onChange={(e) => setAlgorithm(e.target.value as SmoothingAlgorithm)}>
            {(Object.keys(algorithmLabels) as SmoothingAlgorithm[]).map((a) => (
              <option key={a} value={a}>
                {algorithmLabels[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> Log scale
        </label>
        <label title="Take the y range from the 1st–99th percentile of the drawn values; lines beyond it are clipped at the plot's edge">
          <input type="checkbox" checked={ignoreOutliers} onChange={(e) => setIgnoreOutliers(e.target.checked)} /> Ignore outliers
        </label>
        <button type="button" onClick={() => setZoom(null)} disabled={!zoom}>
          Reset zoom
        </button>
        <button type="button" onClick={() => void exportAs('png')} disabled={visibleDrawn.length === 0}>
          Export PNG
        </button>
        <button type="button" onClick={() => void exportAs('svg')} disabled={visibleDrawn.length === 0}>
          Export SVG
        </button>
      </div>

      {props.notes?.map((note) => (
        <p key={note} className="dd-chart-note">
          {note}
        </p>
      ))}
      {errors.size > 0 && (
        <div className="dd-notice dd-notice-error" role="alert">
          {[...errors].map(([id, text]) => (
            <div key={id}>
              Could not load the history of run “{id}”: {text}
            </div>
          ))}
          <button type="button" onClick={() => setRetryToken((t) => t + 1)}>
            Retry
          </button>
        </div>
      )}
      {exportError && (
        <div className="dd-notice dd-notice-error" role="alert">
          {exportError}
        </div>
      )}

      {/* Legend above the plot: at the bottom of a slide it would fall under reveal.js' progress bar. */}
      {computed.drawn.length > 0 && (
        <ul className="dd-chart-legend" aria-label="Series">
          {computed.drawn.map(({ def, best, points }) => {
            const shown = !hidden.has(def.key)
            return (
              <li key={def.key}>
                <button
                  type="button"
                  className="dd-legend-item"
                  data-testid="legend-item"
                  aria-pressed={shown}
                  title={`${shown ? 'Hide' : 'Show'} ${def.label} (${def.rawKey}, ${points} points)`}
                  onClick={() => toggle(def.key)}
                >
                  <svg width="26" height="10" aria-hidden="true">
                    <line x1="1" x2="25" y1="5" y2="5" stroke={def.color} strokeWidth="2.5" strokeDasharray={def.dash || undefined} />
                  </svg>
                  <span className="dd-legend-label">{def.label}</span>
                  {best && <span className="dd-legend-best">best {formatValue(best.y)}</span>}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <div
        className="dd-chart-box"
        data-testid="chart"
        ref={boxRef}
        style={size === 'page' ? { height } : undefined}
        data-zoomed={zoom ? 'true' : 'false'}
      >
        {message !== null || computed.hover.length === 0 || !frame || !yAxis ? (
          <div className="dd-chart-empty">{message ?? 'Nothing to draw.'}</div>
        ) : (
          <>
            <ChartFrame
              width={width}
              height={height}
              xDomain={frame.xScale.domain}
              yDomain={yAxis.domain}
              xTicks={xTicks}
              yTicks={yAxis.ticks}
              xTickText={xTickText}
              paths={computed.paths}
              log={log}
              markers={visibleDrawn}
              drag={drag}
            />
            <ChartOverlay
              width={width}
              height={height}
              plot={frame.plot}
              xScale={frame.xScale}
              yScale={frame.yScale}
              log={log}
              lines={computed.hover}
              formatX={xLabel}
              smoothOn={smoothOn}
              onDrag={drag.set}
              onZoom={onZoom}
            />
          </>
        )}
      </div>

      <p className="dd-chart-footnote">
        {zoom ? 'Zoomed: ' : 'Drag across the chart to zoom. '}
        {smoothOn ? `${algorithmLabels[algorithm]} ${smoothing.toFixed(2)} on the full history; faint lines are raw. ` : ''}
        {yAxis && yAxis.clipped > 0 ? 'Outliers are outside the y range (untick “Ignore outliers” to see them). ' : ''}
        {computed.nonFinite > 0 ? `${computed.nonFinite} non-finite value(s) (NaN/Infinity) not drawn. ` : ''}
        {missing.length > 0 ? `Not logged: ${missing.map((m) => `${m.metric} in ${m.run.name}`).join('; ')}.` : ''}
      </p>
      {props.showTable && <RunTable runs={runs} metrics={metrics} overrides={overrides} colors={runColors(lines)} />}
    </div>
  )
}

/**
 * Size of the chart box, read before the first paint and kept current with a
 * ResizeObserver. An explicit size (instead of recharts' ResponsiveContainer,
 * which first draws at a guessed size and then again at the real one) means
 * the 100k-point first paint draws the lines once.
 */
function useBoxSize(ref: React.RefObject<HTMLDivElement | null>): { width: number; height: number } {
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

function runColors(lines: readonly LineDef[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of lines) out[l.run.id] ??= l.color
  return out
}

/** The x range being dragged across (data units), kept outside React state so a drag re-renders only its ReferenceArea. */
interface DragStore {
  get: () => [number, number] | null
  set: (range: [number, number] | null) => void
  subscribe: (listener: () => void) => () => void
}

function createDragStore(): DragStore {
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
  return <ReferenceArea className="dd-zoom-area" x1={range[0]} x2={range[1]} ifOverflow="hidden" fill="#42affa" fillOpacity={0.15} strokeOpacity={0} zIndex={0} />
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

/** Best-point marker: a dot with its value above it (see [Note: no text measuring]); the value only when given. */
function BestMarker({ cx, cy, color, text }: { cx: number; cy: number; color: string; text: string | undefined }): React.JSX.Element {
  return (
    <g className="dd-best-dot">
      <circle cx={cx} cy={cy} r={5} fill={color} stroke="#191919" strokeWidth={2} />
      {text !== undefined && (
        <text x={cx} y={cy - 10} textAnchor="middle" fill={color} fontSize={12}>
          {text}
        </text>
      )}
    </g>
  )
}

/** More visible lines than this: best markers without their value (they would pile up; the legend has it). */
const MAX_LABELLED_MARKERS = 4

/** Props of {@link ChartFrame}. */
interface ChartFrameProps {
  width: number
  height: number
  xDomain: readonly [number, number]
  yDomain: readonly [number, number]
  xTicks: readonly number[]
  yTicks: readonly number[]
  xTickText: (v: number) => string
  paths: readonly SeriesPath[]
  log: boolean
  markers: readonly DrawnLine[]
  drag: DragStore
}

/**
 * The recharts chart (see [Note: recharts frame, precomputed paths]). Memoised:
 * hovering and dragging re-render the pointer layer and the ReferenceArea only.
 * Every element sits in recharts' default layer (zIndex 0), in the order
 * written here (grid, axes, lines, markers, selection): each other layer is a
 * portal that costs a registration and one more render pass on mount.
 */
const ChartFrame = memo(function ChartFrame(props: ChartFrameProps): React.JSX.Element {
  const { width, height, log, xTickText } = props
  const [x0, x1] = props.xDomain
  const [y0, y1] = props.yDomain
  // Two rows: recharts' data only spans the x domain; the lines never go through it.
  const data = useMemo(() => [{ x: x0 }, { x: x1 }], [x0, x1])
  const xDomain = useMemo(() => [x0, x1], [x0, x1])
  const yDomain = useMemo(() => [y0, y1], [y0, y1])
  const inY = (v: number): boolean => v >= Math.min(y0, y1) && v <= Math.max(y0, y1) && (!log || v > 0)
  const labelled = props.markers.length <= MAX_LABELLED_MARKERS
  const xTicks = useMemo(() => props.xTicks.filter((v) => v >= Math.min(x0, x1) && v <= Math.max(x0, x1)), [props.xTicks, x0, x1])
  const yTicks = useMemo(() => props.yTicks.filter((v) => v >= Math.min(y0, y1) && v <= Math.max(y0, y1) && (!log || v > 0)), [props.yTicks, y0, y1, log])
  const xTick = useCallback((p: TickProps) => <XTick {...p} text={xTickText} />, [xTickText])
  return (
    <ComposedChart width={width} height={height} data={data} margin={MARGIN} role="img" aria-label="Training curves">
      {/* Horizontal lines only. Even with vertical={false} recharts runs the vertical generator, which measures x tick labels (see [Note: no text measuring]). */}
      <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" vertical={false} verticalCoordinatesGenerator={noGridLines} horizontalValues={yTicks} zIndex={0} />
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
      {props.markers.map(({ def, best }) =>
        best && inY(best.y) ? (
          <ReferenceDot
            key={`${def.key}~best`}
            x={best.x}
            y={best.y}
            r={5}
            ifOverflow="discard"
            zIndex={0}
            shape={(p: { cx?: number; cy?: number }) => <BestMarker cx={p.cx ?? 0} cy={p.cy ?? 0} color={def.color} text={labelled ? formatValue(best.y) : undefined} />}
          />
        ) : null
      )}
      <DragSelection drag={props.drag} />
    </ComposedChart>
  )
})
