/**
 * One GraphQL POST to `{base}/graphql` with HTTP Basic `api:<key>`, the way
 * the wandb SDK talks to W&B (wandb/sdk/internal/internal_api.py): per-request timeout;
 * retries for 429, 5xx, other retryable 4xx and network errors with backoff
 * base·2^n + ≤25 % jitter capped at 60 s, honouring `Retry-After`; no retry for
 * 400/401/403/404/409/410/413/422/501; GraphQL `errors[]` on HTTP 200 become
 * an error with the server's message. Replies are parsed tolerantly (NaN).
 *
 * [Note: a bounded W&B call]
 * Unlike the SDK (which may retry for minutes), a call here also has a
 * `deadline` shared by every request of one sync and a cancel `signal`: no
 * request or wait runs past the deadline (a `Retry-After` that would is
 * reported at once), a name that cannot be resolved or a refused connection
 * fails at once ("offline") instead of being retried, and Cancel stops the
 * request in flight. A student in the exam room gets an answer within seconds.
 *
 * The key never leaves this file except inside the Authorization header, and
 * every message we build is passed through `redactMessage` in case a server
 * echoes the key or the header.
 */
import { ApiError } from '../../shared/api'
import { parseTolerantJson } from '../../core/metrics/tolerant-json'
import { redactMessage } from '../runs/secret-scan'

/** Status codes the SDK never retries. */
export const NO_RETRY = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501])

export interface TransportOptions {
  baseUrl: string
  apiKey: string
  fetchImpl?: typeof fetch
  /** Per-request timeout (SDK: 19 s). */
  timeoutMs?: number
  /** Backoff base in ms (SDK: 2000); tests make it small. */
  retryBaseMs?: number
  /** Longest single wait, Retry-After included (60 s). */
  maxDelayMs?: number
  /** Retries after the first attempt. */
  maxRetries?: number
  /** Jitter source in [0, 1). */
  random?: () => number
  /** Waits between retries; must settle early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The user's Cancel: aborts the request in flight and any wait. */
  signal?: AbortSignal
  /** The total bound of the operation this call belongs to (see [Note: a bounded W&B call]). */
  deadline?: Deadline
  now?: () => number
}

/** When an operation (one sync: several requests) must be over, and how long it was allowed. */
export interface Deadline {
  /** Epoch milliseconds. */
  at: number
  /** The whole bound, for messages ("within 20 s"). */
  totalMs: number
}

/** Network error codes that mean "no network here", not "W&B is busy": never retried. */
export const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN'])

interface Attempt {
  /** Error to throw if no retry is left (or at once when not retryable). */
  error: ApiError
  retryable: boolean
  retryAfterMs?: number
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })

