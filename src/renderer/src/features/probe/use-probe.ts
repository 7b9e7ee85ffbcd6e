/**
 * The probe panel's calls: a sweep of the current input whenever the input,
 * the perturbation or the seed changes, and the exact prediction at the
 * slider's strength.
 *
 * [Note: the probe never slows typing]
 * A sweep starts only after the input has been still for `SWEEP_IDLE_MS`, at
 * most one sweep and one slider call are in flight (newer requests replace
 * queued ones), and answers for an older input are dropped. The sweep itself
 * runs in the model's inference worker as one batch, so a keystroke's
 * prediction waits for at most one batch there.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ProbeResult, ProbeSetResult } from '../../../../shared/probe-types'
import type { PredictInput } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'

/** Quiet time after the last input change before a sweep starts, ms. */
export const SWEEP_IDLE_MS = 300
/** Strengths in a sweep the panel asks for. */
export const SWEEP_STEPS = 20

/** What a sweep is of. */
export interface ProbeSettings {
  perturbation: string
  seed: number
  feature?: string | undefined
}

/** One call at a time per kind; the newest waiting request replaces an older one. */
function useLatestCall<A, R>(
  run: (args: A) => Promise<R>
): { result: R | null; error: string | null; busy: boolean; request: (args: A) => void; reset: () => void } {
  const [state, setState] = useState<{ result: R | null; error: string | null; busy: boolean }>({ result: null, error: null, busy: false })
  const inFlight = useRef(false)
  const queued = useRef<{ args: A } | null>(null)
  const generation = useRef(0)
  const runRef = useRef(run)
  runRef.current = run
  const start = useCallback((args: A): void => {
    inFlight.current = true
    const gen = generation.current
    setState((s) => ({ ...s, busy: true }))
    runRef.current(args).then(
      (result) => finish(gen, { result, error: null }),
      (error: unknown) => finish(gen, { result: null, error: errorMessage(error) })
    )
    function finish(gen: number, outcome: { result: R | null; error: string | null }): void {
      inFlight.current = false
      const next = queued.current
      queued.current = null
      // Only the answer to the newest request is shown; a queued one runs next.
      if (gen === generation.current && !next) setState({ ...outcome, busy: false })
      if (next) start(next.args)
    }
  }, [])
  const request = useCallback(
    (args: A): void => {
      generation.current++
      if (inFlight.current) queued.current = { args }
      else start(args)
    },
    [start]
  )
  const reset = useCallback(() => {
    generation.current++
    queued.current = null
    setState({ result: null, error: null, busy: false })
  }, [])
  return { ...state, request, reset }
}

/** Sweeps, the slider's point and the examples run for one model's probe panel. */
export function useProbe(modelId: string, input: PredictInput | null, settings: ProbeSettings, enabled: boolean) {
  const sweep = useLatestCall((args: { input: PredictInput; settings: ProbeSettings }) =>
    api['probe:run']({ id: modelId, input: args.input, ...clean(args.settings), steps: SWEEP_STEPS })
  )
  const point = useLatestCall((args: { input: PredictInput; settings: ProbeSettings; strength: number }) =>
    api['probe:run']({ id: modelId, input: args.input, ...clean(args.settings), strengths: [args.strength] })
  )
  const examples = useLatestCall((args: { settings: ProbeSettings }) => api['probe:set']({ id: modelId, ...clean(args.settings), steps: 11 }))

  const { perturbation, seed, feature } = settings
  const requestSweep = sweep.request
  useEffect(() => {
    if (!enabled || !input) return
    const timer = setTimeout(() => requestSweep({ input, settings: { perturbation, seed, feature } }), SWEEP_IDLE_MS)
    return () => clearTimeout(timer)
  }, [enabled, input, perturbation, seed, feature, requestSweep])

  const requestPoint = point.request
  const at = useCallback(
    (strength: number) => {
      if (input) requestPoint({ input, settings: { perturbation, seed, feature }, strength })
    },
    [input, perturbation, seed, feature, requestPoint]
  )
  const requestExamples = examples.request
  const runExamples = useCallback(
    () => requestExamples({ settings: { perturbation, seed, feature } }),
    [perturbation, seed, feature, requestExamples]
  )

  return {
    sweep: sweep as { result: ProbeResult | null; error: string | null; busy: boolean },
    point: point as { result: ProbeResult | null; error: string | null; busy: boolean },
    examples: examples as { result: ProbeSetResult | null; error: string | null; busy: boolean },
    at,
    runExamples,
    resetExamples: examples.reset
  }
}

function clean(settings: ProbeSettings): { perturbation: string; seed: number; feature?: string } {
  return { perturbation: settings.perturbation, seed: settings.seed, ...(settings.feature ? { feature: settings.feature } : {}) }
}
