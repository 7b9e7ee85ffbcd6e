/**
 * The one place demodeck talks to a deployed model over the network: sends an
 * `OutgoingRequest` with Node's fetch, under a deadline and a cancel signal,
 * and reads at most a few megabytes back. Never throws: every way a call can
 * end is an `HttpOutcome`.
 *
 * [Note: the deadline covers the whole exchange]
 * One AbortController bounds connect, headers and body together, so a server
 * that accepts the connection and never answers (or trickles its body) ends at
 * the timeout like one that is down. The renderer never waits longer than
 * `timeoutMs` plus the local model's own few milliseconds.
 *
 * [Note: the token does not follow a redirect to another origin]
 * fetch's own `redirect: 'follow'` drops `Authorization` on a cross-origin hop
 * but forwards any other header, so an `X-Api-Key` token would reach whatever
 * host a Location names. Redirects are followed here by hand (at most
 * MAX_REDIRECTS): the auth headers go along only while the origin stays the
 * same; past a hop to another origin the request is re-sent without them, and
 * the outcome says so (a 401 from there is then explained, not a mystery).
 */
import type { OutgoingRequest } from '../../core/endpoint/request'

/** Largest answer read, bytes (a classifier's answer is a few hundred). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024
/** Redirects followed per call (fetch's own limit is 20; an endpoint needs one or two). */
export const MAX_REDIRECTS = 5

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export type HttpOutcome =
  | {
      ok: true
      status: number
      statusText: string
      contentType: string
      text: string
      ms: number
      /** Set when a redirect led to another origin, so the auth headers were not sent there. */
      authDropped?: string
    }
  | { ok: false; reason: 'timeout' | 'cancelled'; ms: number }
  | { ok: false; reason: 'network'; code: string | undefined; message: string; ms: number }

function bodyOf(request: OutgoingRequest): RequestInit['body'] {
  const b = request.body
  switch (b.type) {
    case 'json':
    case 'text':
      return b.text
    case 'bytes':
      return new Blob([b.bytes as Uint8Array<ArrayBuffer>], { type: b.contentType })
    case 'multipart': {
      const form = new FormData()
      for (const part of b.parts) {
        if ('bytes' in part) form.append(part.name, new Blob([part.bytes as Uint8Array<ArrayBuffer>], { type: part.contentType }), part.fileName)
        else form.append(part.name, part.value)
      }
      return form
    }
    case 'none':
      return undefined
  }
}

/** The innermost error code of a fetch failure (undici wraps the socket error in `cause`). */
function errorCode(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error
  let message = error instanceof Error ? error.message : String(error)
  for (let i = 0; i < 5 && current; i++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return { code, message: (current as Error).message ?? message }
    current = (current as { cause?: unknown }).cause
    if (current instanceof Error) message = current.message
  }
  return { code: undefined, message }
}

async function readCapped(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  const onAbort = (): void => void reader.cancel().catch(() => undefined)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > MAX_RESPONSE_BYTES) {
        await reader.cancel().catch(() => undefined)
        throw new Error(`the answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`)
      }
      chunks.push(value)
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Where a redirect leads, or why it is not followed. */
function redirectTarget(from: URL, location: string, hop: number): { url: URL } | { error: string } {
  if (hop >= MAX_REDIRECTS) return { error: `${from.host} redirected more than ${MAX_REDIRECTS} times` }
  let url: URL
  try {
    url = new URL(location, from)
  } catch {
    return { error: `${from.host} redirected to "${location.slice(0, 80)}", which is not a URL` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `${from.host} redirected to a ${url.protocol} URL, which demodeck does not follow` }
  return { url }
}

/**
 * Sends `request` with `extraHeaders` added (auth), within `timeoutMs`; `cancel` aborts it early.
 * GET is used for pings (`method` override), with no body. Redirects: see the note at the top.
 */
export async function send(
  request: OutgoingRequest | { method: 'GET'; url: string; headers: Record<string, string> },
  extraHeaders: Record<string, string>,
  timeoutMs: number,
  cancel?: AbortSignal
): Promise<HttpOutcome> {
  const t0 = performance.now()
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onCancel = (): void => controller.abort()
  if (cancel?.aborted) controller.abort()
  cancel?.addEventListener('abort', onCancel, { once: true })
  const ms = (): number => performance.now() - t0
  try {
    let url = new URL(request.url)
    let method: string = request.method
    let headers = request.headers
    let body = request.method === 'POST' ? bodyOf(request) : undefined
    let auth = extraHeaders
    let authDropped: string | undefined
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { method, headers: { ...headers, ...auth }, body, signal: controller.signal, redirect: 'manual' })
      const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null
      if (location === null) {
        const text = await readCapped(response, controller.signal)
        return {
          ok: true,
          status: response.status,
          statusText: response.statusText,
          contentType: response.headers.get('content-type') ?? '',
          text,
          ms: ms(),
          ...(authDropped ? { authDropped } : {})
        }
      }
      await response.body?.cancel().catch(() => undefined)
      const next = redirectTarget(url, location, hop)
      if ('error' in next) return { ok: false, reason: 'network', code: 'EREDIRECT', message: next.error, ms: ms() }
      if (next.url.origin !== url.origin && Object.keys(auth).length > 0) {
        auth = {}
        authDropped = `the token was not sent on to ${next.url.host}: ${url.host} redirected there, and a token goes to its own endpoint only`
      }
      // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'))
      }
      url = next.url
    }
  } catch (error) {
    if (timedOut) return { ok: false, reason: 'timeout', ms: ms() }
    if (controller.signal.aborted) return { ok: false, reason: 'cancelled', ms: ms() }
    const { code, message } = errorCode(error)
    return { ok: false, reason: 'network', code, message, ms: ms() }
  } finally {
    clearTimeout(timer)
    cancel?.removeEventListener('abort', onCancel)
  }
}
