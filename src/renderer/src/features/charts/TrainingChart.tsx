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
 * extent), explicit domains and ticks (core/series/scale.ts; the y range is
 * core/series/y-range.ts: [Note: outliers in y scaling]), and custom tick labels
 * that it does not measure, so its cost does not grow with the data. The lines
 * are precomputed SVG paths drawn inside its surface with its own scales
 * (SeriesPaths.tsx, [Note: one path per series]); fed to recharts' <Line> the
 * same points cost several times more. The pointer layer (tooltip with exact
 * values from the full series, cursor, active dots, the drag itself) is
 * ChartOverlay.tsx, a transparent layer on top whose scales map the same
 * domains onto the same plot area (MARGIN and the axis sizes below are given
 * to recharts too), so hovering never re-renders the recharts chart.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import type { RunInfo } from '../../../../shared/types'
import {
  algorithmLabels,
  bestText,
  DEFAULT_MAX_POINTS,
  formatTimeTick,
  formatX,
  linearScale,
  logScale,
  niceTicks,
  timeTicks,
  xAxisOptions,
  yAxisFor,
  yRange,
  type SmoothingAlgorithm,
  type XKey
} from '../../../../core/series'
import { errorMessage } from '../../lib/api'
import { buildLines, effectiveMetrics, summariseMissing, type LineDef } from './chart-lines'
import { ChartFrame, createDragStore, MARGIN, X_AXIS_HEIGHT, Y_AXIS_WIDTH, type BestMark, type OutsideMark } from './ChartFrame'
import { ChartLegend, type LegendEntry } from './ChartLegend'
import { ChartOverlay, type PlotArea } from './ChartOverlay'
import { ChartToolbar } from './ChartToolbar'
import { chartView } from './chart-view'
import { chartSvgText, downloadBlob, fileSlug, svgToPng } from './export-chart'
import { RunTable } from './RunTable'
import { useBoxSize } from './use-box-size'
import { useHistories } from './use-histories'
import './charts.css'

/** Starting values of the chart's controls. */
export interface ChartSettings {
  x: XKey
  smoothing: number
  algorithm: SmoothingAlgorithm
  log: boolean
  /** Leave single-batch spikes out of the y range ([Note: outliers in y scaling] in core/series/y-range.ts); false = the full extent. */
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

const EXPORT_BG = '#191919'
const EXPORT_FG = '#f2f2f2'
/** Height of a chart on a slide when its box has no height of its own (it normally fills the slide: charts.css). */
const SLIDE_MIN_HEIGHT = 120

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

  const view = useMemo(
    () => chartView(lines, histories, { xKey, hidden, algorithm, smoothing, zoom, maxPoints }),
    [lines, histories, xKey, hidden, algorithm, smoothing, zoom, maxPoints]
  )

  // As many y ticks as fit (about one per 36 px of plot), around the y range of what is in view.
  const plotHeight = height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT
  const yTickCount = Math.max(3, Math.min(size === 'page' ? 8 : 6, Math.floor(plotHeight / 36)))
  const range = useMemo(() => yRange(view.ySeries, { log, ignoreOutliers, xRange: zoom }), [view, log, ignoreOutliers, zoom])
  const yAxis = useMemo(() => yAxisFor(range?.domain ?? null, log, yTickCount), [range, log, yTickCount])
  const outside = useMemo<OutsideMark[]>(
    () => (range?.outside ?? []).map((o) => ({ ...o, color: view.ySeries.find((s) => s.label === o.label)?.color ?? '#f2f2f2' })),
    [range, view]
  )

