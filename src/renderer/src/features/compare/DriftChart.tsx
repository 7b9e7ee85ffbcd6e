/**
 * One column's two histograms (reference vs current share per bin) as a
 * recharts bar chart: the bins the PSI was computed on.
 */
import { memo, useMemo } from 'react'
import { Bar, BarChart, Legend, XAxis, YAxis } from 'recharts'
import type { ColumnDrift } from '../../../../shared/types'

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
        <XAxis dataKey="bin" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
        <YAxis unit="%" width={44} tick={{ fontSize: 11 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {/* Fixed colours: SVG presentation attributes cannot read CSS variables, and the legend copies `fill`. */}
        <Bar dataKey="reference" name="reference" fill="#8a94a6" isAnimationActive={false} />
        <Bar dataKey="current" name="current" fill="#3b82f6" isAnimationActive={false} />
      </BarChart>
    </div>
  )
})
