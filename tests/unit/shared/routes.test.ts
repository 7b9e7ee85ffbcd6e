/**
 * The zod-free half of the contract (src/shared/routes.ts): one route per channel, no two channels on the
 * same method and path, path parameters and body fields that the channel's request schema has, the event
 * list the map's, and nothing imported that would bring zod into the renderer.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { channelNames, pushEventNames } from '../../../src/shared/channels'
import { ApiError, errorStatus, eventNames, httpRoutes } from '../../../src/shared/routes'
import * as api from '../../../src/shared/api'

const src = join(__dirname, '../../../src/shared')

/** The keys of a zod object schema (the union's branches are not objects). */
const schemaKeys = (channel: keyof typeof api.requestSchemas): string[] =>
  Object.keys((api.requestSchemas[channel] as unknown as { shape: object }).shape)

describe('httpRoutes', () => {
  it('has exactly one route per channel, under /api/, and no two on the same method and path', () => {
    expect(Object.keys(httpRoutes).sort()).toEqual([...channelNames].sort())
    const seen = new Set<string>()
    for (const [channel, route] of Object.entries(httpRoutes)) {
      expect(route.path, channel).toMatch(/^\/api\//)
      const key = `${route.method} ${route.path}`
      expect(seen.has(key), `${channel}: ${key} is taken`).toBe(false)
      seen.add(key)
    }
  })

  it("fills its path parameters and body field from the channel's request fields", () => {
    for (const channel of channelNames) {
      const route = httpRoutes[channel]
      const keys = schemaKeys(channel)
      for (const [, name] of route.path.matchAll(/:([A-Za-z]+)/g)) expect(keys, `${channel} ${route.path}`).toContain(name)
      if (route.bodyField) {
        expect(route.method, channel).toBe('POST')
        expect(keys, channel).toContain(route.bodyField)
      }
    }
  })

  it('is what api.ts exports (one map for the host and the renderer)', () => {
    expect(api.httpRoutes).toBe(httpRoutes)
    expect(api.eventNames).toBe(eventNames)
    expect(api.ApiError).toBe(ApiError)
    expect(api.errorStatus).toBe(errorStatus)
  })

  it('tells the host a window has painted the deck with a POST', () => {
    expect(httpRoutes['deck:shown']).toEqual({ method: 'POST', path: '/api/deck/shown' })
  })
})

describe('the renderer half', () => {
  it('lists every push event', () => {
    expect([...eventNames]).toEqual([...pushEventNames])
  })

  it('gives every error code an HTTP error status, and ApiError keeps its code', () => {
    for (const status of Object.values(errorStatus)) expect(status).toBeGreaterThanOrEqual(400)
    const error = new ApiError('not_found', 'there is no model "x"')
    expect(error).toBeInstanceOf(Error)
    expect({ code: error.code, message: error.message, name: error.name }).toEqual({
      code: 'not_found',
      message: 'there is no model "x"',
      name: 'ApiError'
    })
  })

  it('imports no module that brings zod (routes.ts and channels.ts only, values from channels.ts alone)', () => {
    for (const file of ['routes.ts', 'channels.ts']) {
      const text = readFileSync(join(src, file), 'utf8')
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2] }))
      for (const { typeOnly, from } of imports) if (!typeOnly) expect(from, `${file} imports ${from}`).toBe('./channels')
    }
  })
})
