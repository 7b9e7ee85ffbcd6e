/**
 * The endpoint HTTP client against two real loopback servers on different
 * ports (two origins): redirects keep the token on its own origin only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_REDIRECTS, send } from '../../../../src/host/endpoint/http-client'
import type { OutgoingRequest } from '../../../../src/core/endpoint/request'
import { startRecorder, type Recorder } from '../../../fixtures/endpoint/recorder'

const TOKEN = 'tok_9f8e7d6c5b4a'
let a: Recorder
let b: Recorder

beforeAll(async () => {
  ;[a, b] = await Promise.all([startRecorder(), startRecorder()])
})
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
})

const post = (url: string): OutgoingRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: { type: 'json', text: JSON.stringify({ statement: 'forest fire near the town' }) }
})

describe('redirects', () => {
  it('a redirect to another origin reaches it without the custom auth header, and says so', async () => {
    const before = { a: a.seen.length, b: b.seen.length }
    const outcome = await send(post(`${a.url}/to?url=${encodeURIComponent(`${b.url}/inference`)}`), { 'X-Api-Key': TOKEN }, 5000)
    expect(outcome).toMatchObject({ ok: true, status: 200, text: '{"sentiment":"disaster"}' })
    const atA = a.seen.slice(before.a)
    const atB = b.seen.slice(before.b)
    expect(atA.map((s) => [s.method, s.path, s.headers['x-api-key']])).toEqual([['POST', '/to', TOKEN]])
    // 307 keeps the method and the body; the token stays behind.
    expect(atB.map((s) => [s.method, s.path])).toEqual([['POST', '/inference']])
    expect(atB[0]!.headers['x-api-key']).toBeUndefined()
    expect(JSON.stringify(atB)).not.toContain(TOKEN)
    expect(outcome.ok && outcome.authDropped).toBe(
      `the token was not sent on to ${new URL(b.url).host}: ${new URL(a.url).host} redirected there, and a token goes to its own endpoint only`
    )
  })

  it('a redirect on the same origin keeps the token', async () => {
    const before = a.seen.length
    const outcome = await send(post(`${a.url}/to?url=/inference`), { 'X-Api-Key': TOKEN }, 5000)
    expect(outcome).toMatchObject({ ok: true, status: 200 })
    expect(outcome.ok && outcome.authDropped).toBeUndefined()
    expect(a.seen.slice(before).map((s) => [s.method, s.path, s.headers['x-api-key']])).toEqual([
      ['POST', '/to', TOKEN],
      ['POST', '/inference', TOKEN]
    ])
  })

  it('303 continues as a GET without the body', async () => {
    const before = a.seen.length
    const outcome = await send(post(`${a.url}/see-other`), {}, 5000)
    expect(outcome).toMatchObject({ ok: true, status: 200 })
    expect(a.seen.slice(before).map((s) => [s.method, s.path, s.headers['content-type']])).toEqual([
      ['POST', '/see-other', 'application/json'],
      ['GET', '/openapi.json', undefined]
    ])
  })

  it('a redirect loop ends with a reason after a few hops', async () => {
    const before = a.count('GET', '/loop')
    const outcome = await send({ method: 'GET', url: `${a.url}/loop`, headers: {} }, { 'X-Api-Key': TOKEN }, 5000)
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'network',
      code: 'EREDIRECT',
      message: `${new URL(a.url).host} redirected more than ${MAX_REDIRECTS} times`
    })
    expect(a.count('GET', '/loop') - before).toBe(MAX_REDIRECTS + 1)
  })

  it('a redirect to another scheme is not followed', async () => {
    const outcome = await send({ method: 'GET', url: `${a.url}/to?url=${encodeURIComponent('file:///etc/passwd')}`, headers: {} }, {}, 5000)
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'network',
      message: `${new URL(a.url).host} redirected to a file: URL, which demodeck does not follow`
    })
  })
})
