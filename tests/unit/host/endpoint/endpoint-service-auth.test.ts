/**
 * Where the endpoint service sends a model's token, against real loopback
 * servers that record every request: the model's own endpoint, and a
 * "collector" on another port (another origin) that a shared deck's slide
 * names. The local answers come from the real ModelService, worker process
 * and onnxruntime-node on the example text model.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ModelServiceApi } from '../../../../src/host/services'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { EndpointService, LOCAL_GRACE_MS } from '../../../../src/host/endpoint/endpoint-service'
import { LOCAL_STILL_LOADING } from '../../../../src/shared/types-endpoint'
import { copyModel } from '../../../fixtures/endpoint/deck'
import { startRecorder, type Recorder } from '../../../fixtures/endpoint/recorder'

// A token with characters that URL-encoding changes, so an echo in that form differs from the literal.
const TOKEN = 'tok/en+with=chars_1234'
const TEXT = 'Forest fire near La Ronge Sask. Canada'
const auth = { env: 'DEMO_TOKEN', header: 'X-Api-Key', scheme: '' }

let deck = ''
let models: ModelService
let service: EndpointService
let own: Recorder
let collector: Recorder
let solo: Recorder
const directives: Array<{ model: string; url: string }> = []

/** A copy of the example text model with this endpoint block. */
const copyTweets = (to: string, endpoint: unknown): void => copyModel(deck, 'disaster-tweets', to, { endpoint })

beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-endpoint-auth-'))
  ;[own, collector, solo] = await Promise.all([startRecorder(), startRecorder(), startRecorder()])
  copyTweets('tweets', { url: `${own.url}/inference`, auth })
  copyTweets('tweets-custom', { url: `${own.url}/inference`, kind: 'custom', request: { field: 'statement' }, auth })
  copyTweets('tweets-solo', { url: `${solo.url}/inference`, auth })
  directives.push(
    // A classmate's slide: same model, another origin.
    { model: 'tweets', url: `${collector.url}/inference` },
    // Same origin, another path: the model's own service.
    { model: 'tweets-custom', url: `${own.url}/echo-401` },
    // Same origin, which redirects to another origin.
    { model: 'tweets-custom', url: `${own.url}/to?url=${encodeURIComponent(`${collector.url}/inference`)}` }
  )
  models = new ModelService(deck, () => forkSourceWorker())
  service = new EndpointService({ deckRoot: deck, models, env: { DEMO_TOKEN: TOKEN }, directiveEndpoints: () => directives })
  await service.refresh()
})

afterAll(async () => {
  await service?.dispose()
  models?.dispose()
  await Promise.all([own?.stop(), collector?.stop(), solo?.stop()])
  if (deck) rmSync(deck, { recursive: true, force: true })
})

/** The real ModelService whose `predict` waits for `gate` first: a cold session load, as long as the test wants. */
function gated(inner: ModelService, gate: Promise<void>, done?: () => void): ModelServiceApi {
  const predict: ModelServiceApi['predict'] = async (id, input) => {
    await gate
    const value = await inner.predict(id, input)
    done?.()
    return value
  }
  return new Proxy(inner, {
    get: (target, name: keyof ModelService) =>
      name === 'predict' ? predict : typeof target[name] === 'function' ? (target[name] as () => unknown).bind(target) : target[name]
  })
}

