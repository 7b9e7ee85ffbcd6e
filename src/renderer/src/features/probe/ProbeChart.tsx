/**
 * The probe's recharts line charts: for one input, the confidence in the
 * clean label (and the top score) along the strength axis, the slider's
 * strength as a marker and the flip as a shaded band; for a set, agreement
 * with the clean predictions and accuracy along the same axis.
 */
import { memo, useMemo } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts'
import { formatStrength } from '../../../../core/probe/catalog'
import type { ProbeResult, ProbeSetResult } from '../../../../shared/probe-types'
import { setRows, sweepRows } from './probe-format'

// SVG presentation attributes cannot read CSS variables, so colours come from probe.css by class.

const percentTick = (v: number): string => `${Math.round(v)}%`

/** Confidence vs strength for one input. */
export const SweepChart = memo(function SweepChart({ result, marker, height }: { result: ProbeResult; marker: number | null; height: number }) {
  const rows = useMemo(() => sweepRows(result), [result])
  const first = rows[0]?.strength ?? 0
  const last = rows.at(-1)?.strength ?? 1
  return (
    <div className="dm-probe-chart" data-testid="probe-chart" data-flip={result.flip ? formatStrength(result.flip.strength) : ''}>
      <LineChart data={rows} responsive width="100%" height={height} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid className="dm-probe-grid" vertical={false} />
        <XAxis
          type="number"
          dataKey="strength"
          domain={[Math.min(first, last), Math.max(first, last)]}
          tickFormatter={formatStrength}
          tick={{ fontSize: 13 }}
        />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={percentTick} width={44} tick={{ fontSize: 13 }} />
        {result.flip && (
          <ReferenceArea
            x1={result.flip.strength}
            x2={last}
            className="dm-probe-flipped"
            ifOverflow="hidden"
            label={{ value: `→ ${result.flip.label}`, position: 'insideTopRight', className: 'dm-probe-flip-label' }}
          />
        )}
        {marker !== null && <ReferenceLine x={marker} className="dm-probe-marker" ifOverflow="hidden" />}
        <Line
          type="monotone"
          dataKey="clean"
          name={`confidence in “${result.clean.label}”`}
          className="dm-probe-line-clean"
          dot={false}
          isAnimationActive={false}
          strokeWidth={3}
        />
        <Line
          type="monotone"
          dataKey="top"
          name="top score"
          className="dm-probe-line-top"
          dot={false}
          isAnimationActive={false}
          strokeWidth={1.5}
          strokeDasharray="5 4"
        />
      </LineChart>
      <ChartKey
        items={[
          ['clean', `confidence in “${result.clean.label}”`],
          ['top', 'top score']
        ]}
      />
    </div>
  )
})

/** The lines' names under a chart, coloured by the same classes as the lines (recharts' legend cannot read CSS colours). */
function ChartKey({ items }: { items: Array<[string, string]> }): React.JSX.Element {
  return (
    <div className="dm-probe-key">
      {items.map(([kind, name]) => (
        <span key={kind}>
          <i className={`dm-probe-swatch dm-probe-swatch-${kind}`} aria-hidden="true" /> {name}
        </span>
      ))}
    </div>
  )
}

/** Agreement and accuracy vs strength over a set of inputs. */
export const SetChart = memo(function SetChart({ result, height }: { result: ProbeSetResult; height: number }) {
  const rows = useMemo(() => setRows(result), [result])
  return (
    <div className="dm-probe-chart" data-testid="probe-set-chart">
      <LineChart data={rows} responsive width="100%" height={height} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid className="dm-probe-grid" vertical={false} />
        <XAxis type="number" dataKey="strength" domain={['dataMin', 'dataMax']} tickFormatter={formatStrength} tick={{ fontSize: 13 }} />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={percentTick} width={44} tick={{ fontSize: 13 }} />
        <Line
          type="monotone"
          dataKey="agreement"
          name="agreement with the clean prediction"
          className="dm-probe-line-clean"
          dot
          isAnimationActive={false}
          strokeWidth={3}
        />
        {result.accuracy && (
          <Line
            type="monotone"
            dataKey="accuracy"
            name={`accuracy (${result.labelled} labelled)`}
            className="dm-probe-line-accuracy"
            dot
            isAnimationActive={false}
            strokeWidth={2}
          />
        )}
      </LineChart>
      <ChartKey
        items={[
          ['clean', 'agreement with the clean prediction'],
          ...(result.accuracy ? [['accuracy', `accuracy (${result.labelled} labelled)`] as [string, string]] : [])
        ]}
      />
    </div>
  )
})
