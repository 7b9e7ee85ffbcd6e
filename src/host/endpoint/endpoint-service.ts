/**
 * The host's deployed-endpoint service: knows every endpoint of the deck
 * (model configs and `::demo{endpoint="…"}` URLs; endpoint-targets.ts),
 * discovers how to call it, keeps its health, wakes it (endpoint-wake.ts), and
 * answers `endpoint:predict` with the deployed answer and the local model's
 * side by side.
 *
 * [Note: the local model always answers]
 * Every `predict` starts the local ONNX prediction and the deployed call at the
 * same time. The deployed call is bounded by its timeout (default 3 s) and can
 * be cancelled; whatever happens to it, the answer carries the local model's
 * prediction, so the demo shows the local answer with a calm notice instead of
 * waiting or failing. (When the deployed model did answer, the local one is
 * only waited for briefly: [Note: a deployed answer does not wait for a cold load].)
 * The model's token goes only where [Note: a slide's URL never gets the token]
 * (core/endpoint/auth-scope.ts) allows. Diagnostics go to `failures` in the health, which only
 * the presenter shows.
 */
import { ApiError } from '../../shared/api'
import type { DeployedResult, EndpointHealth, EndpointPrediction, PredictInput, Prediction } from '../../shared/types'
import { LOCAL_STILL_LOADING } from '../../shared/types-endpoint'
import { recordSize } from '../../core/endpoint/config'
import { redactMessage } from '../../core/secrets/redact'
import { agreement, formatTimeout } from '../../core/endpoint/outcome'
import type { ModelServiceApi } from '../services'
import { resolveAuth, type TokenStore } from './auth'
import { callDeployed, type CallResult } from './deployed-call'
import { discoverPlan } from './endpoint-discovery'
import { COLD_MS, wasQuiet, type Target } from './endpoint-target'
import { EndpointTargets } from './endpoint-targets'
import { wakeTargets, wakeUncheckedTargets, type WakeContext } from './endpoint-wake'
import { RecordStore } from './record-store'

/** Options of the endpoint service. */
export interface EndpointServiceOptions {
  deckRoot: string
  models: ModelServiceApi
  env?: NodeJS.ProcessEnv
  tokens?: TokenStore
  /** `::demo{model endpoint}` pairs of the current deck. */
  directiveEndpoints?: () => Array<{ model: string; url: string }>
  onChange?: (health: EndpointHealth[]) => void
  log?: (message: string) => void
  /** How long a deployed answer waits for the local model's (default LOCAL_GRACE_MS). */
  localGraceMs?: number
}

const MAX_FAILURES = 8
/** How long a deployed answer waits for the local model's; see [Note: a deployed answer does not wait for a cold load]. */
export const LOCAL_GRACE_MS = 150

