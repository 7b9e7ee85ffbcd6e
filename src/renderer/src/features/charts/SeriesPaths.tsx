/**
 * The chart's lines: ONE precomputed SVG path per series, drawn inside the
 * recharts chart with recharts' own x and y scales and plot area.
 *
 * [Note: one path per series]
 * A recharts <Line> builds an object per data row (props spread into every
 * point, label-list bookkeeping) for every line over the MERGED rows: with
 * 4 metrics × raw + smoothed that was ~40k objects and most of a 100k-step
 * first paint. Here a line is a `d` string built straight from its
 * downsampled typed arrays (one point per horizontal pixel at most); recharts
 * still draws the frame, axes, grid, zoom selection (ReferenceArea) and
 * best-point markers (ReferenceDot). The markup keeps recharts' class names
 * (`recharts-line` / `recharts-line-curve`) so exports, styles, tests and the
 * benchmark see the same SVG as a <Line> would give.
 */
import { memo, useId, useMemo } from 'react'
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts'

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
}

/** A value → pixel mapping (recharts' scales may answer undefined). */
export type PixelScale = (value: number) => number | undefined

/** `M x,y L x,y …` for the finite (and, on a log axis, positive) points; gaps are bridged as recharts' connectNulls did. */
export function pathD(x: Float64Array, y: Float64Array, xs: PixelScale, ys: PixelScale, log: boolean): string {
  let d = ''
  for (let i = 0; i < x.length; i++) {
    const v = y[i]!
    if (v - v !== 0 || (log && v <= 0)) continue
    const px = xs(x[i]!)
    const py = ys(v)
    if (px === undefined || py === undefined || px - px !== 0 || py - py !== 0) continue
    d += `${d === '' ? 'M' : 'L'}${Math.round(px * 100) / 100},${Math.round(py * 100) / 100}`
  }
  return d
}

/**
 * Draws `lines` as paths clipped to the plot area. Must be rendered as a
 * child of a recharts cartesian chart: it reads the chart's scales, so the
 * lines follow its axes' domains exactly.
 */
export const SeriesPaths = memo(function SeriesPaths({ lines, log }: { lines: readonly SeriesPath[]; log: boolean }): React.JSX.Element | null {
  const xScale = useXAxisScale() as PixelScale | undefined
  const yScale = useYAxisScale() as PixelScale | undefined
  const area = usePlotArea()
  const clipId = `dd-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const ds = useMemo(() => (xScale && yScale ? lines.map((l) => pathD(l.x, l.y, xScale, yScale, log)) : null), [lines, xScale, yScale, log])
  if (!ds || !area) return null
  return (
    <g className="dd-series">
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
    </g>
  )
})
