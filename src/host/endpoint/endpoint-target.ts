/** A deployed endpoint as the endpoint service tracks it, and its first health record. */
import type { EndpointHealth, ModelInfo } from '../../shared/types'
import type { EndpointConfig, ResolvedKind } from '../../core/endpoint/config'
import type { Plan } from '../../core/endpoint/plan'

/** One endpoint of the deck: a model's configured endpoint or a `::demo{endpoint}` URL. */
export interface Target {
  key: string
  model: ModelInfo
  config: EndpointConfig
  kind: ResolvedKind
  plan: Plan | null
  /** A discovery or config problem that no retry fixes (until the next wake or reload). */
  planError: string | null
  health: EndpointHealth
  inflight: Set<AbortController>
  /** Wall-clock ms of the last answer, for the cold-start hint. */
  lastAnswer: number | null
  /** Why a directive's URL cannot be used at all (not a URL, a secret in it): never called, never pinged. */
  invalid?: string
  /**
   * The model's auth block when it must not go to this URL (then `config` has no auth), and why:
   * see [Note: a slide's URL never gets the token] in core/endpoint/auth-scope.ts.
   */
  authWithheld?: { reason: string; auth: NonNullable<EndpointConfig['auth']> }
}

/** A first answer after this long a silence that takes over COLD_MS is called a cold start. */
const QUIET_MS = 10 * 60_000
/** How long a first answer after a quiet spell must take to be called a cold start. */
export const COLD_MS = 1500

/** Whether the target has not answered for so long that its next answer may be a cold start. */
export function wasQuiet(target: Target): boolean {
  return target.lastAnswer === null || Date.now() - target.lastAnswer > QUIET_MS
}

/** The host part of a URL, or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** The health of an endpoint nobody has called yet. */
export function healthOf(model: string, config: EndpointConfig, kind: ResolvedKind): EndpointHealth {
  return {
    model,
    url: config.url,
    host: hostOf(config.url),
    kind,
    state: 'unknown',
    message: 'not checked yet',
    lastLatencyMs: null,
    lastAt: null,
    coldStartMs: null,
    timeoutMs: config.timeoutMs,
    auth: null,
    plan: null,
    record: [],
    failures: []
  }
}
