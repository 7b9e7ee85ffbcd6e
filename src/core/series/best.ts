/**
 * Best points: the lowest loss, the highest accuracy. Which way is "better"
 * is guessed from the metric name; unknown metrics get no marker.
 */

/** Whether lower or higher values are better; null when we cannot tell. */
export type Direction = 'min' | 'max' | null

const LOWER_IS_BETTER = /(^|[^a-z])(loss|error|err|mse|mae|rmse|perplexity|ppl|cer|wer|nll)($|[^a-z])/i
const HIGHER_IS_BETTER = /(^|[^a-z])(acc|accuracy|f1|auc|auroc|precision|recall|map|iou|dice|bleu|rouge|r2|top1|top5)($|[^a-z0-9])/i

/** Direction for a metric key, e.g. `val/loss` → 'min', `val/acc` → 'max', `lr` → null. */
export function metricDirection(key: string): Direction {
  const spaced = key.replace(/_/g, ' ')
  if (LOWER_IS_BETTER.test(spaced)) return 'min'
  if (HIGHER_IS_BETTER.test(spaced)) return 'max'
  return null
}

/** The best finite point of a series. */
export interface BestPoint {
  index: number
  x: number
  y: number
}

/** Best finite point (first one on ties); undefined when no direction or no finite value. */
export function bestPoint(x: ArrayLike<number>, y: ArrayLike<number>, direction: Direction): BestPoint | undefined {
  if (direction === null) return undefined
  // One plain loop per direction (no per-point branch on it): this runs over every point of a full series on a first paint.
  let best = -1
  let bestY = 0
  if (direction === 'min') {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!
      if (v - v === 0 && (best < 0 || v < bestY)) {
        best = i
        bestY = v
      }
    }
  } else {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!
      if (v - v === 0 && (best < 0 || v > bestY)) {
        best = i
        bestY = v
      }
    }
  }
  return best < 0 ? undefined : { index: best, x: x[best]!, y: y[best]! }
}
