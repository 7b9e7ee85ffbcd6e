/**
 * The A/B demo's side of the mirror: the input and model A's bars, with one line saying what model B
 * answered and whether the two agree (what the audience sees beside A's bars).
 */
import type { PredictInput, Prediction } from '../../../../shared/types'
import type { AbPrediction } from '../../../../shared/types'
import { formatPercent } from '../demo/demo-format'
import { cut, mirrorInputOf, mirrorPredictions } from './mirror-input'
import { usePublishMirror } from './use-mirror'
import type { MirrorPlace } from './use-demo-mirror'

/** Component id of an A/B demo in the mirror. */
export const abComponent = (a: string, b: string): string => `ab:${a}:${b}`

/** The line under A's bars: B's top label and whether they agree. */
export function abSummary(ab: AbPrediction | null, nameB: string): string | undefined {
  if (!ab) return undefined
  const topB = ab.b.prediction ? mirrorPredictions(ab.b.prediction)[0] : undefined
  const b = ab.b.error ? `${nameB} failed: ${ab.b.error}` : topB ? `${nameB}: ${topB.label} ${formatPercent(topB.score)}` : `${nameB}: no answer`
  const verdict = ab.agreement ? (ab.agreement.sameTop ? ' · the two agree' : ' · the two disagree') : ''
  return cut(b + verdict, 500)
}

/** Publishes an A/B demo's state for the presenter while `place` is set (text and tabular inputs; an image by name). */
export function useAbMirror(
  place: MirrorPlace | undefined,
  shown: {
    a: string
    b: string
    nameB: string
    input: PredictInput | null
    result: Prediction | null
    ab: AbPrediction | null
    error: string | null
    top: number
  }
): void {
  const summary = abSummary(shown.ab, shown.nameB)
  usePublishMirror(
    place && (shown.input || shown.error)
      ? {
          slide: place.slide,
          component: abComponent(shown.a, shown.b),
          input: mirrorInputOf(shown.input),
          predictions: mirrorPredictions(shown.result),
          top: Math.max(1, Math.min(100, shown.top)),
          error: shown.error ? cut(shown.error, 500) : null,
          ...(summary ? { summary } : {})
        }
      : null
  )
}
