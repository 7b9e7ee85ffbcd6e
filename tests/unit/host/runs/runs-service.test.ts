import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { RunsService, uniqueIds } from '../../../../src/host/runs/runs-service'
import type { SecretStore } from '../../../../src/host/services'
import { concatBytes, eventRecord, tfRecord } from '../../../fixtures/runs/synth'
import { startFakeWandb, type FakeWandb } from '../../../support/fake-wandb'
import { hasReal, realPath, SKIP_REASON } from '../../core/metrics/real-fixtures'

const HEX40 = '0123456789abcdef0123456789abcdef01234567'

function write(root: string, rel: string, content: string | Uint8Array): void {
  const file = join(root, rel)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, content)
}

function events(tag: string, n: number): Uint8Array {
  return concatBytes(Array.from({ length: n }, (_, s) => tfRecord(eventRecord({ wallTime: 100 + s, step: s, values: [{ tag, simple: s }] }))))
}

/** A temp deck with one source of each kind (and the real fixtures through runs.yaml when present). */
function makeDeck(): string {
  const root = mkdtempSync(join(tmpdir(), 'demodeck-runs-'))
  const history = Array.from({ length: 120 }, (_, s) => JSON.stringify({ _step: s, _runtime: s * 0.5, 'train/loss': s === 60 ? 'NaN' : 1 / (s + 1), ...(s % 10 === 9 ? { 'val/acc': s / 120 } : {}) })).join('\n') + '\n'
  write(root, 'models/tweets/runs/sweep-1/run.json', JSON.stringify({ id: 'sweep-1', name: 'Sweep 1', group: 'sweep-tweets', state: 'finished', source: 'example', createdAt: '2026-11-20T00:00:00Z', tags: [] }))
  write(root, 'models/tweets/runs/sweep-1/config.json', JSON.stringify({ lr: 0.003, git_commit: 'a'.repeat(40) }))
  write(root, 'models/tweets/runs/sweep-1/summary.json', JSON.stringify({ 'val/acc': 0.81, _step: 119 }))
  write(root, 'models/tweets/runs/sweep-1/history.jsonl', history)
  write(root, 'runs/logs/metrics.csv', 'step,loss,acc\n0,1,0.1\n1,0.5,0.2\n2,nan,0.3\n')
  write(root, 'runs/extra.jsonl', '{"_step":0,"x":1}\n{"_step":1,"x":2}\n')
  write(root, 'runs/a/version_0/events.out.tfevents.1.host', events('loss', 5))
  write(root, 'runs/b/version_0/events.out.tfevents.2.host', events('loss', 7))
  write(root, 'runs/leaky/run.json', JSON.stringify({ name: 'leaky' }))
  write(root, 'runs/leaky/config.json', JSON.stringify({ WANDB_API_KEY: HEX40 }))
  write(root, 'runs/broken.csv', 'name,city\nann,rome\n')
  return root
}

let root: string
let fake: FakeWandb

