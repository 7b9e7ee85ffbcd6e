/**
 * What a training chart draws for its current settings: per line the full
 * series (for the tooltip, the best point and the y range), the downsampled
 * raw and smoothed paths of the visible x range, and the x extent. Smoothing
 * is cached per full series; a zoom only cuts and downsamples again (see
 * [Note: fetch once, smooth once, downsample per view] in history-store.ts).
 */
import {
  allIntegers,
  bestPoint,
  metricDirection,
  smoothedSeries,
  viewSeries,
  type BestPoint,
  type Direction,
  type Series,
  type SmoothingAlgorithm,
  type XKey,
  type YRangeSeries
} from '../../../../core/series'
import type { HoverLine } from './ChartOverlay'
import type { LineDef } from './chart-lines'
import type { RunHistory } from './history-store'
import type { SeriesPath } from './SeriesPaths'

/** A line with points against the chosen x axis. */
export interface DrawnLine {
  def: LineDef
  direction: Direction
  best: BestPoint | undefined
  points: number
}

/** Everything {@link chartView} computes. */
export interface ChartView {
  /** Lines with points (hidden ones included: the legend lists them). */
  drawn: DrawnLine[]
  /** Raw (faint) paths first, so the smoothed ones draw on top ([Note: one path per series] in SeriesPaths.tsx). */
  paths: SeriesPath[]
  /** Visible lines' full series, for the tooltip. */
  hover: HoverLine[]
  /** Visible lines' full series, for the y range (y-range.ts). */
  ySeries: Array<YRangeSeries & { color: string }>
  xExtent: [number, number] | null
  /** Every drawn x is a whole number (no tick between two epochs). */
  integerX: boolean
  /** Points whose value is NaN or ±Infinity (not drawn). */
  nonFinite: number
}

/** Settings that change what is drawn. */
export interface ViewSettings {
  xKey: XKey
  hidden: ReadonlySet<string>
  algorithm: SmoothingAlgorithm
  smoothing: number
  zoom: readonly [number, number] | null
  maxPoints: number
}

/** Best points per full series and direction: a zoom or a legend toggle does not rescan 100k points. */
const bestCache = new WeakMap<Series, Map<Direction, BestPoint | undefined>>()
function cachedBest(series: Series, direction: Direction): BestPoint | undefined {
  let perSeries = bestCache.get(series)
  if (!perSeries) bestCache.set(series, (perSeries = new Map()))
  if (!perSeries.has(direction)) perSeries.set(direction, bestPoint(series.x, series.y, direction))
  return perSeries.get(direction)
}

/** The chart's lines for `settings`, from the fetched `histories`. */
export function chartView(lines: readonly LineDef[], histories: ReadonlyMap<string, RunHistory>, settings: ViewSettings): ChartView {
  const { xKey, hidden, algorithm, smoothing, zoom, maxPoints } = settings
  const drawn: DrawnLine[] = []
  const rawPaths: SeriesPath[] = []
  const smoothPaths: SeriesPath[] = []
  const hover: HoverLine[] = []
  const ySeries: ChartView['ySeries'] = []
  const smoothOn = smoothing > 0
  let nonFinite = 0
  let xLo = Number.POSITIVE_INFINITY
  let xHi = Number.NEGATIVE_INFINITY
  let integerX = true
  for (const def of lines) {
    const history = histories.get(def.run.id)
    if (!history) continue
    const { series, stats } = history.series(def.rawKey, xKey)
    if (series.x.length === 0) continue
    nonFinite += stats.nonFinite
    const direction = metricDirection(def.metric) ?? metricDirection(def.rawKey)
    drawn.push({ def, direction, best: cachedBest(series, direction), points: series.x.length })
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
    ySeries.push({ x: series.x, y: series.y, label: def.label, color: def.color })
    const dash = def.dash || undefined
    if (smoothOn)
      rawPaths.push({ key: `${def.key}~raw`, x: view.x, y: view.raw, color: def.color, width: 1, opacity: 0.22, dash, className: 'dd-line-raw' })
    smoothPaths.push({ key: def.key, x: view.x, y: view.smooth, color: def.color, width: 2, opacity: 1, dash, className: 'dd-line-smooth' })
  }
  return { drawn, paths: [...rawPaths, ...smoothPaths], hover, ySeries, xExtent: xLo <= xHi ? [xLo, xHi] : null, integerX, nonFinite }
}
