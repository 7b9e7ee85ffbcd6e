/**
 * The chart's lines, drawn as ONE precomputed SVG path per series inside the
 * recharts chart (its axes' scales, its plot area, its z-order).
 *
 * [Note: one path per series]
 * A recharts <Line> builds an object per data row (props spread into every
 * point, label-list bookkeeping) for every line, over the MERGED rows — with
 * 4 metrics × raw + smoothed that was ~40k objects and most of a 100k-step
 * first paint. Here a line is a `d` string built straight from its
 * downsampled typed arrays; recharts still draws axes, grid, tooltip,
 * ReferenceArea zoom and ReferenceDot markers. The markup keeps recharts'
 * class names (`recharts-line` / `recharts-line-curve`) so exports, styles
 * and tests see the same SVG as before.
 */
import { useId, useMemo } from 'react'
import { DefaultZIndexes, useActiveTooltipLabel, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts'
import { niceTicks } from '../../../../core/series'

/** One line to draw. */
export interface SeriesPath {
  key: string
  x: Float64Array
  y: Float64Array
  color: string
  width: number
  opacity: number
  dash: string | undefined
  /** 'dd-line-raw' | 'dd-line-smooth' */
  className: string
  /** Draw a dot at the hovered x (smoothed lines, as recharts' activeDot did). */
  activeDot: boolean
}

type Scale = (value: number) => number | undefined

/** `M x,y L x,y …` for the finite (and, on a log axis, positive) points; gaps are bridged as connectNulls did. */
function pathD(line: SeriesPath, xs: Scale, ys: Scale, log: boolean): string {
  const parts: string[] = []
  for (let i = 0; i < line.x.length; i++) {
    const v = line.y[i]!
    if (!Number.isFinite(v) || (log && v <= 0)) continue
    const px = xs(line.x[i]!)
    const py = ys(v)
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) continue
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${Math.round(px * 100) / 100},${Math.round(py * 100) / 100}`)
  }
  return parts.join('')
}

/** Index of the point of sorted `x` nearest to `value`. */
function nearest(x: Float64Array, value: number): number {
  let lo = 0
  let hi = x.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (x[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo > 0 && Math.abs(x[lo - 1]! - value) <= Math.abs(x[lo]! - value) ? lo - 1 : lo
}

/** Draws `lines` as paths; must be rendered inside a recharts cartesian chart. */
export function SeriesPaths({ lines, log }: { lines: readonly SeriesPath[]; log: boolean }): React.JSX.Element | null {
  const xScale = useXAxisScale() as Scale | undefined
  const yScale = useYAxisScale() as Scale | undefined
  const area = usePlotArea()
  const clipId = `dd-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const ds = useMemo(() => (xScale && yScale ? lines.map((l) => pathD(l, xScale, yScale, log)) : null), [lines, xScale, yScale, log])
  if (!ds || !area) return null
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <defs>
        <clipPath id={clipId}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {lines.map((l, i) => (
          <g key={l.key} className={`recharts-layer recharts-line ${l.className}`}>
            <path
              className="recharts-curve recharts-line-curve"
              d={ds[i]}
              fill="none"
              stroke={l.color}
              strokeWidth={l.width}
              strokeOpacity={l.opacity}
              strokeDasharray={l.dash}
            />
          </g>
        ))}
      </g>
      <ActiveDots lines={lines} xScale={xScale!} yScale={yScale!} log={log} />
    </ZIndexLayer>
  )
}

/** A dot on each smoothed line at the hovered x (the tooltip's active label). */
function ActiveDots({ lines, xScale, yScale, log }: { lines: readonly SeriesPath[]; xScale: Scale; yScale: Scale; log: boolean }): React.JSX.Element | null {
  const label = useActiveTooltipLabel()
  const value = typeof label === 'number' ? label : Number(label)
  if (label === undefined || label === null || !Number.isFinite(value)) return null
  const dots: React.JSX.Element[] = []
  for (const l of lines) {
    if (!l.activeDot || l.x.length === 0) continue
    const i = nearest(l.x, value)
    const y = l.y[i]!
    if (!Number.isFinite(y) || (log && y <= 0)) continue
    const cx = xScale(l.x[i]!)
    const cy = yScale(y)
    if (cx === undefined || cy === undefined) continue
    dots.push(<circle key={l.key} className="dd-active-dot" cx={cx} cy={cy} r={4} fill={l.color} stroke="#191919" strokeWidth={2} />)
  }
  return <g>{dots}</g>
}

/**
 * The y axis for the drawn values: on a linear axis nice round ticks whose
 * first and last tick enclose every value (what recharts' 'auto' domain did
 * from its <Line>s, which are no longer there to read); on a log axis the data
 * extent. Null when there is no finite value to show.
 */
export function yAxisFor(lines: readonly SeriesPath[], log: boolean, count: number): { domain: [number, number]; ticks: number[] | undefined } | null {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const l of lines) {
    for (let i = 0; i < l.y.length; i++) {
      const v = l.y[i]!
      if (!Number.isFinite(v) || (log && v <= 0)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (lo > hi) return null
  if (log) return { domain: lo === hi ? [lo / 2, hi * 2] : [lo, hi], ticks: undefined }
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1
    lo -= pad
    hi += pad
  }
  const inner = niceTicks(lo, hi, count)
  if (inner.length < 2) return { domain: [lo, hi], ticks: undefined }
  const step = inner[1]! - inner[0]!
  const round = (v: number): number => Number(v.toPrecision(12))
  const ticks = [...(inner[0]! > lo ? [round(inner[0]! - step)] : []), ...inner, ...(inner[inner.length - 1]! < hi ? [round(inner[inner.length - 1]! + step)] : [])]
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks }
}
