/**
 * Turns a model's raw output row into labelled scores: softmax for logits, exp
 * for log-probabilities, an element-wise sigmoid for multi-label heads,
 * probabilities as they are. Always sorted best first.
 */
import type { OutputKind } from '../../shared/types'

/** Numerically stable softmax (subtracts the max first). */
export function softmax(values: ArrayLike<number>): number[] {
  let max = -Infinity
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!)
  const exps = Array.from(values, (v) => Math.exp(v - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

/** Logistic function, stable for large negative inputs. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))
}

/** Scores per class in class order. */
export function scoresFor(kind: OutputKind, row: ArrayLike<number>): number[] {
  switch (kind) {
    case 'logits':
      return softmax(row)
    case 'log-probabilities':
      return Array.from(row, (v) => Math.exp(v))
    case 'sigmoid':
      return Array.from(row, sigmoid)
    case 'probabilities':
      return Array.from(row)
  }
}

/**
 * Labels with scores, best first (ties keep class order).
 * @throws Error when the row and label counts differ or a score is not finite.
 */
export function rankLabels(kind: OutputKind, row: ArrayLike<number>, labels: string[]): Array<{ label: string; score: number }> {
  if (row.length !== labels.length) {
    throw new Error(`the model returned ${row.length} scores but has ${labels.length} labels`)
  }
  const scores = scoresFor(kind, row)
  if (scores.some((s) => !Number.isFinite(s))) throw new Error('the model returned a non-finite score (NaN or Infinity)')
  return scores
    .map((score, i) => ({ label: labels[i]!, score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ label, score }) => ({ label, score }))
}
