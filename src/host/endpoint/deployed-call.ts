/**
 * One call to a deployed model: build the request from the plan, add the
 * token, send it within the deadline, and read the answer into labels and
 * scores — or describe exactly why not. Pure parts live in core/endpoint; this
 * file only decodes images and does the I/O.
 */
import type { ModelInfo, PredictInput } from '../../shared/types'
import type { EndpointConfig } from '../../core/endpoint/config'
import { curlFor } from '../../core/endpoint/curl'
import { redactMessage } from '../../core/secrets/redact'
import {
  cancelledText,
  formatTimeout,
  httpErrorText,
  mappingText,
  notJsonText,
  timeoutText,
  unreachableText,
  type FailureText
} from '../../core/endpoint/outcome'
import type { Plan } from '../../core/endpoint/plan'
import { readAnswer } from '../../core/endpoint/protocols'
import { buildRequest, type EndpointInput, type OutgoingRequest } from '../../core/endpoint/request'
import type { MappedAnswer } from '../../core/endpoint/response'
import { base64Bytes, sniffImage } from '../models/image-decode'
import type { ResolvedAuth } from './auth'
import { send } from './http-client'

/** The result of one call, before it is merged with the local answer. */
export type CallResult =
  | { ok: true; answer: MappedAnswer; status: number; ms: number; curl: string | null }
  | ({ ok: false; status?: number; ms: number; curl: string | null } & FailureText)

/** Turns the demo's input into bytes for the endpoint; throws with a reason for inputs it cannot send. */
export function endpointInput(input: PredictInput): EndpointInput {
  if ('text' in input) return { text: input.text }
  if ('features' in input) return { features: input.features }
  if ('node' in input) throw new Error('graph models run locally only: a deployed endpoint cannot take a node id')
  const mimeMatch = /^data:([^;,]+)[;,]/.exec(input.image)
  if (!mimeMatch && !/^[A-Za-z0-9+/=\s]+$/.test(input.image.slice(0, 200))) {
    throw new Error('only images sent as data (drawn, uploaded, pasted or snapped) can go to the deployed endpoint')
  }
  const bytes = base64Bytes(input.image)
  const sniffed = sniffImage(bytes)
  const mime = sniffed ? (sniffed.format === 'png' ? 'image/png' : 'image/jpeg') : (mimeMatch?.[1] ?? 'application/octet-stream')
  return { image: { bytes, mime, fileName: sniffed?.format === 'jpeg' ? 'image.jpg' : 'image.png' } }
}

/** "POST https://host/path" for diagnostics. */
export function what(url: string, method = 'POST'): string {
  const u = new URL(url)
  return `${method} ${u.host}${u.pathname}`
}

/** Sends one input to the deployed model along `plan` and reads the answer. */
export async function callDeployed(
  plan: Plan,
  config: EndpointConfig,
  model: ModelInfo,
  input: PredictInput,
  auth: ResolvedAuth,
  timeoutMs: number,
  cancel: AbortSignal,
  /** The configured timeout, for messages (`timeoutMs` may be what is left of it after discovery). */
  nominalMs = timeoutMs
): Promise<CallResult> {
  const label = what(plan.url)
  let request: OutgoingRequest
  try {
    request = buildRequest(plan, endpointInput(input), model.features ?? [])
  } catch (error) {
    return { ok: false, ms: 0, curl: null, ...mappingText((error as Error).message, label, 'config') }
  }
  const curl = curlFor(request, auth.shown, { timeoutSec: nominalMs / 1000 })
  if (auth.missing)
    return {
      ok: false,
      ms: 0,
      curl,
      ...mappingText(auth.missing, label, 'config'),
      failure: 'auth',
      notice: 'deployed endpoint has no token here — local model'
    }
  const outcome = await send(request, auth.headers, timeoutMs, cancel)
  const clean = (text: string): string => redactMessage(text, auth.secret)
  if (!outcome.ok) {
    const base = { ok: false as const, ms: outcome.ms, curl }
    if (outcome.reason === 'network') return { ...base, ...unreachableText(outcome.code, new URL(plan.url).host, label, clean(outcome.message)) }
    return { ...base, ...(outcome.reason === 'timeout' ? timeoutText(nominalMs, label) : cancelledText(label)) }
  }
  const base = { status: outcome.status, ms: outcome.ms, curl }
  if (outcome.status < 200 || outcome.status >= 300) {
    const text = httpErrorText(outcome.status, outcome.statusText, outcome.contentType, clean(outcome.text), label, config.auth?.env)
    return { ok: false, ...base, ...text, ...(outcome.authDropped ? { detail: `${text.detail} (${outcome.authDropped})` } : {}) }
  }
  let body: unknown
  try {
    body = JSON.parse(outcome.text)
  } catch (error) {
    if (/html/i.test(outcome.contentType) || /^\s*</.test(outcome.text)) {
      return {
        ok: false,
        ...base,
        ...httpErrorText(outcome.status, outcome.statusText, 'text/html', clean(outcome.text), label),
        failure: 'not-json',
        notice: 'deployed endpoint sent a web page, not an answer — local model'
      }
    }
    return { ok: false, ...base, ...notJsonText(outcome.status, clean(outcome.text), label, (error as Error).message) }
  }
  const mapped = readAnswer(plan.kind, body, model.labels, config.response)
  if (!mapped.ok) return { ok: false, ...base, ...mappingText(clean(mapped.message), label) }
  return { ok: true, answer: mapped.answer, ...base }
}

export { formatTimeout }
