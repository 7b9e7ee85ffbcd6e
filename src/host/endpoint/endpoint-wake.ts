/**
 * The wake (keep-warm) pass of the endpoint service: pings each deployed
 * endpoint so a cold instance (Cloud Run: 5–20 s) starts before the demo,
 * reads what the call needs (a KServe model's input name, an OpenAPI
 * service's request), and leaves the health the presenter sees: up, with the
 * ping's latency and whether it was a cold start, or down/misconfigured, why.
 * A slide's URL that cannot be used is never pinged.
 */
import type { EndpointHealth } from '../../shared/types'
import { formatTimeout } from '../../core/endpoint/outcome'
import { resolveAuth, type TokenStore } from './auth'
import { what } from './deployed-call'
import { discoverPlan, openApiUrl, pingUrl, readKserveInput } from './endpoint-discovery'
import { COLD_MS, wasQuiet, type Target } from './endpoint-target'
import type { EndpointTargets } from './endpoint-targets'
import { send } from './http-client'

/** What a wake needs from the endpoint service. */
export interface WakeContext {
  targets: EndpointTargets
  env: NodeJS.ProcessEnv
  tokens?: TokenStore
  /** Says that a health changed (the service batches these for the presenter). */
  changed: () => void
  /** Notes a failure in the target's health and the log (the token redacted). */
  fail: (target: Target, message: string) => void
  /** Health of every endpoint, as `endpoint:status` answers. */
  status: () => Promise<EndpointHealth[]>
}

/** Pings endpoints (all, or one model's) so a cold instance starts before the demo; resolves with the health after. */
export async function wakeTargets(context: WakeContext, id?: string): Promise<EndpointHealth[]> {
  const targets = [...(await context.targets.all()).values()].filter((t) => id === undefined || t.model.id === id)
  if (id !== undefined && targets.length === 0) await context.targets.find(id)
  await Promise.all(targets.map((t) => wakeOne(context, t)))
  return context.status()
}

/** Wakes the endpoints never checked yet (new in the deck after an edit). */
export async function wakeUncheckedTargets(context: WakeContext): Promise<void> {
  const fresh = [...(await context.targets.all()).values()].filter((t) => t.health.state === 'unknown')
  await Promise.all(fresh.map((t) => wakeOne(context, t)))
}

async function wakeOne(context: WakeContext, target: Target): Promise<void> {
  const h = target.health
  if (target.invalid) return
  h.state = 'waking'
  h.message = `waking ${h.host}…`
  context.changed()
  const timeoutMs = target.config.wakeTimeoutMs
  const url = pingUrl(target)
  const auth = resolveAuth(target.config, context.env, context.tokens)
  if (target.kind === 'openapi') {
    // Discovery is the ping: a fresh plan each wake, so a redeployed API is read again.
    target.plan = null
    target.planError = null
  }
  const quiet = wasQuiet(target)
  const outcome = await send({ method: 'GET', url, headers: { accept: 'application/json' } }, auth.headers, timeoutMs)
  if (!outcome.ok) {
    h.state = 'down'
    h.message =
      outcome.reason === 'timeout'
        ? `no answer to a ping in ${formatTimeout(timeoutMs)}`
        : outcome.reason === 'network'
          ? `unreachable (${outcome.code ?? outcome.message})`
          : 'ping cancelled'
    context.fail(target, `${what(url, 'GET')}: ${h.message}`)
    context.changed()
    return
  }
  if (outcome.status >= 500 || outcome.status === 401 || outcome.status === 403) {
    h.state = 'down'
    h.message = `the ping answered HTTP ${outcome.status}${outcome.status === 401 || outcome.status === 403 ? (auth.missing ? ` (${auth.missing})` : ' (token refused)') : ''}`
    context.fail(target, `${what(url, 'GET')}: ${h.message}`)
    context.changed()
    return
  }
  target.lastAnswer = Date.now()
  h.lastLatencyMs = Math.round(outcome.ms)
  h.lastAt = new Date().toISOString()
  if (quiet && outcome.ms > COLD_MS) h.coldStartMs = Math.round(outcome.ms)
  if (target.kind === 'kserve-v2' && !target.config.request?.inputName) await readKserveInput(target, auth.headers)
  // The ping of an OpenAPI service fetched its /openapi.json already: discovery reads that answer.
  const planned = await discoverPlan(target, auth.headers, target.config.timeoutMs, undefined, url === openApiUrl(target) ? outcome : undefined)
  if ('error' in planned) {
    h.state = planned.transient ? 'down' : 'misconfigured'
    h.message = planned.transient ? 'answers pings, but discovery failed' : 'answers, but the request cannot be worked out'
    context.fail(target, planned.error)
  } else {
    h.state = 'up'
    h.message =
      h.coldStartMs && h.coldStartMs === h.lastLatencyMs
        ? `woke up in ${formatTimeout(h.coldStartMs)} (a cold start); warm now`
        : `answers pings in ${h.lastLatencyMs} ms`
  }
  context.changed()
}