const secondsText = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`)

/** The error of a call the user cancelled. */
export function cancelledError(): ApiError {
  return new ApiError('upstream', 'The W&B sync was cancelled.')
}

/** Delay before retry number `attempt` (0-based): base·2^attempt plus up to 25 % jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const plain = baseMs * 2 ** attempt
  return Math.min(maxMs, plain + plain * 0.25 * random())
}

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const v = value.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function serverMessage(body: unknown, text: string): string {
  if (body && typeof body === 'object') {
    const errors = (body as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.length > 0) {
      return errors
        .map((e) =>
          e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
            ? (e as { message: string }).message
            : JSON.stringify(e)
        )
        .join('; ')
    }
    const err = (body as { error?: unknown }).error
    if (typeof err === 'string') return err
    if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message
  }
  const t = text.trim()
  return t.length > 200 ? t.slice(0, 200) + '…' : t
}

/** Sends one GraphQL request, retrying as the SDK does within the deadline; resolves with `data`. */
export async function graphqlRequest<T>(options: TransportOptions, query: string, variables: Record<string, unknown>): Promise<T> {
  const fetchImpl = options.fetchImpl ?? fetch
  const timeoutMs = options.timeoutMs ?? 19_000
  const baseMs = options.retryBaseMs ?? 2000
  const maxDelayMs = options.maxDelayMs ?? 60_000
  const maxRetries = options.maxRetries ?? 5
  const random = options.random ?? Math.random
  const sleep = options.sleep ?? defaultSleep
  const now = options.now ?? Date.now
  const { signal, deadline } = options
  const url = `${options.baseUrl}/graphql`
  const auth = 'Basic ' + Buffer.from(`api:${options.apiKey}`).toString('base64')
  const clean = (s: string): string => redactMessage(s, options.apiKey)
  const limit = deadline ? `the sync's ${secondsText(deadline.totalMs)} limit` : ''

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw cancelledError()
    const remaining = deadline ? deadline.at - now() : Infinity
    if (remaining <= 0) throw new ApiError('timeout', `W&B did not finish within ${limit}; try again, or later when the network is better.`)
    const result = await once(Math.min(timeoutMs, remaining))
    if ('data' in result) return result.data
    if (signal?.aborted) throw cancelledError()
    if (!result.retryable || attempt >= maxRetries) throw result.error
    const asked = result.retryAfterMs
    const wait = asked !== undefined ? Math.min(maxDelayMs, asked) : backoffDelay(attempt, baseMs, maxDelayMs, random)
    if (deadline && now() + wait >= deadline.at) {
      const why = asked !== undefined ? `W&B asked to retry in ${secondsText(asked)}, past ${limit}` : `no retry fits in ${limit}`
      throw new ApiError(result.error.code, `${result.error.message.replace(/\.$/, '')} (${why}); try again later.`)
    }
    await sleep(wait, signal)
  }

  async function once(requestMs: number): Promise<{ data: T } | Attempt> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), requestMs)
    const onCancel = (): void => controller.abort()
    signal?.addEventListener('abort', onCancel, { once: true })
    let response: Response
    let text: string
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: auth },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal
      })
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) return { retryable: false, error: cancelledError() }
      if (controller.signal.aborted) {
        const cut = deadline && requestMs < timeoutMs
        const reason = cut ? `no answer within ${limit}` : `no answer within ${secondsText(timeoutMs)}`
        return { retryable: !cut, error: new ApiError(cut ? 'timeout' : 'upstream', `Could not reach W&B at ${options.baseUrl}: ${reason}.`) }
      }
      const code = networkCode(error)
      if (code && OFFLINE_CODES.has(code)) {
        const host = hostOf(options.baseUrl)
        return {
          retryable: false,
          error: new ApiError(
            'upstream',
            clean(`Offline: ${host} cannot be resolved (${code}), so W&B cannot be reached. Runs already synced still show; sync again when online.`)
          )
        }
      }
      if (code === 'ECONNREFUSED') {
        return {
          retryable: false,
          error: new ApiError(
            'upstream',
            clean(`Nothing answers at ${options.baseUrl} (connection refused). Check WANDB_BASE_URL, or try again later.`)
          )
        }
      }
      return { retryable: true, error: new ApiError('upstream', clean(`Could not reach W&B at ${options.baseUrl}: ${describeNetworkError(error)}.`)) }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onCancel)
    }
    let body: unknown
    try {
      body = text === '' ? null : parseTolerantJson(text)
    } catch {
      body = undefined
    }
    const status = response.status
    if (status === 401) {
      return {
        retryable: false,
        error: new ApiError('unauthorized', 'W&B rejected the API key (HTTP 401). Check WANDB_API_KEY, ~/.netrc or the key saved in demodeck.')
      }
    }
    if (status === 403) {
      return {
        retryable: false,
        error: new ApiError(
          'unauthorized',
          clean(`W&B denied access (HTTP 403): ${serverMessage(body, text) || 'this key may not see that entity or project'}.`)
        )
      }
    }
    if (status === 404) {
      return {
        retryable: false,
        error: new ApiError('not_found', clean(`W&B answered 404 Not Found at ${url}: ${serverMessage(body, text) || 'check WANDB_BASE_URL'}.`))
      }
    }
    if (status < 200 || status >= 300) {
      const retryable = !NO_RETRY.has(status) && status >= 400
      const attempt: Attempt = {
        retryable,
        error: new ApiError('upstream', clean(`W&B answered HTTP ${status}${serverMessage(body, text) ? ': ' + serverMessage(body, text) : ''}.`))
      }
      const after = parseRetryAfter(response.headers.get('retry-after'))
      if (after !== undefined) attempt.retryAfterMs = after
      return attempt
    }
    if (body === undefined || body === null || typeof body !== 'object') {
      return { retryable: false, error: new ApiError('upstream', `W&B sent a reply that is not JSON (HTTP ${status}).`) }
    }
    const errors = (body as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.length > 0) {
      const message = clean(serverMessage(body, text))
      const code = /not found|could not find|does not exist/i.test(message) ? 'not_found' : 'upstream'
      return { retryable: false, error: new ApiError(code, `W&B returned an error: ${message}`) }
    }
    return { data: (body as { data: T }).data }
  }
}

function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } })?.cause
  if (typeof cause?.code === 'string') return cause.code
  // An AggregateError (IPv4 and IPv6 both tried) carries the codes of its parts.
  const inner = cause?.errors?.find((e) => typeof e?.code === 'string')?.code
  return typeof inner === 'string' ? inner : undefined
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname
  } catch {
    return baseUrl
  }
}

function describeNetworkError(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } }
  const cause = e?.cause?.code ?? e?.cause?.message
  return cause ? `${e.message ?? 'network error'} (${cause})` : (e?.message ?? String(error))
}
