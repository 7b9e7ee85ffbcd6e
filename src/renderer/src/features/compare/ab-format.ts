/**
 * Words and figures of the A/B demo: the agreement line, size and speed
 * ratios, and the running tally over a session. Pure, so unit tests read the
 * same sentences the audience does.
 */
import type { AbPrediction, AbSetReport, PredictInput } from '../../../../shared/types'
import { formatBytes, formatMs, formatPercent } from '../demo/demo-format'

/** "same answer · largest difference 0.3 pp" or "they disagree: A says x, B says y". */
export function agreementLine(ab: AbPrediction): { agree: boolean | null; text: string } {
  if (!ab.agreement) {
    const failed = !ab.a.prediction ? ab.a : ab.b
    return { agree: null, text: `${failed.name} could not answer: ${failed.error ?? 'no answer'}` }
  }
  const pp = (ab.agreement.maxDiff * 100).toFixed(ab.agreement.maxDiff < 0.01 ? 2 : 1)
  if (ab.agreement.sameTop) return { agree: true, text: `Same answer · largest probability difference ${pp} pp` }
  const top = (p: AbPrediction['a']): string => p.prediction?.predictions[0]?.label ?? '—'
  return { agree: false, text: `They disagree: ${ab.a.name} says “${top(ab.a)}”, ${ab.b.name} says “${top(ab.b)}” (${pp} pp apart)` }
}

/** "3.5× smaller" / "1.2× larger" / "same size": B against A. */
export function sizeRatio(a: number | null, b: number | null): string | null {
  if (!a || !b) return null
  const r = a / b
  if (Math.abs(r - 1) < 0.05) return 'same size'
  return r > 1 ? `${r.toFixed(1)}× smaller` : `${(1 / r).toFixed(1)}× larger`
}

/** "1.6× faster" / "1.2× slower" / "as fast": B against A, from latencies in ms. */
export function speedRatio(a: number, b: number): string | null {
  if (!(a > 0) || !(b > 0)) return null
  const r = a / b
  if (Math.abs(r - 1) < 0.05) return 'as fast'
  return r > 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`
}

/** One side's size for its column head. */
export function sizeText(bytes: number | null): string {
  return bytes === null ? 'size unknown' : formatBytes(bytes)
}

/** A set run in one line per model plus the agreement, for the examples button. */
export function setSummary(report: AbSetReport): string[] {
  const acc = (x: number | null): string => (x === null ? 'no labelled items' : `${formatPercent(x)} right`)
  const agreeCount = Math.round(report.agreement * report.set.size)
  return [
    `${report.a.name}: ${acc(report.a.accuracy)} · p50 ${formatMs(report.a.latency.p50)}`,
    `${report.b.name}: ${acc(report.b.accuracy)} · p50 ${formatMs(report.b.latency.p50)}`,
    `Agree on ${agreeCount} of ${report.set.size} (${formatPercent(report.agreement)})${report.set.labelled < report.set.size ? ` · ${report.set.labelled} with a known label` : ''}`
  ]
}

/**
 * A short key that tells inputs apart: the text or the features themselves, an image by its length and ends
 * (a data URL of a megabyte is not worth comparing whole).
 */
export function inputKey(input: PredictInput): string {
  if ('image' in input) return `image:${input.image.length}:${input.image.slice(-64)}`
  return JSON.stringify(input)
}
