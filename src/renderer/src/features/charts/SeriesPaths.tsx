/**
 * The chart's lines: ONE precomputed SVG path per series.
 *
 * [Note: one path per series]
 * A line is a single `d` string built straight from its downsampled typed
 * arrays (one point per horizontal pixel at most), never a React element or
 * object per point. The markup keeps the class names of the recharts version
 * (`recharts-line` / `recharts-line-curve`) so exports, styles, tests and the
 * benchmark see the same SVG as before.
 */
import { memo, useMemo } from 'react'
import type { Scale } from '../../../../core/series'

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

/** `M x,y L x,y …` for the finite (and, on a log axis, positive) points; gaps are bridged as recharts' connectNulls did. */
export function pathD(x: Float64Array, y: Float64Array, xs: Scale, ys: Scale, log: boolean): string {
  let d = ''
  for (let i = 0; i < x.length; i++) {
    const v = y[i]!
    if (v - v !== 0 || (log && v <= 0)) continue
    const px = xs(x[i]!)
    const py = ys(v)
    if (px - px !== 0 || py - py !== 0) continue
    d += `${d === '' ? 'M' : 'L'}${Math.round(px * 100) / 100},${Math.round(py * 100) / 100}`
  }
  return d
}

/** Draws `lines` as paths, clipped to the plot (`clipId`). */
export const SeriesPaths = memo(function SeriesPaths({
  lines,
  xScale,
  yScale,
  log,
  clipId
}: {
  lines: readonly SeriesPath[]
  xScale: Scale
  yScale: Scale
  log: boolean
  clipId: string
}): React.JSX.Element {
  const ds = useMemo(() => lines.map((l) => pathD(l.x, l.y, xScale, yScale, log)), [lines, xScale, yScale, log])
  return (
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
  )
})
