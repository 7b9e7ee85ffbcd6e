/**
 * The drift check and the model A/B through the real host (createHost): real
 * model folders, real inference workers (onnxruntime-node), real set files,
 * every request validated like any channel. Bad requests come from the
 * broken-case manifest tests/fixtures/compare/cases.json.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHost, type Host } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { ApiError } from '../../../../src/shared/api'
import { MAX_SET_ITEMS } from '../../../../src/shared/limits'
import type { AbPrediction, AbSetReport, DriftReport, ModelInfo } from '../../../../src/shared/types'
import { fixtures, repoRoot } from '../models/deck-helpers'

interface Case {
  name: string
  channel: string
  payload: Record<string, unknown>
  code: string
  error: string
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/compare/cases.json'), 'utf8')) as { cases: Case[] }

let deck = ''
let host: Host

beforeAll(() => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-compare-'))
  mkdirSync(join(deck, 'slides'))
  mkdirSync(join(deck, 'models'))
  mkdirSync(join(deck, 'sets'))
  writeFileSync(join(deck, 'slides/deck.md'), '# Drift\n')
  for (const id of ['wine', 'digits']) cpSync(join(repoRoot, 'models', id), join(deck, 'models', id), { recursive: true })
  cpSync(join(repoRoot, 'models/wine'), join(deck, 'models/wine-copy'), { recursive: true })
  const copy = JSON.parse(readFileSync(join(deck, 'models/wine-copy/model.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(join(deck, 'models/wine-copy/model.json'), JSON.stringify({ ...copy, name: 'Wine (copy)', examples: [], reference: undefined }))
  cpSync(join(fixtures, 'broken-manifest'), join(deck, 'models/broken'), { recursive: true })
  const header = readFileSync(join(repoRoot, 'models/wine/sets/reference.csv'), 'utf8').split('\n')[0]!
  const row = readFileSync(join(repoRoot, 'models/wine/sets/reference.csv'), 'utf8').split('\n')[1]!
  writeFileSync(join(deck, 'sets/huge.csv'), [header, ...Array.from({ length: 10_000 }, () => row)].join('\n'))
  writeFileSync(join(deck, 'sets/other-columns.csv'), 'a,b\n1,2\n')
  writeFileSync(join(deck, 'sets/.env'), 'KEY=1\n')
  // Image sets past the limits (cases.json): one image more than a set may hold, and 14 sparse 19 MB "photos" (266 MB).
  const png = readFileSync(join(repoRoot, 'models/digits/examples/3.png'))
  mkdirSync(join(deck, 'sets/large/many'), { recursive: true })
  for (let i = 0; i <= MAX_SET_ITEMS; i++) writeFileSync(join(deck, 'sets/large/many', `${i}.png`), png)
  mkdirSync(join(deck, 'sets/large/heavy/3'), { recursive: true })
  for (let i = 0; i < 14; i++) {
    writeFileSync(join(deck, 'sets/large/heavy/3', `${i}.jpg`), '')
    truncateSync(join(deck, 'sets/large/heavy/3', `${i}.jpg`), 19 * 1024 * 1024)
  }
  // A JSONL set naming its images beside it, and one naming a link that leads out of the project.
  // (Two folders down: `sets` itself must stay a folder without images for cases.json.)
  mkdirSync(join(deck, 'sets/jsonl/named'), { recursive: true })
  writeFileSync(join(deck, 'sets/jsonl/named/3.png'), png)
  mkdirSync(join(deck, 'sets/jsonl/named/more'))
  cpSync(join(repoRoot, 'models/digits/examples/7.png'), join(deck, 'sets/jsonl/named/more/7.png'))
  writeFileSync(join(deck, 'sets/jsonl/named/set.jsonl'), '{"image": "3.png", "label": "3"}\n{"image": "more/7.png", "label": "7"}\n')
  mkdirSync(join(deck, 'sets/jsonl/escape'))
  symlinkSync('/etc/hostname', join(deck, 'sets/jsonl/escape/leak.png'))
  writeFileSync(join(deck, 'sets/jsonl/escape/set.jsonl'), '{"image": "leak.png"}\n')
  // Examples named "digit 3": the truth is read as the robustness probe reads it.
  cpSync(join(repoRoot, 'models/digits'), join(deck, 'models/digits-b'), { recursive: true })
  const digitsB = JSON.parse(readFileSync(join(deck, 'models/digits-b/demodeck.json'), 'utf8')) as { examples: Array<{ label: string }> }
  for (const e of digitsB.examples) e.label = e.label.replace(/^a /, 'digit ')
  writeFileSync(join(deck, 'models/digits-b/demodeck.json'), JSON.stringify(digitsB))
  host = createHost({ deckRoot: deck, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false, wakeEndpoints: false })
})

afterAll(() => {
  host?.dispose()
  if (deck) rmSync(deck, { recursive: true, force: true })
})

describe('drift:report', () => {
  it("flags the shifted features of the wine sets and keeps the rest (the deck's own set files)", async () => {
    const report = (await host.dispatch('drift:report', {
      id: 'wine',
      reference: { file: 'models/wine/sets/reference.csv' },
      current: { file: 'models/wine/sets/shifted.csv' }
    })) as DriftReport
    expect(report.reference).toEqual({ name: 'models/wine/sets/reference.csv', size: 142 })
    expect(report.current.size).toBe(36)
    const drifted = report.features.filter((f) => f.drifted).map((f) => f.name)
    expect(drifted).toEqual(['alcohol', 'color_intensity', 'proline'])
    expect(report.dataset).toMatchObject({ driftedFeatures: 3, features: 13, drifted: false })
    expect(report.confidence.ks!.value).toBeLessThan(0.05)
    expect(report.predictedClass.histogram.bins).toEqual(['Barolo', 'Grignolino', 'Barbera'])
    expect(report.notes.join(' ')).toMatch(/values outside the model's min–max range reached the model at the range's end .*"alcohol" ×\d+/)
  })
  it('finds no drift between the training rows and the held-out rows', async () => {
    const report = (await host.dispatch('drift:report', {
      id: 'wine',
      reference: { file: 'models/wine/sets/reference.csv' },
      current: { file: 'models/wine/sets/held-out.csv' }
    })) as DriftReport
    expect(report.features.filter((f) => f.drifted)).toEqual([])
    expect(report.dataset!.drifted).toBe(false)
  })
  it("runs on the model's examples against a shifted copy sent as items, and says three items prove little", async () => {
    const wine = ((await host.dispatch('models:list', {})) as ModelInfo[]).find((m) => m.id === 'wine')!
    const shifted = wine.examples.map((e) => ({ features: { ...e.features!, alcohol: Number(e.features!['alcohol']) + 2 } }))
    const report = (await host.dispatch('drift:report', { id: 'wine', reference: { examples: true }, current: { items: shifted } })) as DriftReport
    const alcohol = report.features.find((f) => f.name === 'alcohol')!
    expect(alcohol.psi.drifted).toBe(true)
    expect(alcohol.currentMean! - alcohol.referenceMean!).toBeCloseTo(2, 9)
    expect(report.reference).toEqual({ name: 'Wine cultivar examples', size: 3 })
    expect(report.notes[0]).toMatch(/smaller set has 3 items/)
  })
  it('reads an image set as a folder with one subfolder per class', async () => {
    mkdirSync(join(deck, 'sets/digits/3'), { recursive: true })
    mkdirSync(join(deck, 'sets/digits/7'), { recursive: true })
    cpSync(join(repoRoot, 'models/digits/examples/3.png'), join(deck, 'sets/digits/3/a.png'))
    cpSync(join(repoRoot, 'models/digits/examples/7.png'), join(deck, 'sets/digits/7/a.png'))
    const report = (await host.dispatch('drift:report', {
      id: 'digits',
      reference: { examples: true },
      current: { file: 'sets/digits' }
    })) as DriftReport
    expect(report.current).toEqual({ name: 'sets/digits', size: 2 })
    expect(report.features).toEqual([])
    expect(report.predictedClass.histogram.current[3]).toBe(0.5)
    expect(report.predictedClass.histogram.current[7]).toBe(0.5)
  })
})

describe('compare:predict and compare:set', () => {
  const features = {
    alcohol: 14.38,
    malic_acid: 1.87,
    ash: 2.38,
    alcalinity_of_ash: 12,
    magnesium: 102,
    total_phenols: 3.3,
    flavanoids: 3.64,
    nonflavanoid_phenols: 0.29,
    proanthocyanins: 2.96,
    color_intensity: 7.5,
    hue: 1.2,
    'od280/od315_of_diluted_wines': 3,
    proline: 1547
  }
  it('runs both models on one input with bars, latencies, file sizes and agreement', async () => {
    const ab = (await host.dispatch('compare:predict', { id: 'wine', other: 'wine-copy', input: { features } })) as AbPrediction
    expect(ab.a).toMatchObject({ model: 'wine', name: 'Wine cultivar' })
    expect(ab.b).toMatchObject({ model: 'wine-copy', name: 'Wine (copy)' })
    expect(ab.a.prediction!.predictions[0]!.label).toBe('Barolo')
    expect(ab.b.prediction!.predictions).toEqual(ab.a.prediction!.predictions)
    expect(ab.a.prediction!.latencyMs).toBeGreaterThan(0)
    expect(ab.a.fileSizeBytes).toBeGreaterThan(1000)
    expect(ab.a.fileSizeBytes).toBe(ab.b.fileSizeBytes)
    expect(ab.agreement).toEqual({ sameTop: true, maxDiff: 0 })
  })
  it('scores both models on a labelled set: accuracy of each and the agreement rate', async () => {
    const report = (await host.dispatch('compare:set', {
      id: 'wine',
      other: 'wine-copy',
      set: { file: 'models/wine/sets/held-out.csv' }
    })) as AbSetReport
    expect(report.set).toEqual({ name: 'models/wine/sets/held-out.csv', size: 36, labelled: 36 })
    expect(report.a.accuracy).toBe(1)
    expect(report.b.accuracy).toBe(1)
    expect(report.agreement).toBe(1)
    expect(report.disagreements).toEqual([])
    expect(report.a.latency.p50).toBeGreaterThan(0)
  })
  it('reads the truth of "digit 3" as the robustness probe does (one reading of example names)', async () => {
    const report = (await host.dispatch('compare:set', { id: 'digits-b', other: 'digits', set: { examples: true } })) as AbSetReport
    expect(report.set).toEqual({ name: 'Handwritten digits examples', size: 10, labelled: 10 })
  })
  it('reads the images a JSONL set names, beside it and in a folder beside it', async () => {
    const report = (await host.dispatch('compare:set', {
      id: 'digits',
      other: 'digits-b',
      set: { file: 'sets/jsonl/named/set.jsonl' }
    })) as AbSetReport
    expect(report.set).toEqual({ name: 'sets/jsonl/named/set.jsonl', size: 2, labelled: 2 })
    expect(report.a.accuracy).toBe(1)
  })
  it('takes the truth of examples from their labels ("a Barolo (held-out row 14)")', async () => {
    const report = (await host.dispatch('compare:set', { id: 'wine', other: 'wine-copy', set: { examples: true } })) as AbSetReport
    expect(report.set).toEqual({ name: 'Wine cultivar examples', size: 3, labelled: 3 })
    expect(report.a.accuracy).toBe(1)
  })
})

describe('bad requests (tests/fixtures/compare/cases.json)', () => {
  for (const c of manifest.cases) {
    it(c.name, async () => {
      const payload = JSON.parse(JSON.stringify(c.payload)) as Record<string, unknown>
      // "10000 feature rows" stands for a set too big to write into the manifest.
      const current = payload['current'] as { items?: unknown } | undefined
      if (current?.items === '10000 feature rows') current.items = Array.from({ length: 10_000 }, () => ({ features: { alcohol: 13 } }))
      const error = await host.dispatch(c.channel, payload).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).message).toContain(c.error)
      expect((error as ApiError).code).toBe(c.code)
    })
  }
})
