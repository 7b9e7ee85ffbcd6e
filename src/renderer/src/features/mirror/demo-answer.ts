/**
 * What the presenter's demo preview says about the answer on the audience screen: its bars and one line
 * naming whose answer it is. Pure, for unit tests.
 *
 * [Note: the answer names its own source]
 * The switch says what the presenter asked for; the answer says who answered. A deployed demo whose
 * endpoint failed shows the local model's answer, and right after Local → Deployed the answer on screen is
 * still the local one: the preview names the answer's `source`, never the switch. A deployed API that
 * returns only a label (`predictions: []`) is previewed by its label, not as "no answer".
 */
import type { DemoSource, EndpointPrediction, Prediction } from '../../../../shared/types'
import { MIRROR_LIMITS } from '../../../../shared/mirror-limits'
import { cut, mirrorPredictions } from './mirror-input'

/** The bars and the one-line summary the demo publishes. */
export interface MirroredAnswer {
  predictions: Array<{ label: string; score: number }>
  /** Empty when nothing needs saying (the local model answered, as asked). */
  summary: string
}

const isEndpointPrediction = (result: Prediction): result is EndpointPrediction => 'deployed' in result && 'source' in result

/** The preview of `result`, shown while the switch is on `chosen`. */
export function mirrorDemoAnswer(chosen: DemoSource, result: Prediction | null): MirroredAnswer {
  if (!result) return { predictions: [], summary: '' }
  const predictions = mirrorPredictions(result)
  if (!isEndpointPrediction(result) || result.source === 'local') {
    if (chosen === 'local') return { predictions, summary: '' }
    const failed = isEndpointPrediction(result) && !result.deployed.ok
    return { predictions, summary: failed ? 'the local model’s answer (the deployed endpoint did not answer)' : 'the local model’s answer' }
  }
  const both = chosen === 'both' && result.local !== null ? ' · the local answer beside it' : ''
  const only = result.labelOnly
  if (only && predictions.length === 0) {
    const score = only.reportedScore
    const scored = score !== undefined && Number.isFinite(score)
    const label = cut(only.label, 200)
    return {
      predictions: scored ? [{ label, score }] : [],
      summary: cut(`the deployed model’s answer: “${label}”${scored ? '' : ' (a label, no scores)'}${both}`, MIRROR_LIMITS.line)
    }
  }
  return { predictions, summary: `the deployed model’s answer${both}` }
}
