/**
 * The robustness probe and the prediction log through the real host
 * (createHost on the example deck): real inference worker processes, the
 * example models, every request validated like any channel.
 */
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ApiError, type Events } from '../../../../src/shared/api'
import type { PredictionLogExport, PredictionLogPage, ProbeResult, ProbeSetResult } from '../../../../src/shared/probe-types'
import type { ModelInfo, Prediction } from '../../../../src/shared/types'
import { createHost, type Host } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'

const deckRoot = resolve(__dirname, '../../../..')
let host: Host
const logEvents: Array<Events['log:changed']> = []

beforeAll(() => {
  host = createHost({
    deckRoot,
    spawnWorker: () => forkSourceWorker(),
    emit: (event, payload) => {
      if (event === 'log:changed') logEvents.push(payload as Events['log:changed'])
    },
    watch: false,
    wakeEndpoints: false
  })
})
afterAll(() => host?.dispose())

const call = <T>(channel: string, payload: unknown): Promise<T> => host.dispatch(channel, payload) as Promise<T>
const failure = (channel: string, payload: unknown): Promise<ApiError> =>
  call(channel, payload).then(
    () => {
      throw new Error('expected an error')
    },
    (e: ApiError) => e
  )

describe('probe:run', { timeout: 120_000 }, () => {
  it('sweeps Gaussian noise over a drawn digit in one batch: confidence falls and the prediction flips', async () => {
    const result = await call<ProbeResult>('probe:run', { id: 'digits', input: { image: 'examples/3.png' }, perturbation: 'gaussian-noise' })
    expect(result.clean.label).toBe('3')
    expect(result.clean.score).toBeGreaterThan(0.5)
    expect(result.points).toHaveLength(20)
    expect(result.points[0]).toMatchObject({ strength: 0, top: { label: '3' } })
    expect(result.points.at(-1)!.strength).toBe(1)
    expect(result.points.at(-1)!.cleanScore).toBeLessThan(result.clean.score)
    expect(result.flip).not.toBeNull()
    expect(result.flip!.label).not.toBe('3')
    expect(result.points.find((p) => p.strength === result.flip!.strength)!.top.label).toBe(result.flip!.label)
    expect(result.batches).toBe(1)
    expect(result.seed).toBe(14)
    // Seeded: the same request gives the same curve.
    const again = await call<ProbeResult>('probe:run', { id: 'digits', input: { image: 'examples/3.png' }, perturbation: 'gaussian-noise' })
    expect(again.points.map((p) => p.cleanScore)).toEqual(result.points.map((p) => p.cleanScore))
  })

  it('batched text sweeps give exactly the scores of single predictions of the perturbed texts', async () => {
    const text = 'Evacuation orders for 3 towns as the wildfire jumps the highway. Stay safe everyone'
    const result = await call<ProbeResult>('probe:run', { id: 'disaster-tweets', input: { text }, perturbation: 'typos', steps: 6, seed: 3 })
    expect(result.points.map((p) => p.strength)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5])
    expect(result.points[0]!.preview).toBe(text)
    for (const point of result.points.slice(1)) {
      const single = await call<Prediction>('models:predict', { id: 'disaster-tweets', input: { text: point.preview } })
      const score = single.predictions.find((p) => p.label === point.top.label)!.score
      expect(Math.abs(score - point.top.score)).toBeLessThan(1e-5)
    }
  })

  it('shifts one wine feature by standard deviations and shows the changed value', async () => {
    const wine = (await call<ModelInfo[]>('models:list', {})).find((m) => m.id === 'wine')!
    const features = wine.examples[0]!.features!
    const result = await call<ProbeResult>('probe:run', {
      id: 'wine',
      input: { features },
      perturbation: 'shift',
      feature: 'flavanoids',
      strengths: [-3, 0, 3]
    })
    expect(result.feature).toBe('flavanoids')
    expect(result.points[1]!.preview).toBe('(unchanged)')
    expect(result.points[0]!.preview).toMatch(/^flavanoids=\d/)
    expect(result.points[1]!.top).toEqual(result.clean)
  })

  it('shows what the model sees at one strength: an 8×8 PNG of the perturbed pixels, none for a whole sweep', async () => {
    const one = await call<ProbeResult>('probe:run', {
      id: 'digits',
      input: { image: 'examples/3.png' },
      perturbation: 'occlusion',
      strengths: [0.5]
    })
    const png = PNG.sync.read(Buffer.from(one.points[0]!.preview!.replace(/^data:image\/png;base64,/, ''), 'base64'))
    expect([png.width, png.height]).toEqual([8, 8])
    const sweep = await call<ProbeResult>('probe:run', { id: 'digits', input: { image: 'examples/3.png' }, perturbation: 'occlusion', steps: 5 })
    expect(sweep.points.every((p) => p.preview === undefined)).toBe(true)
  })

  it('round-trips a drawn digit through JPEG at falling quality', async () => {
    const result = await call<ProbeResult>('probe:run', {
      id: 'digits',
      input: { image: 'examples/7.png' },
      perturbation: 'jpeg',
      strengths: [0, 50, 95]
    })
    expect(result.points[0]!.top).toEqual(result.clean)
    expect(result.points).toHaveLength(3)
    expect(result.unit).toBe('100 − quality')
  })
})

