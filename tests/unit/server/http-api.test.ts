/** The browser-mode server's request building: a predict route's body is the input, its other fields come from the query. */
import { describe, expect, it } from 'vitest'
import { buildRequest, matchRoute, type MatchedRoute } from '../../../src/server/http-api'
import { requestSchemas } from '../../../src/shared/api'

function route(method: string, path: string): MatchedRoute {
  const match = matchRoute(method, path)
  if (!match || match === 'method-mismatch') throw new Error(`no route for ${method} ${path}`)
  return match
}

describe('buildRequest', () => {
  it('takes a printed copy’s log=false from the query of models:predict, beside the input body', () => {
    const match = route('POST', '/api/models/digits/predict')
    const request = buildRequest(match, new URLSearchParams('log=false'), { image: 'examples/4.png' })
    expect(request).toEqual({ id: 'digits', input: { image: 'examples/4.png' }, log: false })
    expect(requestSchemas['models:predict'].safeParse(request).success).toBe(true)
    expect(buildRequest(match, new URLSearchParams(), { text: 'hi' })).toEqual({ id: 'digits', input: { text: 'hi' } })
  })

  it('takes log: false from the body of endpoint:predict', () => {
    const request = buildRequest(route('POST', '/api/endpoints/tweets/predict'), new URLSearchParams(), { input: { text: 'hi' }, log: false })
    expect(requestSchemas['endpoint:predict'].safeParse(request).success).toBe(true)
    expect(request).toMatchObject({ id: 'tweets', log: false })
  })
})
