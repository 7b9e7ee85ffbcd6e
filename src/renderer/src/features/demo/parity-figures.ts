/**
 * The model card's two parity lines (export and preprocessing) as words. Pure, for unit tests.
 *
 * [Note: a shape mismatch is not a figure]
 * When ONNX Runtime's outputs (or demodeck's feeds) have another shape than the reference, there is no
 * difference to measure: the parity check reports it as an infinite difference, sent as Number.MAX_VALUE
 * (JSON has no Infinity). Printed as a number that reads "1.8e308" or "within Infinity pt"; the card
 * says "shape mismatch" instead.
 */
import type { ParityReport } from '../../../../shared/types'
import { formatSci } from './demo-format'

/** True for the stand-in of an unmeasurable (shape-mismatched) difference. */
export const isMismatch = (value: number): boolean => !Number.isFinite(value) || value >= Number.MAX_VALUE

/** "Export parity: max abs diff 3e-7 ≤ 1e-4 over 3 samples", or the shape mismatch. */
export function exportParityLine(report: ParityReport): string {
  const ex = report.exportParity
  const over = `over ${ex.samples} sample${ex.samples === 1 ? '' : 's'}`
  if (isMismatch(ex.maxAbsDiff)) return `Export parity: shape mismatch — ONNX Runtime's outputs do not have the reference's shape (${over})`
  return `Export parity: max abs diff ${formatSci(ex.maxAbsDiff)} ${ex.ok ? '≤' : '>'} ${formatSci(report.tolerance)} ${over}`
}

/** "Preprocessing parity: inputs within 2e-3, scores within 0.1 pt, same top label on every sample"; null without that check. */
export function preprocessingParityLine(report: ParityReport): string | null {
  const pre = report.preprocessingParity
  if (!pre) return null
  const top = pre.sameTop ? ', same top label on every sample' : ', a different top label'
  const inputs = isMismatch(pre.maxFeedDiff) ? 'shape mismatch in the inputs' : `inputs within ${formatSci(pre.maxFeedDiff)}`
  const scores = isMismatch(pre.maxScoreDiff) ? 'shape mismatch in the scores' : `scores within ${(pre.maxScoreDiff * 100).toPrecision(2)} pt`
  return `Preprocessing parity: ${inputs}, ${scores}${top}`
}
