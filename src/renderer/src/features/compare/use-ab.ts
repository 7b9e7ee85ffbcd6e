/**
 * The A/B demo's prediction call and session tally. The call asks the host
 * for both models at once (`compare:predict`) and hands the predictor model
 * A's answer with the whole A/B answer attached, so the demo's usual
 * predictor (sequence numbers, one-slot queue; see [Note: live predictions
 * without a debounce] in demo/use-predictor.ts) drives it unchanged.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { AbPrediction, Prediction } from '../../../../shared/types'
import { inputKey } from './ab-format'
import { api } from '../../lib/api'
import type { PredictCall } from '../demo/use-predictor'

/** A prediction that carries both models' answers, and a short key of the input they answered. */
export type AbResult = Prediction & { ab: AbPrediction; inputKey: string }

/** Reads the A/B answer back from what the predictor shows. */
export function abOf(result: Prediction | null): AbPrediction | null {
  return result && 'ab' in result ? (result as AbResult).ab : null
}

/** The predictor call for model `a` against model `b`. */
export function useAbCall(a: string, b: string): PredictCall {
  return useMemo<PredictCall>(
    () => async (input) => {
      const ab = await api['compare:predict']({ id: a, other: b, input })
      const shown = ab.a.prediction ?? { predictions: [], latencyMs: Number.NaN }
      return { ...shown, ab, inputKey: inputKey(input) } satisfies AbResult
    },
    [a, b]
  )
}

/** What the session has seen so far: answers, agreements and each model's latencies. */
export interface AbTally {
  answers: number
  agreed: number
  latencyA: number[]
  latencyB: number[]
}

const MAX_KEPT = 200

/**
 * Adds each new answer (by sequence number) to the tally. The same input asked again (the slide shown once
 * more, a model reloaded after its parity check) is not a new answer: it is left out, so one example typed
 * once reads "agreed on 1 of 1".
 */
export function useAbTally(result: Prediction | null, seq: number): AbTally {
  const [tally, setTally] = useState<AbTally>({ answers: 0, agreed: 0, latencyA: [], latencyB: [] })
  const counted = useRef(0)
  const lastKey = useRef<string | null>(null)
  useEffect(() => {
    const ab = abOf(result)
    if (!ab || seq <= counted.current || !ab.agreement) return
    counted.current = seq
    const key = (result as AbResult).inputKey ?? null
    if (key !== null && key === lastKey.current) return
    lastKey.current = key
    // The first answer of each model includes warming its session up: count it, but leave its time out.
    setTally((t) => ({
      answers: t.answers + 1,
      agreed: t.agreed + (ab.agreement!.sameTop ? 1 : 0),
      latencyA: t.answers === 0 ? [] : [...t.latencyA, ab.a.prediction!.latencyMs].slice(-MAX_KEPT),
      latencyB: t.answers === 0 ? [] : [...t.latencyB, ab.b.prediction!.latencyMs].slice(-MAX_KEPT)
    }))
  }, [result, seq])
  return tally
}
