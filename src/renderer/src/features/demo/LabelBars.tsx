/**
 * Result bars in the style of Gradio's Label output: the top-k labels sorted by
 * score, each a row with label, percentage and a horizontal bar, the winner
 * highlighted. Plain elements, not an SVG chart, because this updates on every
 * keystroke (see bench/demo-keystroke.bench.ts); the full distribution is drawn
 * with recharts in DistributionChart, which renders only when asked for.
 */
import { memo, useMemo } from 'react'
import type { Prediction } from '../../../../shared/types'
import { formatPercent } from './demo-format'

/** Props of {@link LabelBars}. */
export interface LabelBarsProps {
  prediction: Prediction | null
  /** How many rows to show. */
  top: number
  /** Sequence number of the answer shown; written to `data-seq` so tests and the bench can see each update. */
  seq: number
  /** true while the input on screen is newer than the answer shown (dims the bars after a moment). */
  stale?: boolean
  /** Shown instead of bars before the first answer. */
  emptyHint: string
}

/** Sorted top-k label bars with stable test ids (`prediction-bars`, `prediction-row`). */
export const LabelBars = memo(function LabelBars({ prediction, top, seq, stale, emptyHint }: LabelBarsProps) {
  const rows = useMemo(() => sortedScores(prediction).slice(0, Math.max(1, top)), [prediction, top])
  return (
    <div className={`dm-bars${stale ? ' is-stale' : ''}`} data-testid="prediction-bars" data-seq={seq} role="list" aria-label="Predicted labels">
      {rows.length === 0 ? (
        <div className="dm-bars-empty">{emptyHint}</div>
      ) : (
        rows.map((row, i) => (
          <div key={row.label} className={`dm-row${i === 0 ? ' is-top' : ''}`} data-testid="prediction-row" role="listitem">
            <div className="dm-row-head">
              <span className="dm-row-label" title={row.label}>
                {row.label}
              </span>
              <span className="dm-row-pct">{formatPercent(row.score)}</span>
            </div>
            <div className="dm-row-track">
              <div className="dm-row-fill" style={{ transform: `scaleX(${Math.max(0, Math.min(1, row.score))})` }} />
            </div>
          </div>
        ))
      )}
    </div>
  )
})

/** The prediction's scores, highest first (the host may already sort; we do not rely on it). */
export function sortedScores(prediction: Prediction | null): Array<{ label: string; score: number }> {
  if (!prediction) return []
  return [...prediction.predictions].sort((a, b) => b.score - a.score)
}
