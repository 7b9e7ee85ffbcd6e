/**
 * One column's two histograms (reference vs current share per bin) as a
 * recharts bar chart: the bins the PSI was computed on.
 */
import { memo, useMemo } from 'react'
import { Bar, BarChart, Legend, XAxis, YAxis } from 'recharts'
import type { ColumnDrift } from '../../../../shared/types'

/**
 * Text size of the axes and legend: the preflight's minimum readable size on a 1280×720 slide (MIN_TEXT_PX in
 * core/preflight/checks.ts; a copy, so this lazy chunk does not carry the whole preflight).
 */
const TEXT_PX = 14

/** Reference and current shares per bin, side by side. */
export const DriftChart = memo(function DriftChart({ column, height = 220 }: { column: ColumnDrift; height?: number }) {
  const data = useMemo(
    () =>
      column.histogram.bins.map((bin, k) => ({
        bin,
        reference: (column.histogram.reference[k] ?? 0) * 100,
        current: (column.histogram.current[k] ?? 0) * 100
      })),
    [column]
  )
  return (
    <div className="dr-chart" data-testid="drift-chart" data-column={column.name}>
      <BarChart data={data} responsive width="100%" height={height} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
        {/* Every label it can fit without overlap (a gap of 4 px), at the preflight's readable minimum. */}
        <XAxis dataKey="bin" tick={{ fontSize: TEXT_PX }} interval="preserveStartEnd" minTickGap={4} />
        <YAxis unit="%" width={52} tick={{ fontSize: TEXT_PX }} />
        <Legend wrapperStyle={{ fontSize: TEXT_PX }} />
        {/* Fixed colours: SVG presentation attributes cannot read CSS variables, and the legend copies `fill`. */}
        <Bar dataKey="reference" name="reference" fill="#8a94a6" isAnimationActive={false} />
        <Bar dataKey="current" name="current" fill="#3b82f6" isAnimationActive={false} />
      </BarChart>
    </div>
  )
})