  const xLabel = useCallback((v: number): string => formatX(xKey, v), [xKey])
  const visibleDrawn = useMemo(() => view.drawn.filter((d) => !hidden.has(d.def.key)), [view, hidden])
  const legend = useMemo<LegendEntry[]>(
    () => view.drawn.map((d) => ({ def: d.def, points: d.points, best: d.best && bestText(d.best, d.direction, xLabel).legend })),
    [view, xLabel]
  )
  const bestMarks = useMemo<BestMark[]>(
    () =>
      visibleDrawn.flatMap((d) =>
        d.best ? [{ key: d.def.key, x: d.best.x, y: d.best.y, color: d.def.color, text: bestText(d.best, d.direction, xLabel).marker }] : []
      ),
    [visibleDrawn, xLabel]
  )
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
      const {
        text,
        width,
        height: h
      } = chartSvgText(svg, {
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
        {runs.some((r) => r.metrics.length > 0)
          ? ` They have: ${[...new Set(runs.flatMap((r) => r.metrics))].slice(0, 12).join(', ')}.`
          : ' They have no training history (only a summary).'}
      </>
    )
  else if (!enabled) message = 'The chart loads when this slide is shown.'
  else if (loading && histories.size === 0) message = 'Loading training history…'
  else if (errors.size === lines.length || (view.drawn.length === 0 && errors.size > 0)) message = null
  else if (view.drawn.length === 0)
    message = `No points for ${metrics.join(', ')} against ${xAxisOptions.find((o) => o.key === xKey)?.label ?? xKey}. Try another x axis.`
  else if (visibleDrawn.length === 0) message = 'All series are hidden: click a legend entry to show it again.'

  const smoothOn = smoothing > 0
  // The x domain as two numbers, so the scales below survive re-renders that do not move it (e.g. hovering).
  const xd0 = (zoom ?? view.xExtent)?.[0]
  const xd1 = (zoom ?? view.xExtent)?.[1]
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
    const yRangePx = [plot.top + plot.height, plot.top] as const
    const yScale = log ? logScale(yAxis.domain, yRangePx) : linearScale(yAxis.domain, yRangePx)
    return { plot, xScale, yScale }
  }, [xd0, xd1, yAxis, width, height, log])
  // About one x tick per 110 px; wall time on calendar steps with dates when the range spans days.
  const xTickCount = Math.max(3, Math.min(size === 'page' ? 8 : 6, Math.floor(width / 110)))
  const integerX = view.integerX
  const xAxis = useMemo(() => {
    if (xd0 === undefined || xd1 === undefined) return { ticks: [] as number[], text: xLabel }
    if (xKey === '_timestamp') {
      const time = timeTicks(xd0, xd1, xTickCount)
      return { ticks: time.ticks, text: (v: number) => formatTimeTick(v, time) }
    }
    return { ticks: niceTicks(xd0, xd1, xTickCount, integerX), text: xLabel }
  }, [xd0, xd1, xTickCount, integerX, xKey, xLabel])
  const onZoom = useCallback((r: [number, number]) => setZoom(r), [])
  const [drag] = useState(createDragStore)
  const outsideNote = range && range.clipped > 0 ? outsideText(range.outside) : ''

  return (
    // A <div>, not a <section>: reveal.js takes every <section> inside a slide for a vertical slide of its own.
    <div className={`dd-chart dd-chart-${size}`} role="region" aria-label={`Training chart: ${title}`}>
      <ChartToolbar
        xKey={xKey}
        onXKey={(k) => {
          setXKey(k)
          setZoom(null)
        }}
        smoothing={smoothing}
        onSmoothing={setSmoothing}
        algorithm={algorithm}
        onAlgorithm={setAlgorithm}
        log={log}
        onLog={setLog}
        ignoreOutliers={ignoreOutliers}
        onIgnoreOutliers={setIgnoreOutliers}
        zoomed={zoom !== null}
        onResetZoom={() => setZoom(null)}
        canExport={visibleDrawn.length > 0}
        onExport={(kind) => void exportAs(kind)}
      />

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

      {view.drawn.length > 0 && <ChartLegend entries={legend} hidden={hidden} onToggle={toggle} />}
      <div
        className="dd-chart-box"
        data-testid="chart"
        ref={boxRef}
        style={size === 'page' ? { height } : undefined}
        data-zoomed={zoom ? 'true' : 'false'}
      >
        {message !== null || view.hover.length === 0 || !frame || !yAxis ? (
          <div className="dd-chart-empty">{message ?? 'Nothing to draw.'}</div>
        ) : (
          <>
            <ChartFrame
              width={width}
              height={height}
              xDomain={frame.xScale.domain}
              yDomain={yAxis.domain}
              xTicks={xAxis.ticks}
              yTicks={yAxis.ticks}
              xTickText={xAxis.text}
              paths={view.paths}
              log={log}
              best={bestMarks}
              outside={outside}
              drag={drag}
            />
            <ChartOverlay
              width={width}
              height={height}
              plot={frame.plot}
              xScale={frame.xScale}
              yScale={frame.yScale}
              log={log}
              lines={view.hover}
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
        {outsideNote}
        {view.nonFinite > 0 ? `${view.nonFinite} non-finite value(s) (NaN/Infinity) not drawn. ` : ''}
        {summariseMissing(missing, runs.length)}
      </p>
      {props.showTable && <RunTable runs={runs} metrics={metrics} overrides={overrides} colors={runColors(lines)} />}
    </div>
  )
}

/** "3 points of run-a · val/loss are outside the y range (▲ marks); untick “Ignore outliers” to see them." */
function outsideText(outside: ReadonlyArray<{ label: string; x: readonly number[] }>): string {
  const total = outside.reduce((n, o) => n + o.x.length, 0)
  const names =
    outside
      .slice(0, 2)
      .map((o) => o.label)
      .join(', ') + (outside.length > 2 ? ` and ${outside.length - 2} more` : '')
  return `${total} outlier point${total === 1 ? '' : 's'} of ${names} ${total === 1 ? 'is' : 'are'} outside the y range (marked ▲▼ at the edge); untick “Ignore outliers” to see ${total === 1 ? 'it' : 'them'}. `
}

function runColors(lines: readonly LineDef[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of lines) out[l.run.id] ??= l.color
  return out
}