beforeAll(async () => {
  fake = await startFakeWandb()
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  root = makeDeck()
  fake.requests.length = 0
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

const noEnv = (): NodeJS.ProcessEnv => ({})

describe('RunsService on a temp deck', () => {
  it('finds every kind of source with unique ids', async () => {
    const svc = new RunsService(root, { env: noEnv(), homeDir: root })
    const runs = await svc.list()
    const byId = Object.fromEntries(runs.map((r) => [r.id, r]))
    expect(Object.keys(byId).sort()).toEqual(['a__version_0', 'b__version_0', 'broken', 'extra', 'leaky', 'metrics', 'sweep-1'])
    expect(byId['sweep-1']).toMatchObject({ name: 'Sweep 1', source: 'example', group: 'sweep-tweets', state: 'finished', steps: 120, metrics: ['train/loss', 'val/acc'], config: { lr: 0.003 }, summary: { 'val/acc': 0.81 } })
    expect(byId['sweep-1']!.warnings).toEqual([]) // a 40-hex git commit is not a key
    expect(byId['metrics']).toMatchObject({ source: 'csv', steps: 3, metrics: ['loss', 'acc'] })
    expect(byId['extra']).toMatchObject({ source: 'jsonl', steps: 2 })
    expect(byId['a__version_0']).toMatchObject({ source: 'tensorboard', steps: 5 })
    expect(byId['b__version_0']).toMatchObject({ source: 'tensorboard', steps: 7 })
    expect(byId['broken']!.warnings[0]).toMatchObject({ code: 'runs/unreadable', file: 'runs/broken.csv' })
    expect(byId['broken']!.warnings[0]!.message).toMatch(/no numeric column/)
  })

  it('warns when a deck file looks like it holds a W&B key', async () => {
    write(root, '.env', `WANDB_API_KEY=${HEX40}\n`)
    const runs = await new RunsService(root, { env: noEnv(), homeDir: root }).list()
    const leaky = runs.find((r) => r.id === 'leaky')!
    expect(leaky.warnings.map((w) => [w.code, w.file])).toContainEqual(['security/wandb-key', 'runs/leaky'])
    expect(runs.every((r) => r.warnings.some((w) => w.code === 'security/wandb-key' && w.file === '.env'))).toBe(true)
  })

  it('history: every row as columns, non-finite values as strings; an unknown run is not_found', async () => {
    const svc = new RunsService(root, { env: noEnv(), homeDir: root })
    const all = await svc.history('sweep-1')
    expect(all.steps).toHaveLength(120)
    expect(all.columns['train/loss']![60]).toBe('NaN')
    // val/acc is logged once per epoch: null in the other rows.
    expect(all.columns['val/acc']!.filter((v) => v !== null)).toHaveLength(12)
    expect(all.steps[0]).toBe(0)
    expect(all.steps[119]).toBe(119)
    const e = await svc.history('nope').catch((err: unknown) => err)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).code).toBe('not_found')
  })

  it('caches parsed runs by mtime + size and re-reads changed files after reload()', async () => {
    const file = join(root, 'runs/logs/metrics.csv')
    const mtime = new Date('2026-11-20T10:00:00Z')
    utimesSync(file, mtime, mtime)
    const svc = new RunsService(root, { env: noEnv(), homeDir: root })
    const first = (await svc.list()).find((r) => r.id === 'metrics')!
    await svc.reload()
    const again = (await svc.list()).find((r) => r.id === 'metrics')!
    expect(again.metrics).toEqual(first.metrics)
    // Same size and mtime: the cached parse is kept, so a changed column name does not show.
    writeFileSync(file, readFileSync(file, 'utf8').replace('acc', 'ac2'))
    utimesSync(file, mtime, mtime)
    await svc.reload()
    expect((await svc.list()).find((r) => r.id === 'metrics')!.metrics).toEqual(['loss', 'acc'])
    writeFileSync(file, 'step,loss,acc\n0,1,0.1\n1,0.5,0.2\n2,nan,0.3\n3,0.2,0.4\n')
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    await svc.reload()
    expect((await svc.list()).find((r) => r.id === 'metrics')!.steps).toBe(4)
  })

  it('runs.yaml adds names/groups, reports missing paths, and lists W&B runs not synced yet', async () => {
    write(root, 'runs/runs.yaml', ['- path: runs/extra.jsonl', '  name: Extra run', '  group: extras', '- path: ../nowhere', '- wandb: demo-entity/exam-project/abc12345', '  group: sweep-exam', '- bogus: 1', ''].join('\n'))
    const runs = await new RunsService(root, { env: noEnv(), homeDir: root }).list()
    const extra = runs.find((r) => r.id === 'extra')!
    expect(extra).toMatchObject({ name: 'Extra run', group: 'extras' })
    const codes = extra.warnings.map((w) => w.code)
    expect(codes).toContain('runs/missing-path')
    expect(codes).toContain('runs/yaml-entry')
    const placeholder = runs.find((r) => r.id === 'demo-entity__exam-project__abc12345')!
    expect(placeholder).toMatchObject({ source: 'wandb', steps: 0, group: 'sweep-exam', path: 'demo-entity/exam-project/abc12345' })
    expect(placeholder.warnings[0]!.code).toBe('wandb/not-synced')
  })
})