interface BadCase {
  name: string
  channel: string
  payload: Record<string, unknown>
  code: string
  message: string
}
/** Expands `{ "@repeat": n, "item": x }` into n copies of x. */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record['@repeat'] === 'number') return Array.from({ length: record['@repeat'] }, () => record['item'])
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expand(v)]))
  }
  return value
}
const badCases = (JSON.parse(readFileSync(join(deckRoot, 'tests/fixtures/probe/bad-requests.json'), 'utf8')) as { cases: BadCase[] }).cases

describe('bad probe requests (tests/fixtures/probe/bad-requests.json)', { timeout: 120_000 }, () => {
  it.each(badCases.map((c) => [c.name, c] as const))('%s: a clear error', async (_name, c) => {
    const e = await failure(c.channel, expand(c.payload))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe(c.code)
    expect(e.message).toContain(c.message)
  })
})

describe('probe:set', { timeout: 120_000 }, () => {
  it('sweeps the digits examples: accuracy from their names, agreement with the clean predictions', async () => {
    const result = await call<ProbeSetResult>('probe:set', { id: 'digits', perturbation: 'gaussian-noise', steps: 5 })
    expect(result.items).toBe(10)
    expect(result.labelled).toBe(10)
    expect(result.strengths).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(result.agreement[0]).toBe(1)
    expect(result.accuracy![0]).toBe(1)
    expect(result.agreement.at(-1)!).toBeLessThan(1)
    expect(result.flips.map((f) => f.input)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5', 'a 6', 'a 7', 'a 8', 'a 9'])
  })

  it('takes a set of inputs of its own (no labels: agreement only)', async () => {
    const result = await call<ProbeSetResult>('probe:set', {
      id: 'disaster-tweets',
      perturbation: 'word-dropout',
      steps: 3,
      inputs: [{ text: 'Forest fire near La Ronge Sask. Canada' }, { text: 'I love fruits' }]
    })
    expect(result).toMatchObject({ items: 2, labelled: 0, accuracy: null, strengths: [0, 0.4, 0.8] })
    expect(result.agreement[0]).toBe(1)
  })
})

describe('probe:set replaced by a newer one', { timeout: 120_000 }, () => {
  it('stops the older set of the same model at its next input; the newer one answers', async () => {
    const digits = (await call<ModelInfo[]>('models:list', {})).find((m) => m.id === 'digits')!
    const images = digits.examples.map((e) => ({ image: e.image! }))
    const many = Array.from({ length: 200 }, (_, i) => images[i % images.length]!)
    const older = failure('probe:set', { id: 'digits', perturbation: 'gaussian-noise', steps: 3, inputs: many })
    const newer = call<ProbeSetResult>('probe:set', { id: 'digits', perturbation: 'blur', steps: 3 })
    const stopped = await older
    expect(stopped.code).toBe('bad_request')
    expect(stopped.message).toBe('a newer probe set of this model replaced this one')
    expect((await newer).items).toBe(10)
    // Not a problem for the presenter: nothing was wrong with the model.
    const page = await call<PredictionLogPage>('log:list', { model: 'digits' })
    expect(JSON.stringify(page)).not.toContain('replaced this one')
  })
})

describe('prediction log', { timeout: 120_000 }, () => {
  it('logs every prediction of the session and exports it as CSV and JSON Lines', async () => {
    await call('log:clear', {})
    await call('models:predict', { id: 'disaster-tweets', input: { text: 'Flood warning for the river tonight' } })
    await call('models:predict', { id: 'digits', input: { image: 'examples/4.png' } })
    const page = await call<PredictionLogPage>('log:list', {})
    expect(page.total).toBe(2)
    expect(page.entries.map((e) => [e.model, e.source, e.input])).toEqual([
      ['digits', 'local', 'examples/4.png'],
      ['disaster-tweets', 'local', 'Flood warning for the river tonight']
    ])
    expect(page.entries[0]!.label).toBe('4')
    const csv = await call<PredictionLogExport>('log:export', { format: 'csv' })
    expect(csv.rows).toBe(2)
    expect(csv.content.split('\r\n')[1]).toMatch(/^\d+,[^,]+,disaster-tweets,local,text,Flood warning for the river tonight,/)
    const jsonl = await call<PredictionLogExport>('log:export', { format: 'jsonl', model: 'digits' })
    expect(JSON.parse(jsonl.content.trim())).toMatchObject({ model: 'digits', label: '4', inputKind: 'image' })
    await vi.waitFor(() => expect(logEvents.at(-1)?.last?.model).toBe('digits'), { timeout: 5000, interval: 20 })
    expect((await failure('log:export', { format: 'xlsx' })).code).toBe('bad_request')
  })

  it('keeps a printed copy’s predictions (log: false) out of the log', async () => {
    await call('log:clear', {})
    const printed = await call<Prediction>('models:predict', { id: 'digits', input: { image: 'examples/4.png' }, log: false })
    expect(printed.predictions.length).toBeGreaterThan(0)
    await call('models:predict', { id: 'disaster-tweets', input: { text: 'Flood warning for the river tonight' } })
    const page = await call<PredictionLogPage>('log:list', {})
    expect(page.entries.map((e) => e.model)).toEqual(['disaster-tweets'])
  })
})
