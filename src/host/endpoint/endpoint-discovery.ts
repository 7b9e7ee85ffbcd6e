/**
 * How the host learns to call a deployed endpoint: the request plan (static for
 * KServe v2, TorchServe and Hugging Face; read from the service's `/openapi.json`
 * for FastAPI apps), the URL a wake-up ping goes to, and KServe's input name from
 * the model metadata. Each keeps its findings on the target, so discovery runs
 * once per wake, not once per prediction.
 */
import { planFromOpenApi } from '../../core/endpoint/openapi'
import { formatTimeout } from '../../core/endpoint/outcome'
import { staticPlan, type Plan } from '../../core/endpoint/plan'
import type { CallResult } from './deployed-call'
import { send, type HttpOutcome } from './http-client'
import type { Target } from './endpoint-target'

function originOf(target: Target): string {
  return new URL(target.config.url).origin
}

/**
 * The plan for a target: static for built-in protocols, from /openapi.json otherwise.
 * `fetched`: the answer of a GET of that very /openapi.json a moment ago (the wake-up ping), read instead of asking again.
 */
export async function discoverPlan(
  target: Target,
  headers: Record<string, string>,
  timeoutMs: number,
  cancel?: AbortSignal,
  fetched?: HttpOutcome
): Promise<{ plan: Plan } | { error: string; transient: boolean; result?: CallResult }> {
  if (target.plan) return { plan: target.plan }
  if (target.planError) return { error: target.planError, transient: false }
  const fixed = staticPlan(target.config, target.kind, target.model.task)
  if (fixed && 'error' in fixed) {
    target.planError = fixed.error
    return { error: fixed.error, transient: false }
  }
  if (fixed) {
    target.plan = fixed
    target.health.plan = fixed.describe
    return { plan: fixed }
  }
  const url = openApiUrl(target)
  const outcome = fetched ?? (await send({ method: 'GET', url, headers: { accept: 'application/json' } }, headers, timeoutMs, cancel))
  if (!outcome.ok)
    return {
      error:
        outcome.reason === 'timeout'
          ? `GET ${url}: no answer within ${formatTimeout(timeoutMs)}`
          : `GET ${url}: ${outcome.reason === 'network' ? outcome.message : outcome.reason}`,
      transient: true
    }
  if (outcome.status >= 400) {
    const error = `GET ${url} answered HTTP ${outcome.status}, so the request cannot be discovered; describe it in the endpoint block ("request": {"field": …}) or set "kind"`
    if (outcome.status === 401 || outcome.status === 403 || outcome.status >= 500) return { error, transient: true }
    target.planError = error
    return { error, transient: false }
  }
  let doc: unknown
  try {
    doc = JSON.parse(outcome.text)
  } catch {
    target.planError = `GET ${url} is not JSON, so the request cannot be discovered; describe it in the endpoint block ("request": {"field": …})`
    return { error: target.planError, transient: false }
  }
  const planned = planFromOpenApi(
    doc,
    target.config.url,
    target.model.task,
    (target.model.features ?? []).map((f) => f.name)
  )
  if (!planned.ok) {
    target.planError = planned.message
    return { error: planned.message, transient: false }
  }
  target.plan = planned.plan
  target.health.plan = planned.plan.describe
  return { plan: planned.plan }
}

/** The service's OpenAPI document (FastAPI serves it at the root). */
export function openApiUrl(target: Target): string {
  return `${originOf(target)}/openapi.json`
}

/** Where a wake-up ping goes: the configured health path, else the protocol's own readiness URL. */
export function pingUrl(target: Target): string {
  const origin = originOf(target)
  if (target.config.health) return origin + target.config.health
  switch (target.kind) {
    case 'openapi':
      return openApiUrl(target)
    case 'kserve-v2':
      return `${origin}/v2/health/ready`
    case 'torchserve':
      return `${origin}/ping`
    default:
      return target.config.url
  }
}

/** KServe v2: the first input's name from the model metadata (`GET /v2/models/{m}`), when the server gives it. */
export async function readKserveInput(target: Target, headers: Record<string, string>): Promise<void> {
  const metaUrl = target.config.url.replace(/\/infer\/?$/, '')
  const outcome = await send({ method: 'GET', url: metaUrl, headers: { accept: 'application/json' } }, headers, target.config.timeoutMs)
  if (!outcome.ok || outcome.status !== 200) return
  try {
    const name = (JSON.parse(outcome.text) as { inputs?: Array<{ name?: unknown }> }).inputs?.[0]?.name
    if (typeof name === 'string' && name) {
      target.plan = {
        url: target.config.url,
        kind: 'kserve-v2',
        request: { body: 'kserve', inputName: name },
        describe: `POST ${new URL(target.config.url).pathname} · Open Inference Protocol v2 input "${name}" (from the model metadata)`
      }
      target.health.plan = target.plan.describe
    }
  } catch {
    // metadata is optional
  }
}
