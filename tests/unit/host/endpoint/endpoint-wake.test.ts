/**
 * The wake (keep-warm) pass against real loopback servers: a FastAPI-like
 * recorder whose /openapi.json ping is also the discovery, a route that
 * answers 401, a server that never answers and a port nobody listens on. The
 * health left behind is what the presenter reads.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EndpointHealth } from '../../../../src/shared/types'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import type { Target } from '../../../../src/host/endpoint/endpoint-target'
import { EndpointTargets } from '../../../../src/host/endpoint/endpoint-targets'
import { wakeTargets, wakeUncheckedTargets, type WakeContext } from '../../../../src/host/endpoint/endpoint-wake'
import { RecordStore } from '../../../../src/host/endpoint/record-store'
import { copyModel } from '../../../fixtures/endpoint/deck'
import { startRecorder, type Recorder } from '../../../fixtures/endpoint/recorder'
import { refusedUrl, startSilent, type Running } from '../../../fixtures/endpoint/servers'

let deck = ''
let models: ModelService
let recorder: Recorder
let silent: Running
let refused = ''
const directives: Array<{ model: string; url: string }> = []

/** A wake context over fresh targets that writes down what the service would be told. */
function context(): WakeContext & { failures: Array<{ model: string; message: string }>; changes: () => number } {
  const targets = new EndpointTargets({ deckRoot: deck, models, records: new RecordStore(deck), env: {}, directiveEndpoints: () => directives })
  const failures: Array<{ model: string; message: string }> = []
  let changes = 0
  return {
    targets,
    env: {},
    changed: () => void changes++,
    fail: (target: Target, message: string) => void failures.push({ model: target.model.id, message }),
    status: async (): Promise<EndpointHealth[]> => [...(await targets.all()).values()].map((t) => t.health),
    failures,
    changes: () => changes
  }
}

const healthOf = (list: EndpointHealth[], model: string): EndpointHealth => list.find((h) => h.model === model)!

beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-endpoint-wake-'))
  ;[recorder, silent, refused] = await Promise.all([startRecorder(), startSilent(), refusedUrl()])
  copyModel(deck, 'disaster-tweets', 'tweets', { endpoint: `${recorder.url}/inference` })
  copyModel(deck, 'disaster-tweets', 'tweets-401', {
    endpoint: { url: `${recorder.url}/inference`, health: '/echo-401', auth: { env: 'DEMO_TOKEN', header: 'X-Api-Key', scheme: '' } }
  })
  copyModel(deck, 'disaster-tweets', 'tweets-silent', { endpoint: { url: `${silent.url}/inference`, wakeTimeoutMs: 500 } })
  copyModel(deck, 'disaster-tweets', 'tweets-refused', { endpoint: `${refused}/inference` })
  copyModel(deck, 'disaster-tweets', 'tweets-bad', {})
  directives.push({ model: 'tweets-bad', url: `http://user:hunter2@127.0.0.1:9/inference` })
  models = new ModelService(deck, () => forkSourceWorker())
})

afterAll(async () => {
  models?.dispose()
  await Promise.all([recorder?.stop(), silent?.stop()])
  if (deck) rmSync(deck, { recursive: true, force: true })
})

describe('waking every endpoint', () => {
  it('leaves each health up or down with the reason, and pings a FastAPI service once (the ping is the discovery)', async () => {
    const ctx = context()
    const before = recorder.count('GET', '/openapi.json')
    const list = await wakeTargets(ctx)

    const up = healthOf(list, 'tweets')
    expect(up.state).toBe('up')
    expect(up.message).toMatch(/^answers pings in \d+ ms$/)
    expect(up.lastLatencyMs).not.toBeNull()
    expect(up.plan).toBe('POST /inference · JSON field "statement" (from /openapi.json)')
    expect(recorder.count('GET', '/openapi.json') - before).toBe(1)

    const refusedToken = healthOf(list, 'tweets-401')
    expect(refusedToken.state).toBe('down')
    expect(refusedToken.message).toMatch(/^the ping answered HTTP 401 \(no token: the environment variable DEMO_TOKEN is not set/)

    expect(healthOf(list, 'tweets-silent')).toMatchObject({ state: 'down', message: 'no answer to a ping in 500 ms' })
    expect(healthOf(list, 'tweets-refused')).toMatchObject({ state: 'down', message: 'unreachable (ECONNREFUSED)' })

    // A slide's URL that cannot be used is never pinged and keeps saying why.
    expect(healthOf(list, 'tweets-bad')).toMatchObject({ state: 'misconfigured', message: expect.stringMatching(/cannot be used/) })

    expect(ctx.failures.map((f) => f.model).sort()).toEqual(['tweets-401', 'tweets-refused', 'tweets-silent'])
    expect(ctx.failures.find((f) => f.model === 'tweets-silent')?.message).toBe(
      `GET ${new URL(silent.url).host}/openapi.json: no answer to a ping in 500 ms`
    )
    // "waking…" and the outcome, for each of the four pinged.
    expect(ctx.changes()).toBe(8)
  })

  it("one model's wake pings only its endpoint; an unknown model is refused", async () => {
    const ctx = context()
    const before = recorder.count('GET', '/openapi.json')
    const list = await wakeTargets(ctx, 'tweets')
    expect(healthOf(list, 'tweets').state).toBe('up')
    expect(healthOf(list, 'tweets-refused').state).toBe('unknown')
    expect(recorder.count('GET', '/openapi.json') - before).toBe(1)
    await expect(wakeTargets(ctx, 'nope')).rejects.toMatchObject({ code: 'not_found' })
  })
})

it('waking the unchecked ones skips those already checked', async () => {
  const ctx = context()
  await wakeTargets(ctx, 'tweets')
  const before = recorder.count('GET', '/openapi.json')
  const echoed = recorder.count('GET', '/echo-401')
  await wakeUncheckedTargets(ctx)
  expect(recorder.count('GET', '/openapi.json')).toBe(before)
  expect(recorder.count('GET', '/echo-401')).toBe(echoed + 1)
  const list = await ctx.status()
  expect(list.filter((h) => h.state === 'unknown')).toEqual([])
})
