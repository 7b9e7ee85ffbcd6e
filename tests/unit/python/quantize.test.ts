/**
 * `python -m demodeck_export quantize` run for real (Debian's onnx + numpy), then both folders loaded by
 * demodeck's host and compared in onnxruntime-node through `compare:set`: the int8 copy is a fraction of
 * the size and agrees with the float model. Skips, saying why, where those Python packages are missing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHost, type Host } from '../../../src/host/create-host'
import { forkSourceWorker } from '../../../src/host/models/node-worker'
import type { AbSetReport, ModelInfo } from '../../../src/shared/types'
import { pythonMissing, runPython } from '../../support/python'

const repoRoot = resolve(__dirname, '../../..')
const missing = pythonMissing('onnx', 'numpy')
const env = { PYTHONPATH: join(repoRoot, 'python/src') }

describe.skipIf(missing)(`dynamic int8 quantization${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let deck = ''
  let host: Host
  let printed = ''

  beforeAll(() => {
    deck = mkdtempSync(join(tmpdir(), 'demodeck-quantize-'))
    mkdirSync(join(deck, 'slides'))
    writeFileSync(join(deck, 'slides/deck.md'), '# A/B\n')
    for (const id of ['disaster-tweets', 'wine']) cpSync(join(repoRoot, 'models', id), join(deck, 'models', id), { recursive: true })
    printed = runPython(['-m', 'demodeck_export', 'quantize', join(deck, 'models/disaster-tweets'), join(deck, 'models/disaster-tweets-int8')], { env })
    runPython(['-m', 'demodeck_export', 'quantize', join(deck, 'models/wine'), join(deck, 'models/wine-int8')], { env })
    host = createHost({ deckRoot: deck, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false, wakeEndpoints: false })
  }, 300_000)

  afterAll(() => {
    host?.dispose()
    if (deck) rmSync(deck, { recursive: true, force: true })
  })

  it('writes a complete folder that demodeck lists, named as the int8 copy, without the float parity file', async () => {
    expect(printed).toMatch(/model\.onnx 13\.4 MB -> 3\.\d MB \(6 Gather, 12 Gemm quantized\)/)
    expect(printed).toContain('::demo{model="disaster-tweets" compare="disaster-tweets-int8"}')
    const list = (await host.dispatch('models:list', {})) as ModelInfo[]
    const int8 = list.find((m) => m.id === 'disaster-tweets-int8')!
    expect(int8.errors).toEqual([])
    expect(int8.name).toBe('Disaster tweets (int8)')
    expect(existsSync(join(deck, 'models/disaster-tweets-int8/reference.json'))).toBe(false)
    expect(existsSync(join(deck, 'models/disaster-tweets-int8/tokenizer.json'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(deck, 'models/wine-int8/model.json'), 'utf8')) as { name: string; reference?: string }
    expect(manifest.name).toBe('Wine cultivar (int8)')
    expect(manifest.reference).toBeUndefined()
  })

  it('agrees with the float tweets model on its examples at under a third of the size', async () => {
    const report = (await host.dispatch('compare:set', { id: 'disaster-tweets', other: 'disaster-tweets-int8', set: { examples: true } })) as AbSetReport
    expect(report.agreement).toBe(1)
    expect(report.largestDiff).toBeLessThan(0.02)
    expect(report.b.fileSizeBytes! / report.a.fileSizeBytes!).toBeLessThan(1 / 3)
  })

  it('keeps the wine model\'s answers on the held-out rows', async () => {
    const report = (await host.dispatch('compare:set', { id: 'wine', other: 'wine-int8', set: { file: 'models/wine/sets/held-out.csv' } })) as AbSetReport
    expect(report.a.accuracy).toBe(1)
    expect(report.b.accuracy).toBe(1)
    expect(report.agreement).toBe(1)
  })

  it('refuses a folder without a model and a destination that is not empty, saying what to do', () => {
    expect(() => runPython(['-m', 'demodeck_export', 'quantize', join(deck, 'slides'), join(deck, 'out')], { env })).toThrow(/has no model\.onnx/)
    expect(() => runPython(['-m', 'demodeck_export', 'quantize', join(deck, 'models/wine'), join(deck, 'models/wine-int8')], { env })).toThrow(/exists and is not empty: remove it or pick another folder/)
  })
})
