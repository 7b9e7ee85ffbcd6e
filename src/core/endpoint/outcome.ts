/**
 * Words for what happened on a deployed call: a short, calm notice for the
 * audience ("deployed endpoint did not answer in 3 s — local model") and a full
 * diagnosis for the presenter (what the server said, what to change), plus the
 * agreement between the deployed and the local answer.
 */
import type { Agreement, EndpointFailure } from '../../shared/types'
import { preview } from './response'

/** A failed call, described twice. */
export interface FailureText {
  failure: EndpointFailure
  notice: string
  detail: string
}

/** "3 s", "2.5 s", "800 ms". */
export function formatTimeout(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

const LOCAL = ' — local model'

/** No answer within the timeout. */
export function timeoutText(timeoutMs: number, what: string): FailureText {
  return {
    failure: 'timeout',
    notice: `deployed endpoint did not answer in ${formatTimeout(timeoutMs)}${LOCAL}`,
    detail: `${what}: no answer within ${formatTimeout(timeoutMs)} (a cold Cloud Run instance can take 5–20 s: press "Wake the endpoint" before the demo, or raise timeoutMs)`
  }
}

/** The connection itself failed; `code` is Node's error code (ECONNREFUSED, ENOTFOUND …). */
export function unreachableText(code: string | undefined, host: string, what: string, raw: string): FailureText {
  const why: Record<string, string> = {
    ECONNREFUSED: `${host} refused the connection (is the service running on that port?)`,
    ENOTFOUND: `the name ${host} does not resolve (offline, or a typo in the URL?)`,
    EAI_AGAIN: `the name ${host} could not be looked up (no network?)`,
    ECONNRESET: `${host} closed the connection mid-request`,
    UND_ERR_SOCKET: `${host} closed the connection mid-request`,
    EHOSTUNREACH: `${host} is unreachable (no route: no network?)`,
    ENETUNREACH: 'the network is unreachable (no network?)',
    CERT_HAS_EXPIRED: `${host}'s TLS certificate has expired`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `${host} uses a self-signed TLS certificate`,
    ERR_TLS_CERT_ALTNAME_INVALID: `${host}'s TLS certificate is for another name`
  }
  return {
    failure: 'unreachable',
    notice: `deployed endpoint unreachable${LOCAL}`,
    detail: `${what}: ${(code && why[code]) || `could not connect to ${host} (${raw})`}`
  }
}

/** Reads FastAPI's 422 body `{"detail": [{"loc": [...], "msg": "..."}]}` into "body.statement: field required". */
export function fastApiValidation(body: unknown): string | null {
  const detail = body !== null && typeof body === 'object' ? (body as { detail?: unknown }).detail : undefined
  if (!Array.isArray(detail) || detail.length === 0) return null
  const parts = detail.slice(0, 3).map((d) => {
    const item = d as { loc?: unknown; msg?: unknown }
    const loc = Array.isArray(item.loc) ? item.loc.join('.') : ''
    return `${loc ? loc + ': ' : ''}${String(item.msg ?? '')}`
  })
  return parts.join('; ')
}

/** The server answered with an HTTP error. `text` is the body (already redacted). */
export function httpErrorText(status: number, statusText: string, contentType: string, text: string, what: string, authEnv?: string): FailureText {
  let said = ''
  const htmlTitle = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  if (/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text)) said = `an HTML page${htmlTitle ? ` ("${htmlTitle}")` : ''} instead of JSON`
  else {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const validation = status === 422 ? fastApiValidation(json) : null
    if (validation) said = `the API rejected the request: ${validation}`
    else if (json !== undefined) said = preview(json, 200)
    else said = text.trim() ? preview(text.trim(), 200) : 'an empty body'
  }
  const hint =
    status === 401 || status === 403
      ? authEnv
        ? ` — the token in $${authEnv} was refused (missing or expired? For Cloud Run: export ${authEnv}=$(gcloud auth print-identity-token))`
        : ' — the endpoint wants a token: add "auth": {"env": "MY_TOKEN"} to the endpoint block'
      : status === 404
        ? ' — no such route: check the endpoint URL (FastAPI cares about the trailing slash)'
        : status === 405
          ? ' — the route does not take POST: check the endpoint URL'
          : status === 422
            ? ' — the request shape is not what the API expects: set "request": {"field": …} in the endpoint block'
            : status >= 500
              ? ' — the service itself failed: see its logs (Cloud Run: Logs tab)'
              : ''
  return {
    failure: status === 401 || status === 403 ? 'auth' : 'http',
    notice: `deployed endpoint answered HTTP ${status}${LOCAL}`,
    detail: `${what}: HTTP ${status}${statusText ? ' ' + statusText : ''} with ${said}${hint}`
  }
}

/** HTTP 2xx whose body is not JSON. */
export function notJsonText(status: number, text: string, what: string, reason: string): FailureText {
  return {
    failure: 'not-json',
    notice: `deployed endpoint sent an unreadable answer${LOCAL}`,
    detail: `${what}: HTTP ${status} but the body is not JSON (${reason}); it starts with ${preview(text.slice(0, 120), 130)}`
  }
}

/** The answer was JSON but demodeck cannot read labels from it, or the config is wrong. */
export function mappingText(message: string, what: string, failure: 'mapping' | 'config' = 'mapping'): FailureText {
  return { failure, notice: `deployed answer could not be read${LOCAL}`, detail: `${what}: ${message}` }
}

/** The presenter cancelled the call. */
export function cancelledText(what: string): FailureText {
  return { failure: 'cancelled', notice: `deployed call cancelled${LOCAL}`, detail: `${what}: cancelled from the presenter view` }
}

const norm = (s: string): string => s.trim().toLowerCase()

/** Agreement of two answers: same top label (case-insensitive), and the largest probability gap over shared labels. */
export function agreement(
  deployed: { kind: 'scores' | 'label'; label: string; predictions: Array<{ label: string; score: number }> },
  local: Array<{ label: string; score: number }>
): Agreement | undefined {
  const localTop = local.reduce<{ label: string; score: number } | null>((best, p) => (best === null || p.score > best.score ? p : best), null)
  if (!localTop) return undefined
  let maxDiff: number | null = null
  let compared = 0
  if (deployed.kind === 'scores') {
    const localBy = new Map(local.map((p) => [norm(p.label), p.score]))
    for (const p of deployed.predictions) {
      const other = localBy.get(norm(p.label))
      if (other === undefined) continue
      compared++
      maxDiff = Math.max(maxDiff ?? 0, Math.abs(p.score - other))
    }
    if (compared === 0) maxDiff = null
  }
  return { sameTop: norm(deployed.label) === norm(localTop.label), deployedTop: deployed.label, localTop: localTop.label, maxDiff, compared }
}
