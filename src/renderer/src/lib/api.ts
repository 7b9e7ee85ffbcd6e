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

function createHttpApi(): DemodeckApi {
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
    host: 'browser',
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      ensureSource()
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: never) => void)
    }
  }
  for (const channel of Object.keys(httpRoutes) as Channel[]) {
    api[channel] = (req: Req<typeof channel>) => httpCall(channel, req)
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
