/**
 * The prediction loop behind every demo input.
 *
 * [Note: live predictions without a debounce]
 * Every change predicts at once (no timer). Each request gets a sequence
 * number; an answer is shown only when it is newer than the one on screen, so
 * a slow answer for "hel" never overwrites the answer for "hello". At most two
 * requests are in flight; anything typed meanwhile waits in a one-slot queue
 * where the newest input replaces older ones, so a burst of keystrokes costs
 * two or three inferences, not one per key, and the last one always runs.
 * Only answers touch React state: sending a request renders nothing. The queue itself is
 * predict-queue.ts.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { PredictInput, Prediction } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { describeInput, percentile } from './demo-format'
import { PredictQueue } from './predict-queue'
import { usePrinting } from '../print/printing'

/** Where an input came from; typing bursts share one history row. */
export type InputSource = 'typing' | 'example' | 'draw' | 'file' | 'paste' | 'camera' | 'form'

export interface HistoryEntry {
  key: number
  input: string
  label: string
  score: number
  source: InputSource
  at: number
}

export interface PredictorState {
  /** The answer on screen, null before the first one. */
  result: Prediction | null
  /** The input that produced `result`. */
  input: PredictInput | null
  /** Sequence number of the answer on screen (0 = none). */
  seq: number
  error: string | null
  /** Round-trip time of the last answer, measured here (request to answer). */
  roundTripMs: number | null
  p50: number
  p95: number
  count: number
  history: HistoryEntry[]
}

export interface Predictor extends PredictorState {
  /** Predicts `input` now (or as soon as a request slot frees up). */
  predict: (input: PredictInput, source: InputSource) => void
  /** Shows a client-side error (e.g. a file that is not an image) as if the API had answered it. */
  fail: (message: string) => void
}

const MAX_IN_FLIGHT = 2
const MAX_LATENCIES = 200
const MAX_HISTORY = 6
/** Keystrokes closer together than this update the same history row. */
const TYPING_BURST_MS = 2000

interface Queued {
  input: PredictInput
  source: InputSource
}

/** Asks for one prediction; the default asks the local model (`models:predict`). */
export type PredictCall = (input: PredictInput) => Promise<Prediction>

/**
 * Live predictions for one model; remount (key by model id) to start fresh. `call` replaces the local
 * model (the deployed-endpoint demo passes one; keep it stable with useCallback).
 */
export function usePredictor(modelId: string, call?: PredictCall): Predictor {
  const [state, setState] = useState<PredictorState>({
    result: null,
    input: null,
    seq: 0,
    error: null,
    roundTripMs: null,
    p50: Number.NaN,
    p95: Number.NaN,
    count: 0,
    history: []
  })
  const latencies = useRef<number[]>([])
  const historyKey = useRef(0)
  // A printed copy's predictions are not the session's: they stay out of the prediction log.
  const printing = usePrinting()
  const localCall = useCallback<PredictCall>(
    (input) => api['models:predict']({ id: modelId, input, ...(printing ? { log: false } : {}) }),
    [modelId, printing]
  )
  // One queue for the hook's life; its caller follows `call` (see [Note: the queue asks whoever is current]).
  const [queue] = useState(
    () =>
      new PredictQueue<Queued, Prediction>(
        (job) => localCall(job.input),
        (answer) => {
          const { job, seq, ms } = answer
          if (!answer.ok) {
            setState((prev) => ({ ...prev, seq, error: errorMessage(answer.error) }))
            return
          }
          const lat = latencies.current
          lat.push(ms)
          if (lat.length > MAX_LATENCIES) lat.shift()
          const p50 = percentile(lat, 50)
          const p95 = percentile(lat, 95)
          // flushSync: commit now, in this task, instead of one scheduler hop later; on a busy
          // machine every hop can cost milliseconds of the keystroke-to-bars budget.
          flushSync(() =>
            setState((prev) => ({
              result: answer.value,
              input: job.input,
              seq,
              error: null,
              roundTripMs: ms,
              p50,
              p95,
              count: prev.count + 1,
              history: pushHistory(prev.history, job, answer.value, historyKey)
            }))
          )
        },
        MAX_IN_FLIGHT
      )
  )
  const current = call ?? localCall
  queue.setCaller((job) => current(job.input))

  const predict = useCallback((input: PredictInput, source: InputSource): void => void queue.submit({ input, source }), [queue])

  const fail = useCallback(
    (message: string): void => {
      const seq = queue.supersede()
      setState((prev) => ({ ...prev, seq, error: message }))
    },
    [queue]
  )

  return useMemo(() => ({ ...state, predict, fail }), [state, predict, fail])
}

function pushHistory(history: HistoryEntry[], job: Queued, result: Prediction, key: { current: number }): HistoryEntry[] {
  const top = result.predictions.reduce<{ label: string; score: number } | null>(
    (best, p) => (best === null || p.score > best.score ? p : best),
    null
  )
  const now = Date.now()
  const entry: HistoryEntry = {
    key: ++key.current,
    input: describeInput(job.input),
    label: top?.label ?? '—',
    score: top?.score ?? Number.NaN,
    source: job.source,
    at: now
  }
  const head = history[0]
  const sameAsHead = head && head.input === entry.input && head.label === entry.label
  if (head && (sameAsHead || (job.source === 'typing' && head.source === 'typing' && now - head.at < TYPING_BURST_MS))) {
    return [{ ...entry, key: head.key }, ...history.slice(1)]
  }
  return [entry, ...history].slice(0, MAX_HISTORY)
}