describe("a slide's URL never gets the model's token", () => {
  it('the deck-open wake and a prediction reach another origin without the token, and the presenter is told why', async () => {
    await service.wake('tweets')
    const answer = await service.predict('tweets', { text: TEXT }, `${collector.url}/inference`)
    expect(answer.source).toBe('deployed')
    expect(answer.labelOnly).toEqual({ label: 'disaster' })
    expect(collector.count('GET', '/openapi.json')).toBeGreaterThan(0)
    expect(collector.count('POST', '/inference')).toBe(1)
    expect(collector.seen.every((s) => s.headers['x-api-key'] === undefined)).toBe(true)
    expect(JSON.stringify(collector.seen)).not.toContain(TOKEN)
    // The model's own endpoint got it.
    expect(own.seen.filter((s) => s.path === '/openapi.json').every((s) => s.headers['x-api-key'] === TOKEN)).toBe(true)
    const health = (await service.status()).filter((h) => h.model === 'tweets')
    const slide = health.find((h) => h.url === `${collector.url}/inference`)!
    expect(slide.auth).toMatchObject({ header: 'X-Api-Key', env: 'DEMO_TOKEN', present: true })
    expect(slide.auth!.withheld).toMatch(/^auth not sent: the slide's URL \(127\.0\.0\.1:\d+\) is not the model's endpoint/)
    expect(health.find((h) => h.url === `${own.url}/inference`)!.auth!.withheld).toBeUndefined()
    // No token header in the curl shown for the collector: none was sent.
    expect(answer.deployed.curl).not.toContain('X-Api-Key')
  })

  it('a same-origin slide URL gets the token; its echo in the error is redacted in every encoding', async () => {
    const answer = await service.predict('tweets-custom', { text: TEXT }, `${own.url}/echo-401`)
    expect(answer.source).toBe('local')
    expect(own.seen.filter((s) => s.path === '/echo-401').map((s) => s.headers['x-api-key'])).toEqual([TOKEN])
    expect(answer.deployed).toMatchObject({ failure: 'auth', status: 401 })
    expect(answer.deployed.detail).toContain('bad key [redacted] (base64 [redacted])')
    for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')]) {
      expect(JSON.stringify(answer)).not.toContain(form)
      expect(JSON.stringify(await service.status())).not.toContain(form)
    }
  })

  it('a redirect from the own origin to another one leaves the token behind', async () => {
    const before = collector.count('POST', '/inference')
    const url = directives[2]!.url
    const answer = await service.predict('tweets-custom', { text: TEXT }, url)
    expect(answer.source).toBe('deployed')
    expect(own.seen.filter((s) => s.path === '/to').map((s) => s.headers['x-api-key'])).toEqual([TOKEN])
    expect(collector.count('POST', '/inference')).toBe(before + 1)
    expect(collector.seen.every((s) => s.headers['x-api-key'] === undefined)).toBe(true)
  })
})

it('a wake fetches /openapi.json once: the ping is the discovery', async () => {
  const [health] = await service.wake('tweets-solo')
  expect(health).toBeDefined()
  const status = (await service.status()).find((h) => h.model === 'tweets-solo')!
  expect(status).toMatchObject({ state: 'up', plan: 'POST /inference · JSON field "statement" (from /openapi.json)' })
  expect(solo.count('GET', '/openapi.json')).toBe(1)
  await service.wake('tweets-solo')
  expect(solo.count('GET', '/openapi.json')).toBe(2)
})

describe('a deployed answer does not wait for the local cold load', () => {
  it(`after ${LOCAL_GRACE_MS} ms the answer goes out with local: null, "${LOCAL_STILL_LOADING}"; a warm local model is compared`, async () => {
    let open: () => void = () => undefined
    const gate = new Promise<void>((done) => (open = done))
    let localDone = false
    const cold = gated(models, gate, () => (localDone = true))
    const slow = new EndpointService({ deckRoot: deck, models: cold, env: { DEMO_TOKEN: TOKEN } })
    try {
      const answer = await slow.predict('tweets-solo', { text: TEXT })
      expect(localDone).toBe(false)
      expect(answer).toMatchObject({ source: 'deployed', labelOnly: { label: 'disaster' }, local: null, localError: LOCAL_STILL_LOADING })
      expect(answer.agreement).toBeUndefined()
      open()
      // Once the first local run has finished loading, the next answer carries both.
      await vi.waitFor(() => expect(localDone).toBe(true), { timeout: 60_000, interval: 20 })
      const warm = await slow.predict('tweets-solo', { text: TEXT })
      expect(warm.local!.predictions.length).toBe(2)
      expect(warm.agreement).toMatchObject({ deployedTop: 'disaster' })
    } finally {
      open()
      await slow.dispose()
    }
  })

  it('a failed deployed call still waits for the local model: it is the answer', async () => {
    let open: () => void = () => undefined
    const gate = new Promise<void>((done) => (open = done))
    const cold = gated(models, gate)
    const slow = new EndpointService({ deckRoot: deck, models: cold, env: { DEMO_TOKEN: TOKEN }, directiveEndpoints: () => directives })
    try {
      const refusals = own.count('POST', '/echo-401')
      const pending = slow.predict('tweets-custom', { text: TEXT }, `${own.url}/echo-401`)
      // The deployed call has been refused (401) before the local model is let go.
      await vi.waitFor(() => expect(own.count('POST', '/echo-401')).toBe(refusals + 1), { timeout: 10_000, interval: 10 })
      open()
      const answer = await pending
      expect(answer).toMatchObject({ source: 'local', deployed: { ok: false, status: 401 } })
      expect(answer.local!.predictions.length).toBe(2)
      expect(answer.localError).toBeUndefined()
    } finally {
      open()
      await slow.dispose()
    }
  })
})