describe.skipIf(!hasReal)(`RunsService with the real fixtures via runs.yaml (${SKIP_REASON})`, () => {
  it('reads wandb folders, Lightning and Keras tfevents dirs and CSV exports', async () => {
    write(
      root,
      'runs/runs.yaml',
      [
        `- path: ${realPath('wandb-runs/ADL-Group-10__lab0/wandb')}`,
        `- path: ${realPath('tfevents/DaniAlvarado19__Tarea3-IA/lightning_logs/version_0')}`,
        '  name: Lightning AE',
        `- path: ${realPath('tfevents/fivetop__python/logs/fit/20200722-133629')}`,
        `- path: ${realPath('wandb-csv/LauraWenderoth__Bachelorarbeit_Kidney_Stain_Transfer/graphics/wandb_export_2022-08-25T22_43_23.724+02_00.csv')}`
      ].join('\n')
    )
    const svc = new RunsService(root, { env: noEnv(), homeDir: root })
    const runs = await svc.list()
    const byId = Object.fromEntries(runs.map((r) => [r.id, r]))
    expect(byId['run-20260329_145949-0w7qaruh']).toMatchObject({ name: 'alexnet_feature_extraction', source: 'wandb-file', steps: 10, state: 'finished' })
    expect(byId['run-20260329_145949-0w7qaruh']!.config).toMatchObject({ architecture: 'AlexNet', epochs: 10 })
    // The email in config.yaml's _wandb block must not leak into RunInfo.
    expect(JSON.stringify(byId['run-20260329_145949-0w7qaruh'])).not.toContain('@')
    // Its config.yaml holds a 40-hex git commit: not mistaken for a W&B key.
    expect(runs.filter((r) => r.id !== 'broken' && r.id !== 'leaky').flatMap((r) => r.warnings)).toEqual([])
    const lightning = runs.find((r) => r.name === 'Lightning AE')!
    expect(lightning).toMatchObject({ source: 'tensorboard', steps: 402 })
    expect(lightning.config).toMatchObject({ config: { model: { latent_dim: 64, learning_rate: 0.001 }, trainer: { max_epochs: 50 }, dataset: { name: 'FashionMNIST' } } })
    expect(byId['20200722-133629']!.metrics.sort()).toEqual(['train/epoch_accuracy', 'train/epoch_loss', 'validation/epoch_accuracy', 'validation/epoch_loss'])
    expect(byId['cycle_val_975']).toMatchObject({ source: 'wandb-csv', steps: 200 })
    const h = await svc.history(lightning.id)
    const loss = h.steps.filter((_, r) => h.columns['train/loss']![r] !== null)
    expect(loss).toHaveLength(375)
    expect(loss[0]).toBe(49)
    expect(loss[374]).toBe(18749)
  })
})

describe('RunsService ↔ W&B (fake server)', () => {
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key, DEMODECK_WANDB_RETRY_BASE_MS: '1', ...extra })

  it('syncs a run into runs/wandb/<entity>__<project>__<runId>/ and shows it offline afterwards', async () => {
    write(root, 'runs/runs.yaml', '- wandb: demo-entity/exam-project/abc12345\n  group: exam\n')
    const svc = new RunsService(root, { env: env(), homeDir: root })
    const info = await svc.sync('https://wandb.ai/demo-entity/exam-project/runs/abc12345?workspace=me')
    expect(info).toMatchObject({ id: 'demo-entity__exam-project__abc12345', name: 'bright-exam-1', source: 'wandb', steps: 300, group: 'exam', path: 'demo-entity/exam-project/abc12345' })
    expect(info.warnings).toEqual([])
    const folder = join(root, 'runs/wandb/demo-entity__exam-project__abc12345')
    expect(readdirSync(folder).sort()).toEqual(['config.json', 'history.jsonl', 'run.json', 'summary.json'])
    expect(JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'))).toMatchObject({ source: 'wandb', path: 'demo-entity/exam-project/abc12345' })
    expect(readFileSync(join(folder, 'history.jsonl'), 'utf8')).toContain('"train/loss":"NaN"')
    // Offline: a new service with no key and no server still shows it.
    const offline = new RunsService(root, { env: { WANDB_BASE_URL: 'http://127.0.0.1:9' }, homeDir: root })
    const again = (await offline.list()).find((r) => r.id === info.id)!
    expect(again).toMatchObject({ steps: 300, source: 'wandb', group: 'exam' })
    const history = await offline.history(info.id)
    expect(history.columns['val/loss']!.filter((v) => v !== null)).toHaveLength(30)
  })

  it('never writes or returns the key', async () => {
    const svc = new RunsService(root, { env: env(), homeDir: root })
    const info = await svc.sync('demo-entity/exam-project/abc12345', true)
    const folder = join(root, 'runs/wandb/demo-entity__exam-project__abc12345')
    for (const f of readdirSync(folder)) expect(readFileSync(join(folder, f), 'utf8')).not.toContain(fake.key)
    expect(JSON.stringify(info)).not.toContain(fake.key)
    expect(JSON.stringify(await svc.status())).not.toContain(fake.key)
  })

  it('retries a 500 then succeeds; a bad key is unauthorized; no key says where to put one', async () => {
    fake.fault({ status: 500, times: 2 })
    const svc = new RunsService(root, { env: env(), homeDir: root })
    expect((await svc.sync('demo-entity/exam-project/def67890')).steps).toBe(5)
    const bad = new RunsService(root, { env: env({ WANDB_API_KEY: 'f'.repeat(40) }), homeDir: root })
    const e1 = (await bad.sync('demo-entity/exam-project/abc12345').catch((e: unknown) => e)) as ApiError
    expect([e1.code, e1.message]).toEqual(['unauthorized', expect.stringMatching(/^W&B rejected the API key/)])
    expect(e1.message).not.toContain('f'.repeat(40))
    const none = new RunsService(root, { env: { WANDB_BASE_URL: fake.url }, homeDir: root })
    const e2 = (await none.sync('demo-entity/exam-project/abc12345').catch((e: unknown) => e)) as ApiError
    expect(e2.code).toBe('unauthorized')
    expect(e2.message).toMatch(/WANDB_API_KEY.*netrc/)
    const e3 = (await svc.sync('demo-entity/exam-project/zzzzzzzz').catch((e: unknown) => e)) as ApiError
    expect(e3.code).toBe('not_found')
    const e4 = (await svc.sync('not a path').catch((e: unknown) => e)) as ApiError
    expect(e4.code).toBe('bad_request')
  })

  it('finds the key in ~/.netrc under the custom base URL host', async () => {
    const home = join(root, 'home')
    write(home, '.netrc', `machine example.org\n  login x\n  password nope\nmachine 127.0.0.1\n  login user\n  password ${fake.key}\n`)
    const svc = new RunsService(root, { env: { WANDB_BASE_URL: fake.url, DEMODECK_WANDB_RETRY_BASE_MS: '1' }, homeDir: home })
    expect(await svc.status()).toEqual({ hasKey: true, keySource: 'netrc', baseUrl: fake.url, canStoreKey: false })
    expect((await svc.sync('demo-entity/exam-project/ghi13579')).state).toBe('running')
  })
})

