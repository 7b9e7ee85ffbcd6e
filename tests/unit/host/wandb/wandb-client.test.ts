import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { backoffDelay, graphqlRequest, parseRetryAfter, type TransportOptions } from '../../../../src/host/wandb/graphql'
import { parseRunPath } from '../../../../src/host/wandb/run-path'
import { WandbClient } from '../../../../src/host/wandb/wandb-client'
import { seededRuns, startFakeWandb, type FakeWandb } from '../../../support/fake-wandb'

let fake: FakeWandb
let waits: number[]

beforeEach(async () => {
  fake = await startFakeWandb()
  waits = []
})
afterEach(async () => {
  await fake.close()
})

/** Transport against the fake; sleeps are recorded, not slept. */
function transport(extra: Partial<TransportOptions> = {}): TransportOptions {
  return {
    baseUrl: fake.url,
    apiKey: fake.key,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms)
    },
    ...extra
  }
}
const client = (extra: Partial<TransportOptions> = {}): WandbClient => new WandbClient(transport(extra))
const path = parseRunPath('demo-entity/exam-project/abc12345')

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected a rejection')
}

describe('run paths', () => {
  it('accepts entity/project/runId and pasted run URLs', () => {
    const want = { entity: 'demo-entity', project: 'exam-project', runId: 'abc12345' }
    for (const input of [
      'demo-entity/exam-project/abc12345',
      ' demo-entity/exam-project/abc12345/ ',
      'demo-entity/exam-project/runs/abc12345',
      'https://wandb.ai/demo-entity/exam-project/runs/abc12345',
      'https://wandb.ai/demo-entity/exam-project/runs/abc12345/',
      'https://wandb.ai/demo-entity/exam-project/runs/abc12345?nw=nwuser&workspace=user-x#charts',
      'https://wandb.ai/demo-entity/exam-project/runs/abc12345/overview'
    ]) {
      expect(parseRunPath(input)).toEqual(want)
    }
  })

  it('rejects anything else with an example of the right form', async () => {
    for (const input of ['abc12345', 'a/b', 'https://wandb.ai/demo-entity/exam-project', 'a/b/c d', 'https://wandb.ai/a/b/sweeps/x']) {
      expect(() => parseRunPath(input)).toThrow(/entity\/project\/runId/)
    }
  })
})

