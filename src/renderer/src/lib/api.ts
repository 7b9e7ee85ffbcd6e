/**
 * The renderer's only door to the host. In Electron the preload exposes
 * `window.demodeck`; in browser mode we build the same API over HTTP from the
 * shared route map, with server-sent events for pushes. Features import `api`
 * and never learn which host they run in.
 */
// Values from routes.ts only: api.ts' schemas would bring zod into the renderer ([Note: zod stays on the host]).
import type { Channel, DemodeckApi, EventName, Events, Req, Res } from '../../../shared/api'
import { ApiError, eventNames, httpRoutes, type ErrorBody } from '../../../shared/routes'

declare global {
  interface Window {
    demodeck?: DemodeckApi
  }
}

function fillPath(path: string, req: Record<string, unknown>, used: Set<string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    used.add(name)
    return encodeURIComponent(String(req[name]))
  })
}

async function httpCall<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const route = httpRoutes[channel]
  const fields = { ...(req as Record<string, unknown>) }
  const used = new Set<string>()
  let url = fillPath(route.path, fields, used)
  for (const name of used) delete fields[name]
  const init: RequestInit = { method: route.method, headers: {} }
  // GET: every field in the query; POST with a bodyField: that field is the body, the others (e.g. `log`) in the query.
  const body = route.method === 'POST' ? (route.bodyField ? fields[route.bodyField] : fields) : undefined
  if (route.method === 'GET' || route.bodyField) {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || key === route.bodyField) continue
      query.set(key, Array.isArray(value) ? value.join(',') : String(value))
    }
    const qs = query.toString()
    if (qs) url += `?${qs}`
  }
  if (route.method === 'POST') {
    init.body = JSON.stringify(body ?? {})
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  let response: Response
  try {
    response = await fetch(url, init)
  } catch (cause) {
    throw new ApiError('upstream', `demodeck's local server did not answer (${String(cause)}). Is \`npm run web\` still running?`)
  }
  const text = await response.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    throw new ApiError('internal', `The local server sent a reply that is not JSON (HTTP ${response.status}).`)
  }
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error
    throw new ApiError(error?.code ?? 'internal', error?.message ?? `HTTP ${response.status}`)
  }
  return data as Res<C>
}

interface PendingCall {
  channel: Channel
  req: unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * The same calls over one WebSocket (see src/server/websocket.ts for why).
 * Any trouble with the socket sends the call over HTTP instead, so the
 * socket can only make calls faster, never make them fail. Calls made while
 * it is still connecting go over HTTP too: the page's own keep-alive
 * connection answers them at once, where waiting for a new connection and
 * its upgrade held the deck (and so slide 1) back.
 */
function createSocketTransport(): <C extends Channel>(channel: C, req: Req<C>) => Promise<Res<C>> {
  let socket: WebSocket | null = null
  let usable = typeof WebSocket !== 'undefined'
  let nextId = 1
  const pending = new Map<number, PendingCall>()

  const fallBack = (): void => {
    usable = false
    for (const call of pending.values()) httpCall(call.channel, call.req as never).then(call.resolve, call.reject)
    pending.clear()
  }
  const open = (): void => {
    if (socket || !usable) return
    try {
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`)
    } catch {
      fallBack()
      return
    }
    socket.onmessage = (event: MessageEvent<string>) => {
      let message: { id: number; ok: boolean; value?: unknown; error?: ErrorBody['error'] }
      try {
        message = JSON.parse(event.data) as typeof message
      } catch {
        return
      }
      const call = pending.get(message.id)
      if (!call) return
      pending.delete(message.id)
      if (message.ok) call.resolve(message.value)
      else call.reject(new ApiError(message.error?.code ?? 'internal', message.error?.message ?? 'The call failed.'))
    }
    socket.onerror = () => fallBack()
    socket.onclose = () => {
      socket = null
      fallBack()
    }
  }

  return <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => {
    open()
    const live = socket
    if (!usable || !live || live.readyState !== WebSocket.OPEN) return httpCall(channel, req)
    return new Promise<Res<C>>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { channel, req, resolve: resolve as (value: unknown) => void, reject })
      live.send(JSON.stringify({ id, channel, payload: req }))
    })
  }
}

function createHttpApi(): DemodeckApi {
  const call = createSocketTransport()
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  let source: EventSource | null = null
  const ensureSource = (): void => {
    if (source) return
    source = new EventSource('/api/events')
    for (const name of eventNames) {
      source.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as never
        for (const listener of listeners.get(name) ?? []) listener(payload)
      })
    }
  }
  const api: Record<string, unknown> = {
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      ensureSource()
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: never) => void)
    }
  }
  for (const channel of Object.keys(httpRoutes) as Channel[]) {
    api[channel] = (req: Req<typeof channel>) => call(channel, req)
  }
  return api as unknown as DemodeckApi
}

/** The host API. */
export const api: DemodeckApi = window.demodeck ?? createHttpApi()

/** Readable message of anything thrown by an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