describe('W&B key status and storage', () => {
  it('reports env, netrc (api.wandb.ai), keychain and none — never the key', async () => {
    const home = join(root, 'home')
    expect(await new RunsService(root, { env: { WANDB_API_KEY: HEX40 }, homeDir: home }).status()).toEqual({ hasKey: true, keySource: 'env', baseUrl: 'https://api.wandb.ai', canStoreKey: false })
    write(home, '.netrc', `machine api.wandb.ai login user password ${HEX40}\n`)
    expect((await new RunsService(root, { env: {}, homeDir: home }).status()).keySource).toBe('netrc')
    const store = memoryStore()
    store.set(HEX40)
    const st = await new RunsService(root, { env: {}, homeDir: join(root, 'empty'), secretStore: store }).status()
    expect(st).toEqual({ hasKey: true, keySource: 'keychain', baseUrl: 'https://api.wandb.ai', canStoreKey: true })
    expect(await new RunsService(root, { env: {}, homeDir: join(root, 'empty') }).status()).toMatchObject({ hasKey: false, keySource: 'none' })
  })

  it('setKey checks the shape, stores through the SecretStore, and fails clearly without one', async () => {
    const store = memoryStore()
    const svc = new RunsService(root, { env: {}, homeDir: join(root, 'empty'), secretStore: store })
    const bad = (await svc.setKey('too-short').catch((e: unknown) => e)) as ApiError
    expect(bad.code).toBe('bad_request')
    expect(bad.message).toMatch(/does not look like a W&B API key/)
    expect(bad.message).not.toContain('too-short')
    expect(await svc.setKey(`local-${HEX40}`)).toMatchObject({ hasKey: true, keySource: 'keychain' })
    expect(store.get()).toBe(`local-${HEX40}`)
    const browser = new RunsService(root, { env: {}, homeDir: join(root, 'empty') })
    const e = (await browser.setKey(HEX40).catch((err: unknown) => err)) as ApiError
    expect(e.code).toBe('bad_request')
    expect(e.message).toMatch(/browser mode/)
  })
})

describe('uniqueIds', () => {
  it('prefixes parent folder names only where ids collide', () => {
    expect(uniqueIds([['version_0', 'a', 'runs'], ['version_0', 'b', 'runs'], ['solo', 'runs'], ['x', 'p'], ['x', 'p']])).toEqual(['a__version_0', 'b__version_0', 'solo', 'p__x', 'p__x__2'])
  })
})

function memoryStore(): SecretStore {
  let value: string | null = null
  return {
    get: () => value,
    set: (v) => {
      value = v
    }
  }
}
