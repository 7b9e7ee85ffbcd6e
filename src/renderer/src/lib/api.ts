/**
 * The renderer's only door to the host. In Electron the preload exposes
 * `window.demodeck`; in browser mode we build the same API over HTTP from the
 * shared route map, with server-sent events for pushes. Features import `api`
 * and never learn which host they run in.
 */
import {
  ApiError,
  eventNames,
  httpRoutes,
  type Channel,
  type DemodeckApi,
  type ErrorBody,
  type EventName,
  type Events,
  type Req,
  type Res
} from '../../../shared/api'

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
  if (route.method === 'GET') {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue
      query.set(key, Array.isArray(value) ? value.join(',') : String(value))
    }
    const qs = query.toString()
    if (qs) url += `?${qs}`
  } else {
    const body = route.bodyField ? fields[route.bodyField] : fields
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
 * socket can only make calls faster, never make them fail.
 */
function createSocketTransport(): <C extends Channel>(channel: C, req: Req<C>) => Promise<Res<C>> {
  let socket: WebSocket | null = null
  let usable = typeof WebSocket !== 'undefined'
  let nextId = 1
  const pending = new Map<number, PendingCall>()
  const waiting: Array<() => void> = []

  const fallBack = (): void => {
    usable = false
    for (const call of pending.values()) httpCall(call.channel, call.req as never).then(call.resolve, call.reject)
    pending.clear()
    for (const run of waiting.splice(0)) run()
  }
  const open = (): void => {
    if (socket || !usable) return
    try {
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`)
    } catch {
      fallBack()
      return
    }
    socket.onopen = () => {
      for (const run of waiting.splice(0)) run()
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
    if (!usable) return httpCall(channel, req)
    return new Promise<Res<C>>((resolve, reject) => {
      const send = (): void => {
        if (!usable || !socket || socket.readyState !== WebSocket.OPEN) {
          httpCall(channel, req).then(resolve, reject)
          return
        }
        const id = nextId++
        pending.set(id, { channel, req, resolve: resolve as (value: unknown) => void, reject })
        socket.send(JSON.stringify({ id, channel, payload: req }))
      }
      if (socket && socket.readyState === WebSocket.CONNECTING) waiting.push(send)
      else send()
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
