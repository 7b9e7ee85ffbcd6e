/**
 * All N class probabilities as a recharts horizontal bar chart (BarChart with
 * layout="vertical"), on the full-screen demo page under the live bars. It
 * renders through useDeferredValue so redrawing the SVG never delays the live
 * bars of the next keystroke (the bench measures both).
 */
import { memo, useDeferredValue, useMemo } from 'react'
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts'
import type { Prediction } from '../../../../shared/types'
import { formatPercent } from './demo-format'
import { sortedScores } from './LabelBars'

/** Props of {@link DistributionChart}. */
export interface DistributionChartProps {
  prediction: Prediction | null
  /** Pixel height of one bar row. */
  rowHeight?: number
}

// SVG presentation attributes cannot read CSS variables, so colours come from demo.css by class.

/** The full distribution over every label, sorted, winner in the accent colour. */
export const DistributionChart = memo(function DistributionChart({ prediction, rowHeight = 30 }: DistributionChartProps) {
  const deferred = useDeferredValue(prediction)
  const data = useMemo(
    () => sortedScores(deferred).map((p) => ({ label: p.label, pct: Math.max(0, Math.min(1, p.score)) * 100, score: p.score })),
    [deferred]
  )
  if (data.length === 0) return null
  const longest = data.reduce((n, d) => Math.max(n, d.label.length), 0)
  return (
    <div className="dm-chart" data-testid="prediction-chart">
      <BarChart
        layout="vertical"
        data={data}
        responsive
        width="100%"
        height={data.length * rowHeight + 16}
        margin={{ top: 2, right: 60, bottom: 2, left: 0 }}
        accessibilityLayer={false}
      >
        <XAxis type="number" domain={[0, 100]} hide />
        <YAxis
          type="category"
          dataKey="label"
          width={Math.min(170, 14 + longest * 7.5)}
          tickLine={false}
          axisLine={false}
          interval={0}
          tick={{ fontSize: 15 }}
        />
        <Bar dataKey="pct" isAnimationActive={false} radius={[0, 4, 4, 0]} background>
          {data.map((d, i) => (
            <Cell key={d.label} className={i === 0 ? 'dm-chart-top' : 'dm-chart-bar'} />
          ))}
          <LabelList dataKey="score" position="right" formatter={(v: unknown) => formatPercent(Number(v))} className="dm-chart-value" />
        </Bar>
      </BarChart>
    </div>
  )
})
