/**
 * The training-curve chart shared by `::chart` slides and the /runs page:
 * runs × metrics overlaid, smoothed (raw kept faint), best points marked,
 * drag to zoom, log scale, x-axis choice, PNG/SVG export, and a clear message
 * instead of an empty box whenever there is nothing to draw.
 *
 * Data flow: see [Note: fetch once, smooth once, downsample per view] in
 * history-store.ts and [Note: smooth the full series] in core/series/smoothing.ts.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { CartesianGrid, LineChart, ReferenceArea, ReferenceDot, Tooltip, XAxis, YAxis } from 'recharts'
import type { RunInfo } from '../../../../shared/types'
import {
  algorithmLabels,
  bestPoint,
  DEFAULT_MAX_POINTS,
  formatValue,
  formatX,
  mergeLines,
  metricDirection,
  niceTicks,
  smoothedSeries,
  viewSeries,
  xAxisOptions,
  type BestPoint,
  type ChartRow,
  type SmoothingAlgorithm,
  type XKey
} from '../../../../core/series'
import { errorMessage } from '../../lib/api'
import { buildLines, effectiveMetrics, type LineDef } from './chart-lines'
import { chartSvgText, downloadBlob, fileSlug, svgToPng } from './export-chart'
import { RunTable } from './RunTable'
import { SeriesPaths, yAxisFor, type SeriesPath } from './SeriesPaths'
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

/** recharts' mouse state → x value under the pointer. */
function xFromMouse(state: unknown, rows: readonly ChartRow[]): number | undefined {
  const s = state as { activeLabel?: unknown; activeIndex?: unknown } | null
  if (!s) return undefined
  if (typeof s.activeLabel === 'number' && Number.isFinite(s.activeLabel)) return s.activeLabel
  const index = Number(s.activeIndex)
  return Number.isInteger(index) ? rows[index]?.x : undefined
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
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null)
  const [retryToken, setRetryToken] = useState(0)
  const [exportError, setExportError] = useState<string | null>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const width = useBoxWidth(boxRef)
  // More points than horizontal pixels cannot be seen; recharts' cost grows with rows × lines.
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
    const views: Array<{ id: string; view: ReturnType<typeof viewSeries> }> = []
    // [Note: one path per series] in SeriesPaths.tsx: raw (faint) lines first so smoothed ones draw on top.
    const rawPaths: SeriesPath[] = []
    const smoothPaths: SeriesPath[] = []
    const smoothOn = smoothing > 0
    let nonFinite = 0
    for (const def of lines) {
      const history = histories.get(def.run.id)
      if (!history) continue
      const { series, stats } = history.series(def.rawKey, xKey)
      if (series.x.length === 0) continue
      nonFinite += stats.nonFinite
      const direction = metricDirection(def.metric) ?? metricDirection(def.rawKey)
      drawn.push({ def, best: bestPoint(series.x, series.y, direction), points: series.x.length })
      if (hidden.has(def.key)) continue
      const smoothed = smoothedSeries(series, algorithm, smoothing)
      const view = viewSeries(series, smoothed, { range: zoom, maxPoints })
      views.push({ id: def.dataKey, view })
      const dash = def.dash || undefined
      if (smoothOn)
        rawPaths.push({ key: `${def.key}~raw`, x: view.x, y: view.raw, color: def.color, width: 1, opacity: 0.22, dash, className: 'dd-line-raw', activeDot: false })
      smoothPaths.push({ key: def.key, x: view.x, y: view.smooth, color: def.color, width: 2, opacity: 1, dash, className: 'dd-line-smooth', activeDot: true })
    }
    const paths = [...rawPaths, ...smoothPaths]
    return { drawn, rows: mergeLines(views, { log }), paths, yAxis: yAxisFor(paths, log, size === 'page' ? 8 : 5), nonFinite }
  }, [lines, histories, xKey, hidden, algorithm, smoothing, zoom, log, maxPoints, size])

  const visibleDrawn = computed.drawn.filter((d) => !hidden.has(d.def.key))
  const height = size === 'page' ? 520 : 260
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
  const rows = computed.rows
  const snapRows = useMemo(() => snapGrid(rows, width), [rows, width])
  const xTicks = zoom ? niceTicks(zoom[0], zoom[1], size === 'page' ? 8 : 6) : rows.length > 0 ? niceTicks(rows[0]!.x, rows[rows.length - 1]!.x, size === 'page' ? 8 : 6) : undefined
  const xLabel = (v: number): string => formatX(xKey, v)

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
        {message !== null || computed.rows.length === 0 || !computed.yAxis || width === 0 ? (
          <div className="dd-chart-empty">{message ?? 'Nothing to draw.'}</div>
        ) : (
            <LineChart
              width={width}
              height={height}
              data={snapRows}
              margin={{ top: 18, right: 24, bottom: 8, left: 8 }}
              onMouseDown={(s) => {
                const x = xFromMouse(s, snapRows)
                if (x !== undefined) setDrag({ start: x, end: x })
              }}
              onMouseMove={(s) => {
                if (!drag) return
                const x = xFromMouse(s, snapRows)
                if (x !== undefined && x !== drag.end) setDrag({ start: drag.start, end: x })
              }}
              onMouseUp={() => {
                if (drag && drag.start !== drag.end) setZoom([Math.min(drag.start, drag.end), Math.max(drag.start, drag.end)])
                setDrag(null)
              }}
              onMouseLeave={() => setDrag(null)}
            >
              {/* Horizontal lines only: recharts' vertical grid re-measures x tick labels through the DOM (see [Note: no text measuring]). */}
              <CartesianGrid stroke="#3a3a3a" strokeDasharray="3 3" vertical={false} verticalCoordinatesGenerator={noGridLines} />
              <XAxis
                dataKey="x"
                type="number"
                domain={zoom ?? [rows[0]!.x, rows[rows.length - 1]!.x]}
                allowDataOverflow
                ticks={xTicks}
                interval={0}
                tick={(p: TickProps) => <AxisTick {...p} text={xKey === '_timestamp' ? xLabel(p.payload.value).slice(11, 16) : xLabel(p.payload.value)} />}
                stroke="#a0a0a0"
              />
              <YAxis
                scale={log ? 'log' : 'linear'}
                // Our own extent: no <Line> feeds recharts the values any more (SeriesPaths.tsx).
                domain={computed.yAxis?.domain}
                ticks={computed.yAxis?.ticks}
                allowDataOverflow
                interval={0}
                tick={(p: TickProps) => <AxisTick {...p} text={formatValue(p.payload.value)} />}
                stroke="#a0a0a0"
                width={64}
              />
              <Tooltip
                isAnimationActive={false}
                // recharts hides its box when no <Line> gave it a payload; TooltipBody renders nothing when inactive.
                wrapperStyle={{ visibility: 'visible' }}
                content={(p) => <TooltipBody active={p.active} row={rowAt(rows, p.label)} lines={visibleDrawn} xLabel={xLabel} smoothOn={smoothOn} />}
              />
              <SeriesPaths lines={computed.paths} log={log} />
              {visibleDrawn.map(({ def, best }) =>
                best && (!log || best.y > 0) ? (
                  <ReferenceDot
                    key={`${def.key}~best`}
                    x={best.x}
                    y={best.y}
                    r={5}
                    ifOverflow="discard"
                    shape={(p: { cx?: number; cy?: number }) => <BestMarker cx={p.cx ?? 0} cy={p.cy ?? 0} color={def.color} text={formatValue(best.y)} />}
                  />
                ) : null
              )}
              {drag && drag.start !== drag.end && (
                <ReferenceArea x1={Math.min(drag.start, drag.end)} x2={Math.max(drag.start, drag.end)} fill="#42affa" fillOpacity={0.15} ifOverflow="extendDomain" />
              )}
            </LineChart>
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

const noGridLines = (): number[] => []

/** What recharts passes to a custom tick renderer (the part we use). */
interface TickProps {
  x?: number | string
  y?: number | string
  orientation?: string
  payload: { value: number }
}

/**
 * A plain SVG tick label. [Note: no text measuring] recharts' own <Text> and
 * its automatic tick thinning measure every label through a DOM span, each a
 * forced layout of a page that holds thousands of path points; with
 * `interval={0}` and these labels a first paint does no such measuring.
 */
function AxisTick({ x: xp = 0, y: yp = 0, orientation, text }: TickProps & { text: string }): React.JSX.Element {
  const x = Number(xp)
  const y = Number(yp)
  const vertical = orientation === 'left' || orientation === 'right'
  return (
    <text
      x={vertical ? x - 4 : x}
      y={vertical ? y : y + 4}
      dy={vertical ? '0.32em' : '0.71em'}
      textAnchor={vertical ? 'end' : 'middle'}
      fill="#a0a0a0"
      fontSize={12}
      className="dd-axis-tick"
    >
      {text}
    </text>
  )
}

/** Best-point marker: a dot with its value above it (see [Note: no text measuring]). */
function BestMarker({ cx, cy, color, text }: { cx: number; cy: number; color: string; text: string }): React.JSX.Element {
  return (
    <g className="dd-best-dot">
      <circle cx={cx} cy={cy} r={5} fill={color} stroke="#191919" strokeWidth={2} />
      <text x={cx} y={cy - 10} textAnchor="middle" fill={color} fontSize={12}>
        {text}
      </text>
    </g>
  )
}

function runColors(lines: readonly LineDef[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of lines) out[l.run.id] ??= l.color
  return out
}

/**
 * What recharts gets as `data`: only the x values the pointer can snap to,
 * about one per pixel. The lines never read it (SeriesPaths.tsx), and recharts
 * copies and scans its data in its store, so the full merged rows (up to
 * lines × points) stay here for the tooltip to look up by x.
 */
function snapGrid(rows: readonly ChartRow[], width: number): ChartRow[] {
  const step = Math.max(1, Math.ceil(rows.length / Math.max(200, width)))
  const out: ChartRow[] = []
  for (let i = 0; i < rows.length; i += step) out.push({ x: rows[i]!.x } as ChartRow)
  const last = rows[rows.length - 1]
  if (last && out[out.length - 1]?.x !== last.x) out.push({ x: last.x } as ChartRow)
  return out
}

/** The merged row at x = `label` (the tooltip's active x), by binary search over the x-sorted rows. */
function rowAt(rows: readonly ChartRow[], label: unknown): ChartRow | undefined {
  const x = typeof label === 'number' ? label : Number(label)
  if (label === undefined || label === null || !Number.isFinite(x) || rows.length === 0) return undefined
  let lo = 0
  let hi = rows.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (rows[mid]!.x < x) lo = mid + 1
    else hi = mid
  }
  return rows[lo]
}

function TooltipBody(props: {
  active: boolean | undefined
  row: ChartRow | undefined
  lines: readonly DrawnLine[]
  xLabel: (v: number) => string
  smoothOn: boolean
}): React.JSX.Element | null {
  const row = props.row
  if (!props.active || !row) return null
  return (
    <div className="dd-chart-tooltip">
      <div className="dd-chart-tooltip-x">{props.xLabel(row.x)}</div>
      <table>
        <tbody>
          {props.lines.map(({ def }) => {
            const smooth = row[def.dataKey]
            const raw = row[`${def.dataKey}~raw`]
            if (smooth === undefined && raw === undefined) return null
            return (
              <tr key={def.key}>
                <td>
                  <span className="dd-swatch" style={{ background: def.color }} />
                  {def.label}
                </td>
                <td className="dd-num">{typeof raw === 'number' ? String(Number(raw.toPrecision(8))) : '—'}</td>
                {props.smoothOn && <td className="dd-num dd-muted">{typeof smooth === 'number' ? `smoothed ${formatValue(smooth)}` : ''}</td>}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
