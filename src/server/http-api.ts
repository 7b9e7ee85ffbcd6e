/**
 * Maps the shared channel map onto HTTP: each channel's `httpRoutes` entry
 * becomes a route; the request object is built from path parameters, the
 * query string (coerced by the channel's schema) and the JSON body, then
 * validated by the host exactly as an IPC call would be.
 */
import { z } from 'zod'
import { ApiError, httpRoutes, requestSchemas, type Channel, type HttpRoute } from '../shared/api'

interface CompiledRoute {
  channel: Channel
  route: HttpRoute
  pattern: RegExp
  params: string[]
}

const compiled: CompiledRoute[] = (Object.keys(httpRoutes) as Channel[]).map((channel) => {
  const route = httpRoutes[channel]
  const params: string[] = []
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    params.push(name)
    return '([^/]+)'
  })
  return { channel, route, pattern: new RegExp(`^${source}$`), params }
})

export interface MatchedRoute {
  channel: Channel
  route: HttpRoute
  params: Record<string, string>
}

/** Finds the channel for a method + path; `methodMismatch` when only the method is wrong. */
export function matchRoute(method: string, pathname: string): MatchedRoute | 'method-mismatch' | null {
  let mismatch = false
  for (const entry of compiled) {
    const match = entry.pattern.exec(pathname)
    if (!match) continue
    if (entry.route.method !== method) {
      mismatch = true
      continue
    }
    const params: Record<string, string> = {}
    entry.params.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(match[i + 1]!)
      } catch {
        throw new ApiError('bad_request', `The path segment "${match[i + 1]}" is not valid URL encoding.`)
      }
    })
    return { channel: entry.channel, route: entry.route, params }
  }
  return mismatch ? 'method-mismatch' : null
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

/** Turns query strings into the types the channel's schema expects (arrays from comma lists, numbers, booleans). */
export function coerceQuery(channel: Channel, query: URLSearchParams): Record<string, unknown> {
  const schema = requestSchemas[channel] as unknown as z.ZodObject<Record<string, z.ZodType>>
  const shape = schema.shape
  const out: Record<string, unknown> = {}
  for (const [key, raw] of query) {
    const field = shape[key] ? unwrap(shape[key]) : undefined
    if (field instanceof z.ZodArray)
      out[key] =
        raw === ''
          ? []
          : raw
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean)
    else if (field instanceof z.ZodNumber) out[key] = raw.trim() === '' ? Number.NaN : Number(raw)
    else if (field instanceof z.ZodBoolean) out[key] = raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw
    else out[key] = raw
  }
  return out
}

/** Builds the request object for a matched route. */
export function buildRequest(match: MatchedRoute, query: URLSearchParams, body: unknown): Record<string, unknown> {
  const request: Record<string, unknown> = { ...coerceQuery(match.channel, query) }
  if (match.route.method === 'POST') {
    if (match.route.bodyField) request[match.route.bodyField] = body
    else if (body !== undefined && body !== null) {
      if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError('bad_request', 'The request body must be a JSON object.')
      Object.assign(request, body)
    }
  }
  Object.assign(request, match.params)
  return request
}
