/**
 * The probe and prediction-log channels of the host (issue #14), kept out of
 * create-host.ts: `probeHandlers` builds them, and `logged` wraps the
 * prediction channels so every answer lands in the session's log.
 */
import type { Events } from '../../shared/api'
import type { LoggedPrediction, LogSource } from '../../shared/probe-types'
import type { EndpointPrediction, PredictInput, Prediction } from '../../shared/types'
import { PredictionLog } from '../../core/probe/prediction-log'
import type { ModelServiceApi } from '../services'
import { ProbeService } from './probe-service'
import type { Handlers } from '../create-host'

/** Shortest time between two `log:changed` events, ms. */
export const LOG_EVENT_MS = 250

type ProbeChannels = 'probe:run' | 'probe:set' | 'log:list' | 'log:export' | 'log:clear'

/** The probe service, the session's log, and their channel handlers. */
export function probeHandlers(
  models: ModelServiceApi,
  emit: (event: 'log:changed', payload: Events['log:changed']) => void
): {
  handlers: Pick<Handlers, ProbeChannels>
  /** Records a local prediction and passes it on. */
  logLocal: (id: string, input: PredictInput, prediction: Prediction) => Prediction
  /** Records a deployed-endpoint answer (or its local fallback) and passes it on. */
  logEndpoint: (id: string, input: PredictInput, prediction: EndpointPrediction) => EndpointPrediction
} {
  const probe = new ProbeService(models)
  const log = new PredictionLog()
  // [Note: a throttled log event] Typing predicts on every key: the windows hear about the log at most
  // every LOG_EVENT_MS, with the newest entry, so logging never adds a push per keystroke.
  let last: LoggedPrediction | null = null
  let timer: NodeJS.Timeout | null = null
  const record = (id: string, source: LogSource, input: PredictInput, prediction: Prediction): void => {
    last = log.add(id, source, input, prediction)
    notify()
  }
  const notify = (): void => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      emit('log:changed', { total: log.page(undefined, 1).total, last })
    }, LOG_EVENT_MS)
    timer.unref?.()
  }
  // [Note: the newest probe set wins] A set sweep runs up to MAX_PROBE_SET inputs one after another in the
  // model's worker; when a newer set of the same model arrives (the settings changed), the older one stops at
  // its next input instead of keeping the worker busy for an answer nobody waits for.
  const sets = new Map<string, AbortController>()
  /** Passes a probe's answer on; a failure is noted for the presenter first. */
  const noted = async <T>(id: string, perturbation: string, run: Promise<T>, quiet = (): boolean => false): Promise<T> => {
    try {
      return await run
    } catch (error) {
      if (!quiet()) {
        log.addProblem({ at: new Date().toISOString(), model: id, perturbation, message: error instanceof Error ? error.message : String(error) })
        notify()
      }
      throw error
    }
  }
  return {
    handlers: {
      'probe:run': ({ id, input, ...options }) => noted(id, options.perturbation, probe.run(id, input, options)),
      'probe:set': async ({ id, inputs, ...options }) => {
        sets.get(id)?.abort()
        const controller = new AbortController()
        sets.set(id, controller)
        try {
          // A set replaced by a newer one is no problem worth the presenter's attention.
          return await noted(id, options.perturbation, probe.set(id, inputs, options, controller.signal), () => controller.signal.aborted)
        } finally {
          if (sets.get(id) === controller) sets.delete(id)
        }
      },
      'log:list': async ({ model, limit }) => log.page(model, limit),
      'log:export': async ({ format, model }) => log.export(format, model),
      'log:clear': async () => {
        last = null
        return { cleared: log.clear() }
      }
    },
    logLocal(id, input, prediction) {
      record(id, 'local', input, prediction)
      return prediction
    },
    logEndpoint(id, input, prediction) {
      // endpoint:predict answers locally only when the deployed call failed (see endpoint-service.ts).
      const source: LogSource = prediction.source === 'deployed' ? 'deployed' : 'local-fallback'
      // A label-only deployed answer has no distribution: log its label with the score it reported (or none).
      const shown: Prediction =
        prediction.labelOnly && prediction.predictions.length === 0
          ? {
              predictions: [{ label: prediction.labelOnly.label, score: prediction.labelOnly.reportedScore ?? Number.NaN }],
              latencyMs: prediction.latencyMs
            }
          : prediction
      record(id, source, input, shown)
      return prediction
    }
  }
}
