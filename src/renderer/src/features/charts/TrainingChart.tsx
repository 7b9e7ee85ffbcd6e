/**
 * The training-curve chart shared by `::chart` slides and the /runs page:
 * runs × metrics overlaid, smoothed (raw kept faint), best points marked,
 * drag to zoom, log scale, x-axis choice, PNG/SVG export, and a clear message
 * instead of an empty box whenever there is nothing to draw.
 *
 * Data flow: see [Note: fetch once, smooth once, downsample per view] in
 * history-store.ts and [Note: smooth the full series] in core/series/smoothing.ts.
 *
 * [Note: one SVG, no chart library]
 * The chart is one plain <svg> drawn here: grid, axes, one path per line
 * (SeriesPaths.tsx), best-point markers; the pointer layer (tooltip, cursor,
 * drag zoom) is ChartOverlay.tsx. It used to be a recharts LineChart, but
 * mounting one costs ~100 ms here whatever the data (its store, selectors and
 * several render passes), as much as all the 100k-point work, which kept a
 * first paint over the 200 ms budget (bench/charts.bench.ts). Scales and
 * ticks live in core/series/scale.ts. The class names of the recharts version
 * (`recharts-surface`, `recharts-line-curve`) stay, so exports, styles, tests
 * and the benchmark see the same markup.
 */
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RunInfo } from '../../../../shared/types'
import {
  algorithmLabels,
  bestPoint,
  DEFAULT_MAX_POINTS,
  formatValue,
  formatX,
  linearScale,
  logScale,
  metricDirection,
  niceTicks,
  smoothedSeries,
  viewSeries,
  xAxisOptions,
  yAxisFor,
  type BestPoint,
  type Direction,
  type Scale,
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
/** Space around the plot, as the recharts version had it (margin + axis sizes). */
const MARGIN = { top: 18, right: 24, bottom: 8, left: 8 }
const Y_AXIS_WIDTH = 64
const X_AXIS_HEIGHT = 30
const AXIS_COLOR = '#a0a0a0'

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
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [zoom, setZoom] = useState<[number, number] | null>(null)
  const [retryToken, setRetryToken] = useState(0)
  const [exportError, setExportError] = useState<string | null>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const width = useBoxWidth(boxRef)
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
    const smoothOn = smoothing > 0
    let nonFinite = 0
    let xLo = Number.POSITIVE_INFINITY
    let xHi = Number.NEGATIVE_INFINITY
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
      }
      hover.push({ def, x: series.x, raw: series.y, smooth: smoothed })
      const dash = def.dash || undefined
      if (smoothOn) rawPaths.push({ key: `${def.key}~raw`, x: view.x, y: view.raw, color: def.color, width: 1, opacity: 0.22, dash, className: 'dd-line-raw' })
      smoothPaths.push({ key: def.key, x: view.x, y: view.smooth, color: def.color, width: 2, opacity: 1, dash, className: 'dd-line-smooth' })
    }
    const paths = [...rawPaths, ...smoothPaths]
    return {
      drawn,
      paths,
      hover,
      xExtent: xLo <= xHi ? ([xLo, xHi] as [number, number]) : null,
      yAxis: yAxisFor(
        paths.map((p) => p.y),
        log,
        size === 'page' ? 8 : 5
      ),
      nonFinite
    }
  }, [lines, histories, xKey, hidden, algorithm, smoothing, zoom, log, maxPoints, size])

  const visibleDrawn = computed.drawn.filter((d) => !hidden.has(d.def.key))
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
  const height = size === 'page' ? 520 : 260
  // The x domain as two numbers, so the scales below survive re-renders that do not move it (e.g. hovering).
  const xd0 = (zoom ?? computed.xExtent)?.[0]
  const xd1 = (zoom ?? computed.xExtent)?.[1]
  const frame = useMemo(() => {
    if (xd0 === undefined || xd1 === undefined || !computed.yAxis || width === 0) return null
    const left = MARGIN.left + Y_AXIS_WIDTH
    const plot: PlotArea = {
      left,
      top: MARGIN.top,
      width: Math.max(1, width - left - MARGIN.right),
      height: Math.max(1, height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT)
    }
    const xScale = linearScale([xd0, xd1], [plot.left, plot.left + plot.width])
    const yRange = [plot.top + plot.height, plot.top] as const
    const yScale = log ? logScale(computed.yAxis.domain, yRange) : linearScale(computed.yAxis.domain, yRange)
    return { plot, xScale, yScale }
  }, [xd0, xd1, computed.yAxis, width, height, log])
  const xTicks = useMemo(() => (xd0 === undefined || xd1 === undefined ? [] : niceTicks(xd0, xd1, size === 'page' ? 8 : 6)), [xd0, xd1, size])
  const xLabel = useCallback((v: number): string => formatX(xKey, v), [xKey])
  const onZoom = useCallback((range: [number, number]) => setZoom(range), [])

  return (
    <section className={`dd-chart dd-chart-${size}`} aria-label={`Training chart: ${title}`}>
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
      <div className="dd-chart-box" data-testid="chart" ref={boxRef} style={{ height }} data-zoomed={zoom ? 'true' : 'false'}>
        {message !== null || computed.hover.length === 0 || !frame || !computed.yAxis ? (
          <div className="dd-chart-empty">{message ?? 'Nothing to draw.'}</div>
        ) : (
          <>
            <ChartSvg
              width={width}
              height={height}
              plot={frame.plot}
              xScale={frame.xScale}
              yScale={frame.yScale}
              xTicks={xTicks}
              yTicks={computed.yAxis.ticks}
              xTickText={xKey === '_timestamp' ? (v) => xLabel(v).slice(11, 16) : xLabel}
              paths={computed.paths}
              log={log}
              markers={visibleDrawn}
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
              onZoom={onZoom}
            />
          </>
        )}
      </div>

      <p className="dd-chart-footnote">
        {zoom ? 'Zoomed: ' : 'Drag across the chart to zoom. '}
        {smoothOn ? `${algorithmLabels[algorithm]} ${smoothing.toFixed(2)} on the full history; faint lines are raw. ` : ''}
        {computed.nonFinite > 0 ? `${computed.nonFinite} non-finite value(s) (NaN/Infinity) not drawn. ` : ''}
        {missing.length > 0 ? `Not logged: ${missing.map((m) => `${m.metric} in ${m.run.name}`).join('; ')}.` : ''}
      </p>
      {props.showTable && <RunTable runs={runs} metrics={metrics} overrides={overrides} colors={runColors(lines)} />}
    </section>
  )
}

