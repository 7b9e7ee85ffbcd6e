/**
 * A W&B sync against the loopback stand-in misbehaving: every failure ends
 * within the sync's bound (set small here) with a message that says what
 * happened; Cancel ends a sync at once; no message carries the key in any
 * form; ~/.netrc's api.wandb.ai password never goes to another host.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { RunsService, type RunsServiceOptions } from '../../../../src/host/runs/runs-service'
import { startFakeWandb, type FakeWandb } from '../../../support/fake-wandb'

const RUN = 'demo-entity/exam-project/abc12345'
const BOUND_MS = 4000
let fake: FakeWandb
let root: string

beforeEach(async () => {
  fake = await startFakeWandb()
  root = mkdtempSync(join(tmpdir(), 'demodeck-sync-'))
})
afterEach(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

/** A service with the stand-in's key and a small bound; real waits, real sockets. */
function service(extra: Partial<RunsServiceOptions> = {}, env: NodeJS.ProcessEnv = {}): RunsService {
  return new RunsService(root, {
    env: { WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key, ...env },
    homeDir: join(root, 'home'),
    wandb: { budgetMs: BOUND_MS },
    ...extra
  })
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the sync to fail')
}

const cached = (): boolean => existsSync(join(root, 'runs/wandb/demo-entity__exam-project__abc12345/run.json'))

describe('a bounded W&B sync', () => {
  it('HTTP 500 on every request: gives up within the bound, naming the error', async () => {
    fake.fault({ status: 500, times: 1000 })
    const e = await failure(service().sync(RUN))
    expect(e.message).toBe("W&B answered HTTP 500: fake fault 500 (no retry fits in the sync's 4 s limit); try again later.")
    expect(cached()).toBe(false)
  })

  it('HTTP 500 twice with a short backoff: retries and succeeds within the bound', async () => {
    fake.fault({ status: 500, times: 2 })
    const info = await service({ wandb: { budgetMs: 10_000, retryBaseMs: 1 } }).sync(RUN)
    expect(info.steps).toBe(300)
    expect(fake.requests.map((r) => r.status).slice(0, 3)).toEqual([500, 500, 200])
  })

  it('a server that never answers: stops at the bound with "did not finish"', async () => {
    fake.fault({ delayMs: 30_000, times: 10 })
    const e = await failure(service().sync(RUN))
    expect(e.code).toBe('timeout')
    expect(e.message).toBe(`Could not reach W&B at ${fake.url}: no answer within the sync's 4 s limit.`)
  })

  it('a Retry-After of an hour: says so at once instead of waiting', async () => {
    fake.fault({ status: 429, retryAfter: '3600' })
    const e = await failure(service({ wandb: { budgetMs: 20_000 } }).sync(RUN))
    expect(e.message).toBe("W&B answered HTTP 429: fake fault 429 (W&B asked to retry in 60 min, past the sync's 20 s limit); try again later.")
    expect(fake.requests).toHaveLength(1)
  })

  it('a refused connection: fails at once, pointing at WANDB_BASE_URL', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((r) => closed.close(() => r()))
    const e = await failure(service({}, { WANDB_BASE_URL: `http://127.0.0.1:${port}` }).sync(RUN))
    expect(e.message).toBe(`Nothing answers at http://127.0.0.1:${port} (connection refused). Check WANDB_BASE_URL, or try again later.`)
  })

  it('a name that cannot be resolved: "offline" at once, without retries', async () => {
    const e = await failure(service({ wandb: { budgetMs: 60_000 } }, { WANDB_BASE_URL: 'http://demodeck-offline.invalid' }).sync(RUN))
    expect(e.message).toMatch(
      /^Offline: demodeck-offline\.invalid cannot be resolved \((ENOTFOUND|EAI_AGAIN)\), so W&B cannot be reached\. Runs already synced still show/
    )
  })

  it('Cancel mid-sync: the sync ends at once with "cancelled" and writes nothing', async () => {
    fake.fault({ delayMs: 30_000, match: 'sampledHistory' })
    const svc = service({ wandb: { budgetMs: 60_000 } })
    const sync = failure(svc.sync(RUN))
    await vi.waitFor(() => expect(fake.requests.some((r) => r.query.includes('sampledHistory'))).toBe(true), { timeout: 10_000, interval: 20 })
    expect(await svc.cancelSync()).toEqual({ cancelled: 1 })
    expect((await sync).message).toBe('The W&B sync was cancelled.')
    expect(cached()).toBe(false)
    expect(await svc.cancelSync()).toEqual({ cancelled: 0 })
  })

  it('Cancel during a retry wait ends the wait', async () => {
    fake.fault({ status: 503, retryAfter: '20' })
    const svc = service({ wandb: { budgetMs: 60_000 } })
    const sync = failure(svc.sync(RUN))
    await vi.waitFor(() => expect(fake.requests.map((r) => r.status)).toEqual([503]), { timeout: 10_000, interval: 20 })
    await svc.cancelSync()
    expect((await sync).message).toBe('The W&B sync was cancelled.')
    expect(fake.requests).toHaveLength(1)
  })
})

describe('W&B secrets', () => {
  it('a server echoing the Authorization header never gets the key (in any form) into the message', async () => {
    fake.fault({ status: 400, echoAuthorization: true })
    const e = await failure(service().sync(RUN))
    const basic = Buffer.from(`api:${fake.key}`).toString('base64')
    expect(fake.requests[0]!.authorization).toBe(`Basic ${basic}`)
    expect(e.message).toBe('W&B answered HTTP 400: bad request headers: authorization=Basic [redacted].')
    expect(e.message).not.toContain(basic.slice(0, 20))
    expect(e.message).not.toContain(fake.key)
  })

  it("~/.netrc: the entry of the host called is used, and api.wandb.ai's password never goes elsewhere", async () => {
    const home = join(root, 'home')
    mkdirSync(home, { recursive: true })
    const cloudKey = 'c10d'.padEnd(40, '7')
    writeFileSync(join(home, '.netrc'), `machine api.wandb.ai\n  login user\n  password ${cloudKey}\n`)
    const svc = new RunsService(root, { env: { WANDB_BASE_URL: fake.url }, homeDir: home, wandb: { budgetMs: BOUND_MS } })
    expect(await svc.status()).toMatchObject({ hasKey: false, keySource: 'none' })
    const e = await failure(svc.sync(RUN))
    expect(e.code).toBe('unauthorized')
    expect(fake.requests).toHaveLength(0)
    // With an entry for the stand-in's host, that entry's password is the one sent.
    writeFileSync(join(home, '.netrc'), `machine api.wandb.ai login user password ${cloudKey}\nmachine 127.0.0.1 login user password ${fake.key}\n`)
    expect((await svc.sync(RUN)).steps).toBe(300)
    expect(fake.requests.every((r) => r.authorization === 'Basic ' + Buffer.from(`api:${fake.key}`).toString('base64'))).toBe(true)
  })
})
