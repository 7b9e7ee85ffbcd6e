/**
 * Reading a sweep: the clean prediction, the per-strength points (top label,
 * the clean label's confidence), the strength where the top label flips, and
 * for a set of inputs the agreement with the clean prediction and the
 * accuracy per strength. Pure: the worker and the host feed it rankings.
 */
import type { LabelScore, ProbeFlip, ProbePoint } from '../../shared/probe-types'

/** How many labels a point keeps. */
export const POINT_LABELS = 3

/** The first label of a ranking (rankings are best first). */
function topOf(ranked: LabelScore[]): LabelScore {
  return ranked[0] ?? { label: '—', score: Number.NaN }
}

/**
 * Points and flip of one sweep.
 * @param clean ranking of the clean input (best first)
 * @param rows ranking at each strength, in the order of `strengths`
 */
export function summarizeSweep(
  strengths: readonly number[],
  clean: LabelScore[],
  rows: LabelScore[][],
  previews?: readonly string[]
): { clean: LabelScore; points: ProbePoint[]; flip: ProbeFlip | null } {
  const cleanTop = topOf(clean)
  const points = strengths.map((strength, i): ProbePoint => {
    const ranked = rows[i] ?? []
    const point: ProbePoint = {
      strength,
      top: topOf(ranked),
      cleanScore: ranked.find((p) => p.label === cleanTop.label)?.score ?? 0,
      predictions: ranked.slice(0, POINT_LABELS)
    }
    if (previews?.[i] !== undefined) point.preview = previews[i]
    return point
  })
  return { clean: cleanTop, points, flip: findFlip(cleanTop.label, points) }
}

/** First point (in sweep order) whose top label is not `cleanLabel`. */
export function findFlip(cleanLabel: string, points: readonly ProbePoint[]): ProbeFlip | null {
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!
    if (point.top.label !== cleanLabel) {
      return { strength: point.strength, after: i > 0 ? points[i - 1]!.strength : point.strength, label: point.top.label }
    }
  }
  return null
}

/** The label an example stands for: one reading shared with the drift check and the A/B (core/models/example-truth.ts). */
export { exampleTruth } from '../models/example-truth'

/**
 * Agreement and accuracy per strength over a set.
 * @param clean each input's clean top label
 * @param tops each input's top label per strength
 * @param truths each input's label, or null when unknown
 */
export function setCurves(
  clean: readonly string[],
  tops: readonly (readonly string[])[],
  truths: readonly (string | null)[],
  strengthCount: number
): { agreement: number[]; accuracy: number[] | null; labelled: number } {
  const n = clean.length
  const labelled = truths.filter((t) => t !== null).length
  const agreement: number[] = []
  const accuracy: number[] = []
  for (let s = 0; s < strengthCount; s++) {
    let agree = 0
    let correct = 0
    for (let i = 0; i < n; i++) {
      const top = tops[i]?.[s]
      if (top === clean[i]) agree++
      if (truths[i] !== null && top === truths[i]) correct++
    }
    agreement.push(n ? agree / n : 0)
    accuracy.push(labelled ? correct / labelled : 0)
  }
  return { agreement, accuracy: labelled ? accuracy : null, labelled }
}