/**
 * Width of the chart box, read before the first paint and kept current with a
 * ResizeObserver. An explicit width (instead of recharts' ResponsiveContainer,
 * which first draws at a guessed size and then again at the real one) means
 * the 100k-point first paint draws the lines once.
 */
function useBoxWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    // clientWidth ignores CSS transforms, which is what an SVG inside a scaled reveal.js slide needs.
    const read = (): void => setWidth(Math.max(0, el.clientWidth - 2))
    read()
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}

function runColors(lines: readonly LineDef[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of lines) out[l.run.id] ??= l.color
  return out
}

/** Props of {@link ChartSvg}. */
interface ChartSvgProps {
  width: number
  height: number
  plot: PlotArea
  xScale: Scale
  yScale: Scale
  xTicks: readonly number[]
  yTicks: readonly number[]
  xTickText: (v: number) => string
  paths: readonly SeriesPath[]
  log: boolean
  markers: readonly DrawnLine[]
}

/**
 * The chart's <svg> (see [Note: one SVG, no chart library]): horizontal grid
 * lines, the axes with their tick labels, the lines, and best-point markers
 * for points inside the visible domain. Tick labels are plain <text> with
 * fixed positions: nothing is measured through the DOM.
 */
const ChartSvg = memo(function ChartSvg(props: ChartSvgProps): React.JSX.Element {
  const { width, height, plot, xScale, yScale, log } = props
  const clipId = `dd-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const right = plot.left + plot.width
  const bottom = plot.top + plot.height
  const [x0, x1] = xScale.domain
  const [y0, y1] = yScale.domain
  const inX = (v: number): boolean => v >= Math.min(x0, x1) && v <= Math.max(x0, x1)
  const inY = (v: number): boolean => v >= Math.min(y0, y1) && v <= Math.max(y0, y1) && (!log || v > 0)
  const yTicks = props.yTicks.filter(inY)
  const xTicks = props.xTicks.filter(inX)
  return (
    <svg className="recharts-surface dd-chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Training curves">
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.left} y={plot.top} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      <g className="dd-grid">
        {yTicks.map((t) => (
          <line key={t} x1={plot.left} x2={right} y1={yScale(t)} y2={yScale(t)} stroke="#3a3a3a" strokeDasharray="3 3" />
        ))}
      </g>
      <g className="dd-axis dd-x-axis">
        <line x1={plot.left} x2={right} y1={bottom} y2={bottom} stroke={AXIS_COLOR} />
        {xTicks.map((t) => {
          const x = xScale(t)
          return (
            <g key={t}>
              <line x1={x} x2={x} y1={bottom} y2={bottom + 6} stroke={AXIS_COLOR} />
              <text x={x} y={bottom + 12} dy="0.71em" textAnchor="middle" fill={AXIS_COLOR} fontSize={12} className="dd-axis-tick">
                {props.xTickText(t)}
              </text>
            </g>
          )
        })}
      </g>
      <g className="dd-axis dd-y-axis">
        <line x1={plot.left} x2={plot.left} y1={plot.top} y2={bottom} stroke={AXIS_COLOR} />
        {yTicks.map((t) => {
          const y = yScale(t)
          return (
            <g key={t}>
              <line x1={plot.left - 6} x2={plot.left} y1={y} y2={y} stroke={AXIS_COLOR} />
              <text x={plot.left - 12} y={y} dy="0.32em" textAnchor="end" fill={AXIS_COLOR} fontSize={12} className="dd-axis-tick">
                {formatValue(t)}
              </text>
            </g>
          )
        })}
      </g>
      <SeriesPaths lines={props.paths} xScale={xScale} yScale={yScale} log={log} clipId={clipId} />
      {props.markers.map(({ def, best }) =>
        best && inX(best.x) && inY(best.y) ? (
          <g key={`${def.key}~best`} className="dd-best-dot">
            <circle cx={xScale(best.x)} cy={yScale(best.y)} r={5} fill={def.color} stroke="#191919" strokeWidth={2} />
            <text x={xScale(best.x)} y={yScale(best.y) - 10} textAnchor="middle" fill={def.color} fontSize={12}>
              {formatValue(best.y)}
            </text>
          </g>
        ) : null
      )}
    </svg>
  )
})