/** `promise`'s value if it settles within `ms`, else a "still loading" failure (the promise keeps running). */
async function withGrace<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: string }>, ms: number) {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<{ ok: false; error: string }>((done) => {
    timer = setTimeout(() => done({ ok: false, error: LOCAL_STILL_LOADING }), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

function describeInput(input: PredictInput): string {
  if ('text' in input) return input.text.length > 60 ? input.text.slice(0, 59) + '…' : input.text
  if ('image' in input) return 'an image'
  if ('node' in input) return `node ${input.node}`
  return `${Object.keys(input.features).length} features`
}

/** Implements the `endpoint:*` channels. */
export class EndpointService {
  private readonly targets: EndpointTargets
  private readonly wakeContext: WakeContext
  private readonly records: RecordStore
  private readonly env: NodeJS.ProcessEnv
  private readonly log: (message: string) => void
  private emitTimer: NodeJS.Timeout | null = null
  private disposed = false

  constructor(private readonly options: EndpointServiceOptions) {
    this.env = options.env ?? process.env
    this.log = options.log ?? (() => undefined)
    this.records = new RecordStore(options.deckRoot, this.log)
    this.targets = new EndpointTargets({
      deckRoot: options.deckRoot,
      models: options.models,
      records: this.records,
      env: this.env,
      ...(options.tokens ? { tokens: options.tokens } : {}),
      ...(options.directiveEndpoints ? { directiveEndpoints: options.directiveEndpoints } : {})
    })
    this.wakeContext = {
      targets: this.targets,
      env: this.env,
      ...(options.tokens ? { tokens: options.tokens } : {}),
      changed: () => this.changed(),
      fail: (target, message) => this.fail(target, message),
      status: () => this.status()
    }
  }

  /** Re-reads configs and directives (after a models or slides change); health of unchanged endpoints is kept. */
  refresh(): Promise<Map<string, Target>> {
    return this.targets.refresh()
  }

  /** Health of every endpoint. */
  async status(): Promise<EndpointHealth[]> {
    return [...(await this.targets.all()).values()].map((t) => ({
      ...t.health,
      record: this.records.get(t.model.id),
      auth: this.targets.authHealth(t)
    }))
  }

  private changed(): void {
    if (this.emitTimer || this.disposed || !this.options.onChange) return
    this.emitTimer = setTimeout(() => {
      this.emitTimer = null
      void this.status().then(
        (list) => this.options.onChange?.(list),
        () => undefined
      )
    }, 150)
    this.emitTimer.unref()
  }

  private fail(target: Target, message: string): void {
    const auth = resolveAuth(target.config, this.env, this.options.tokens)
    const clean = redactMessage(message, auth.secret)
    target.health.failures = [{ at: new Date().toISOString(), message: clean }, ...target.health.failures].slice(0, MAX_FAILURES)
    this.log(`[endpoint ${target.model.id}] ${clean}`)
  }

  // ------------------------------------------------------------ predict

  /** Asks the deployed model and the local model at once; see the note at the top. */
  async predict(id: string, input: PredictInput, url?: string, timeoutOverride?: number): Promise<EndpointPrediction> {
    const target = await this.targets.find(id, url)
    const timeoutMs = timeoutOverride ?? target.config.timeoutMs
    const localRun: Promise<{ ok: true; value: Prediction } | { ok: false; error: string }> = this.options.models.predict(id, input).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) })
    )
    const controller = new AbortController()
    target.inflight.add(controller)
    const t0 = performance.now()
    let result: CallResult
    try {
      const planned = await discoverPlan(target, resolveAuth(target.config, this.env, this.options.tokens).headers, timeoutMs, controller.signal)
      if ('error' in planned) {
        const spent = performance.now() - t0
        const timedOut = planned.transient && spent >= timeoutMs - 5
        result = {
          ok: false,
          ms: spent,
          curl: null,
          failure: planned.transient ? (timedOut ? 'timeout' : 'unreachable') : 'config',
          notice: timedOut
            ? `deployed endpoint did not answer in ${formatTimeout(timeoutMs)} — local model`
            : planned.transient
              ? 'deployed endpoint unreachable — local model'
              : 'deployed endpoint is not set up right — local model',
          detail: planned.error
        }
      } else {
        result = await callDeployed(
          planned.plan,
          target.config,
          target.model,
          input,
          resolveAuth(target.config, this.env, this.options.tokens),
          Math.max(1, timeoutMs - (performance.now() - t0)),
          controller.signal,
          timeoutMs
        )
        if (result.ok || result.status !== undefined) result = { ...result, ms: performance.now() - t0 }
      }
    } finally {
      target.inflight.delete(controller)
    }
    // [Note: a deployed answer does not wait for a cold load]
    // The local model's first run loads its session (up to a minute for a large model on a slow laptop).
    // Once the deployed model has answered, the local one gets a short grace to be compared with it, then
    // the answer goes out without it ("still loading"); the next run finds it warm. A failed deployed
    // call still waits: then the local model is the answer.
    const local = result.ok ? await withGrace(localRun, this.options.localGraceMs ?? LOCAL_GRACE_MS) : await localRun
    const at = new Date().toISOString()
    const deployed: DeployedResult = {
      ok: result.ok,
      predictions: result.ok ? result.answer.predictions : [],
      latencyMs: result.ms,
      curl: result.curl,
      host: target.health.host,
      at,
      ...(result.ok
        ? {
            kind: result.answer.kind,
            label: result.answer.label,
            status: result.status,
            ...(result.answer.reportedScore !== undefined ? { reportedScore: result.answer.reportedScore } : {}),
            ...(result.answer.note ? { note: result.answer.note } : {})
          }
        : {
            failure: result.failure,
            notice: result.notice,
            detail: result.detail,
            ...(result.status !== undefined ? { status: result.status } : {})
          })
    }
    this.noteOutcome(target, result, input, at)
    const localPrediction = local.ok ? local.value : null
    if (result.ok) {
      const answer = result.answer
      const agree = localPrediction ? agreement(answer, localPrediction.predictions) : undefined
      return {
        predictions: answer.predictions,
        latencyMs: result.ms,
        source: 'deployed',
        ...(answer.kind === 'label'
          ? { labelOnly: { label: answer.label, ...(answer.reportedScore !== undefined ? { reportedScore: answer.reportedScore } : {}) } }
          : {}),
        deployed,
        local: localPrediction,
        ...(local.ok ? {} : { localError: local.error }),
        ...(agree ? { agreement: agree } : {})
      }
    }
    if (!local.ok) throw new ApiError('runtime', `${result.notice?.replace(/ — local model$/, '')}, and the local model failed too: ${local.error}`)
    return { predictions: local.value.predictions, latencyMs: local.value.latencyMs, source: 'local', deployed, local: local.value }
  }

  private noteOutcome(target: Target, result: CallResult, input: PredictInput, at: string): void {
    const h = target.health
    if (result.ok) {
      const quiet = wasQuiet(target)
      h.state = 'up'
      h.lastLatencyMs = Math.round(result.ms)
      h.lastAt = at
      if (quiet && result.ms > COLD_MS) h.coldStartMs = Math.round(result.ms)
      h.message = `answered in ${Math.round(result.ms)} ms`
      target.lastAnswer = Date.now()
      const keep = recordSize(target.config)
      if (keep > 0) {
        const top = result.answer.kind === 'scores' ? result.answer.predictions[0] : undefined
        this.records.add(
          target.model.id,
          {
            at,
            latencyMs: Math.round(result.ms),
            input: describeInput(input),
            label: result.answer.label,
            score: top?.score ?? result.answer.reportedScore ?? null
          },
          keep
        )
      }
    } else if (result.failure !== 'cancelled') {
      h.state = result.failure === 'config' || result.failure === 'mapping' ? 'misconfigured' : 'down'
      h.message = result.notice.replace(/ — local model$/, '')
      this.fail(target, result.detail)
    }
    this.changed()
  }

  // ------------------------------------------------------------ wake / cancel

  /** Pings endpoints (all, or one model's) so a cold instance starts before the demo; resolves with the health after. */
  wake(id?: string): Promise<EndpointHealth[]> {
    return wakeTargets(this.wakeContext, id)
  }

  /** Wakes the endpoints never checked yet (new in the deck after an edit). */
  wakeUnchecked(): Promise<void> {
    return wakeUncheckedTargets(this.wakeContext)
  }

  /** Aborts a model's deployed calls in flight; each then answers with the local model. */
  async cancel(id: string): Promise<{ cancelled: number }> {
    let cancelled = 0
    for (const target of (await this.targets.all()).values()) {
      if (target.model.id !== id) continue
      for (const controller of target.inflight) {
        controller.abort()
        cancelled++
      }
    }
    return { cancelled }
  }

  /** Stores a keychain token (desktop app only) and re-reads the auth state. */
  async setToken(name: string, token: string): Promise<EndpointHealth[]> {
    if (!this.options.tokens) {
      throw new ApiError(
        'bad_request',
        'storing a token needs the desktop app (OS keychain); in browser mode set the environment variable named in "auth" before starting demodeck'
      )
    }
    this.options.tokens.set(name, token)
    return this.status()
  }

  /** Stops timers and writes the record. */
  async dispose(): Promise<void> {
    this.disposed = true
    if (this.emitTimer) clearTimeout(this.emitTimer)
    for (const target of this.targets.loaded()) for (const c of target.inflight) c.abort()
    await this.records.flush().catch(() => undefined)
  }
}