describe('W&B client against the fake server', () => {
  it('sends HTTP Basic api:<key> and reads the viewer', async () => {
    expect(await client().viewer()).toEqual({ id: 'VXNlcjox', entity: 'demo-entity', username: 'demo-user' })
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]!.authorized).toBe(true)
  })

  it("lists a project's runs page by page with the cursor", async () => {
    const runs = await client().listRuns('demo-entity', 'exam-project', { perPage: 2 })
    expect(runs.map((r) => r.name)).toEqual(['abc12345', 'def67890', 'ghi13579'])
    expect(fake.requests).toHaveLength(2)
    expect(fake.requests[0]!.variables['cursor']).toBeNull()
    expect(typeof fake.requests[1]!.variables['cursor']).toBe('string')
    expect(fake.requests[0]!.variables['filters']).toBe('{}')
  })

  it('fetches a run: config unwrapped without _wandb, summary without media, sampled history per key with NaN', async () => {
    const run = await client().fetchRun(path)
    expect(run).toMatchObject({
      name: 'bright-exam-1',
      source: 'wandb',
      path: 'demo-entity/exam-project/abc12345',
      state: 'finished',
      group: 'sweep-exam'
    })
    expect(run.config).toEqual({ lr: 0.003, epochs: 3, batch_size: 32, optimizer: { name: 'adam', beta1: 0.9 } })
    expect(run.summary['best_val_loss']).toBe('NaN')
    expect('val/confusion' in run.summary).toBe(false)
    expect(run.metrics.sort()).toEqual(['train/loss', 'val/acc', 'val/loss'])
    expect(run.rows).toHaveLength(300)
    expect(run.rows.filter((r) => 'val/loss' in r)).toHaveLength(30)
    expect(run.rows[150]!['train/loss']).toBe('NaN')
    expect(run.rows[299]).toMatchObject({ _step: 299, 'val/acc': fake.runs[0]!.rows[299]!['val/acc'] })
    const sampled = fake.requests.find((r) => r.query.includes('sampledHistory'))!
    expect((sampled.variables['specs'] as string[]).map((s) => JSON.parse(s))).toContainEqual({
      keys: ['_step', '_runtime', '_timestamp', 'val/loss'],
      samples: 1000
    })
  })

  it('samples when asked for fewer points (first and last kept by the server)', async () => {
    const run = await client().fetchRun(path, { samples: 50, keys: ['train/loss'] })
    expect(run.rows).toHaveLength(50)
    expect(run.rows[0]!['_step']).toBe(0)
    expect(run.rows[49]!['_step']).toBe(299)
  })

  it('full scan pages history(minStep, maxStep, samples) 1000 steps at a time', async () => {
    await fake.close()
    const big = seededRuns()[0]!
    big.rows = Array.from({ length: 2500 }, (_, s) => ({ _step: s, _runtime: s, _timestamp: 1e9 + s, loss: s === 7 ? Infinity : 1 / (s + 1) }))
    fake = await startFakeWandb({ runs: [big] })
    const run = await client().fetchRun(path, { full: true })
    expect(run.rows).toHaveLength(2500)
    expect(run.rows[7]!['loss']).toBe('Infinity')
    const pages = fake.requests.filter((r) => r.query.includes('history(minStep'))
    expect(pages.map((r) => [r.variables['minStep'], r.variables['maxStep'], r.variables['samples']])).toEqual([
      [0, 1000, 1000],
      [1000, 2000, 1000],
      [2000, 3000, 1000]
    ])
  })

  it('an unknown run is not_found; an unknown project too', async () => {
    const e = await rejection(client().fetchRun(parseRunPath('demo-entity/exam-project/zzzzzzzz')))
    expect(e.code).toBe('not_found')
    expect(e.message).toMatch(/no run demo-entity\/exam-project\/zzzzzzzz/)
    expect((await rejection(client().fetchRun(parseRunPath('demo-entity/nope/abc12345')))).code).toBe('not_found')
  })

  it('retries 429 honouring Retry-After in seconds', async () => {
    fake.fault({ status: 429, retryAfter: '3' })
    expect((await client().viewer()).entity).toBe('demo-entity')
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200])
    expect(waits).toEqual([3000])
  })

  it('honours Retry-After as an HTTP date, capped at 60 s', async () => {
    fake.fault({ status: 503, retryAfter: new Date(Date.now() + 3600_000).toUTCString() })
    await client().viewer()
    expect(waits).toEqual([60_000])
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT'))).toBe(10_000)
  })

  it('retries 500 with exponential backoff and jitter, then succeeds', async () => {
    fake.fault({ status: 500, times: 3 })
    await client().viewer()
    expect(fake.requests.map((r) => r.status)).toEqual([500, 500, 500, 200])
    // 2 s · 2^n + 25 % · 0.5 jitter
    expect(waits).toEqual([2250, 4500, 9000])
    expect(backoffDelay(10, 2000, 60_000, () => 0.99)).toBe(60_000)
  })

  it('gives up after the retry budget with an upstream error', async () => {
    fake.fault({ status: 502, times: 10 })
    const e = await rejection(client({ maxRetries: 2 }).viewer())
    expect(e.code).toBe('upstream')
    expect(e.message).toMatch(/HTTP 502/)
    expect(fake.requests).toHaveLength(3)
  })

  it('401 is unauthorized at once, without retries, and never shows the key', async () => {
    const e = await rejection(client({ apiKey: 'wrong'.padEnd(40, '0') }).viewer())
    expect(e.code).toBe('unauthorized')
    expect(e.message).toMatch(/^W&B rejected the API key/)
    expect(fake.requests).toHaveLength(1)
    expect(waits).toEqual([])
    expect(e.message).not.toContain('wrong')
  })

  it.each([400, 403, 404, 409, 410, 413, 422, 501])('HTTP %i is not retried', async (status) => {
    fake.fault({ status })
    await rejection(client().viewer())
    expect(fake.requests).toHaveLength(1)
  })

  it("GraphQL errors[] with HTTP 200 become an error with the server's message", async () => {
    fake.fault({ graphqlError: 'permission denied for entity demo-entity' })
    const e = await rejection(client().viewer())
    expect(e.code).toBe('upstream')
    expect(e.message).toBe('W&B returned an error: permission denied for entity demo-entity')
    expect(fake.requests).toHaveLength(1)
  })

  it('network errors are retried, then reported as upstream', async () => {
    fake.fault({ hangup: true })
    expect((await client().viewer()).username).toBe('demo-user')
    expect(waits).toHaveLength(1)
    fake.fault({ hangup: true, times: 5 })
    const e = await rejection(client({ maxRetries: 1 }).viewer())
    expect(e.code).toBe('upstream')
    expect(e.message).toMatch(/^Could not reach W&B at http:\/\/127\.0\.0\.1:\d+/)
  })

  it('a request that takes longer than the timeout is an upstream error', async () => {
    fake.fault({ delayMs: 500, times: 3 })
    const e = await rejection(client({ timeoutMs: 50, maxRetries: 1 }).viewer())
    expect(e.code).toBe('upstream')
    expect(e.message).toMatch(/no answer within/)
  })

  it('a server that is not there is an upstream error', async () => {
    await fake.close()
    const e = await rejection(graphqlRequest({ ...transport(), maxRetries: 0 }, '{ viewer { id } }', {}))
    expect(e.code).toBe('upstream')
    fake = await startFakeWandb()
  })
})
