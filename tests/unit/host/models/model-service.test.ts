/**
 * ModelService with real worker processes (TypeScript source through tsx, the
 * built worker when out/ has one, and the utilityProcess message shape).
 */
import { fork } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import type { WorkerHandle } from '../../../../src/host/services'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkNodeWorker, forkSourceWorker } from '../../../../src/host/models/node-worker'
import { fixtures, makeDeck, repoRoot } from './deck-helpers'

const deck = makeDeck(['text-hf', 'tabular', 'tabular-bad-parity', 'broken-truncated', 'broken-labels', 'image-gray'])
const services: ModelService[] = []
afterAll(() => {
  for (const s of services) s.dispose()
  deck.cleanup()
})
function service(spawn: () => WorkerHandle = () => forkSourceWorker({ env: { DEMODECK_WORKER_TEST_HOOKS: '1' } }), timeoutMs = 10_000): ModelService {
  const s = new ModelService(deck.root, spawn, { timeoutMs })
  services.push(s)
  return s
}
const built = join(repoRoot, process.env.DEMODECK_OUT ?? 'out', 'main', 'inference.worker.js')
const row = { alcohol: 13.7, ash: 2.4, colour: 'red' }
const errorOf = (p: Promise<unknown>): Promise<ApiError> => p.then(() => { throw new Error('expected a rejection') }, (e: ApiError) => e)

// Each model starts its own worker process (tsx-compiled here): on a loaded machine that takes seconds per model.
describe('ModelService', { timeout: 120_000 }, () => {
  it('warm() loads models and runs parity in the background; list() then carries the result', async () => {
    let changes = 0
    const s = new ModelService(deck.root, () => forkSourceWorker(), { onChange: () => changes++ })
    services.push(s)
    s.warm(['tabular', 'tabular-bad-parity', 'broken-truncated', 'no-such-model'])
    await vi.waitFor(async () => {
      const list = await s.list()
      expect(list.find((m) => m.id === 'tabular')?.parity?.ok).toBe(true)
      expect(list.find((m) => m.id === 'tabular-bad-parity')?.parity?.ok).toBe(false)
    }, { timeout: 90_000, interval: 50 })
    const bad = (await s.list()).find((m) => m.id === 'tabular-bad-parity')!
    expect(bad.warnings.map((w) => w.message).join(' ')).toContain('Export parity FAILED: on sample 1 (features)')
    expect(bad.errors).toEqual([])
    expect(changes).toBe(2)
    // reload() forgets the results (reference.json may have changed) and checks again.
    await s.reload()
    await vi.waitFor(async () => expect((await s.list()).find((m) => m.id === 'tabular')?.parity?.ok).toBe(true), { timeout: 90_000, interval: 50 })
  })

  it('builds the model card from the ONNX file, the preprocessing and parity', async () => {
    const s = service()
    const card = await s.card('tabular')
    expect(card).toMatchObject({ id: 'tabular', name: 'Tiny wine', producer: 'demodeck-tests', producerVersion: '1.0', irVersion: 8, graphName: 'tabular' })
    expect(card.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }])
    expect(card.inputs).toEqual([{ name: 'x', type: 'float32', shape: ['batch', 5] }])
    expect(card.parameterCount).toBe(5 * 3 + 3)
    expect(card.fileSizeBytes).toBe(statSync(join(deck.models, 'tabular/model.onnx')).size)
    expect(card.operators).toEqual([{ op: 'Gemm', count: 1 }, { op: 'Softmax', count: 1 }])
    expect(card.preprocessing.map((p) => p.step)).toEqual(['alcohol', 'ash', 'colour'])
    expect(card.preprocessing[0]!.detail).toContain('(x − 13) / 0.8')
    expect(card.parity?.ok).toBe(true)
    const text = await s.card('text-hf')
    expect(text.preprocessing.map((p) => p.step)).toEqual(['Tokenize', 'Truncate', 'Inputs'])
    expect(text.preprocessing[1]!.detail).toBe('at most 16 tokens')
    const image = await s.card('image-gray')
    expect(image.preprocessing.find((p) => p.step === 'Normalize')?.detail).toBe('mean [0.5], std [0.5]')
  })

  it('takes back "the parity check could not run" once the check has run', async () => {
    // The first parity request kills its worker (a crash mid-check); the slot restarts and the next check runs.
    let crashed = false
    const s = service(() => {
      const worker = forkSourceWorker()
      return {
        ...worker,
        postMessage: (message: unknown) => {
          if (!crashed && (message as { type?: string }).type === 'parity') {
            crashed = true
            worker.kill()
            return
          }
          worker.postMessage(message)
        }
      }
    })
    const first = await s.card('tabular')
    expect(first.parity).toBeUndefined()
    expect(first.warnings.map((w) => w.code)).toContain('model/parity-failed')
    expect((await s.list()).find((m) => m.id === 'tabular')!.warnings.map((w) => w.code)).toContain('model/parity-failed')
    const second = await s.card('tabular')
    expect(second.parity?.ok).toBe(true)
    expect(second.warnings.map((w) => w.code)).not.toContain('model/parity-failed')
    expect((await s.list()).find((m) => m.id === 'tabular')!.warnings).toEqual([])
  })

  it('gives the ONNX file size without running the parity check', async () => {
    const sent: string[] = []
    const s = service(() => {
      const worker = forkSourceWorker()
      return { ...worker, postMessage: (message: unknown) => (sent.push(String((message as { type?: string }).type)), worker.postMessage(message)) }
    })
    expect(await s.fileSize('tabular')).toBe(statSync(join(deck.models, 'tabular/model.onnx')).size)
    expect(await s.fileSize('broken-truncated')).toBeGreaterThan(0)
    expect(sent).toEqual([])
  })

  it('gives a card with warnings for a mismatched model and 422 for an unreadable one', async () => {
    const s = service()
    const card = await s.card('broken-labels')
    expect(card.warnings[0]!.message).toContain('3 classes but 2 labels')
    const error = await errorOf(s.card('broken-truncated'))
    expect([error.code, error.message]).toEqual(['unprocessable', expect.stringContaining('truncated')])
    expect((await errorOf(s.card('nope'))).code).toBe('not_found')
  })

  it('serves concurrent predictions of several models', async () => {
    const s = service()
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.predict(i % 2 ? 'tabular' : 'text-hf', i % 2 ? { features: row } : { text: 'a lovely sunny day' })))
    expect(results.map((r) => r.predictions[0]!.label)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'Grignolino' : 'calm')))
  })

  it('fails every pending call when the worker dies, then restarts it', async () => {
    const s = service()
    await s.predict('text-hf', { text: 'fire' })
    const crash = errorOf(s.predict('text-hf', { text: '__demodeck_test_crash__' }))
    const bystander = s.predict('tabular', { features: row }).then(() => 'ok', (e: ApiError) => e.message)
    expect((await crash).code).toBe('runtime')
    expect((await crash).message).toMatch(/stopped unexpectedly \(exit code 70\) while serving model "text-hf"/)
    // Another model runs in its own process: the crash never reaches it.
    expect(await bystander).toBe('ok')
    expect((await s.predict('text-hf', { text: 'earthquake' })).predictions[0]!.label).toBe('disaster')
    expect((await s.predict('tabular', { features: row })).predictions[0]!.label).toBe('Grignolino')
  })

  it('a hanging model never stalls another model; it times out clearly and then recovers', async () => {
    const s = service(undefined, 4000)
    // Both models loaded first, so what follows measures the hang, not a cold start.
    await Promise.all([s.predict('text-hf', { text: 'fire' }), s.predict('tabular', { features: row })])
    const settled: string[] = []
    const hang = errorOf(s.predict('text-hf', { text: '__demodeck_test_hang__' })).finally(() => settled.push('hang'))
    const other = s.predict('tabular', { features: row }).finally(() => settled.push('other'))
    expect((await other).predictions[0]!.label).toBe('Grignolino')
    const error = await hang
    // The other model answered while the hang was still in flight: it never waited for the time-out.
    expect(settled).toEqual(['other', 'hang'])
    expect(error.code).toBe('timeout')
    expect(error.message).toBe('model "text-hf" did not answer within 4 s and was stopped; its inference process restarts on the next request (other models are not affected)')
    expect((await s.predict('text-hf', { text: 'storm and flood' })).predictions[0]!.label).toBe('disaster')
    expect((await s.predict('tabular', { features: row })).predictions[0]!.label).toBe('Grignolino')
  })

  it('keeps at most maxWorkers processes alive, stopping the least recently used idle one', async () => {
    let started = 0
    // The built worker starts in a fraction of tsx's time; the policy under test is the same for both.
    const spawn = existsSync(built) ? () => forkNodeWorker(built) : () => forkSourceWorker()
    const s = new ModelService(deck.root, () => (started++, spawn()), { maxWorkers: 1 })
    services.push(s)
    await s.predict('tabular', { features: row })
    await s.predict('tabular', { features: row })
    expect(started).toBe(1)
    // A second model stops the idle first one rather than run two processes.
    expect((await s.predict('text-hf', { text: 'fire' })).predictions[0]!.label).toBe('disaster')
    expect(started).toBe(2)
    expect((await s.predict('tabular', { features: row })).predictions[0]!.label).toBe('Grignolino')
    expect(started).toBe(3)
  })

  it('re-reads folders on reload()', async () => {
    const s = service()
    expect((await s.list()).some((m) => m.id === 'late')).toBe(false)
    deck.add('late', { 'README.md': 'nothing yet' })
    await s.reload()
    const late = (await s.list()).find((m) => m.id === 'late')
    expect(late?.errors[0]?.message).toContain('not a model folder')
    const manifest = JSON.parse((await import('node:fs')).readFileSync(join(fixtures, 'tabular/model.json'), 'utf8')) as { name: string }
    writeFileSync(join(deck.models, 'late', 'model.json'), JSON.stringify({ ...manifest, name: 'Late wine', reference: undefined }))
    ;(await import('node:fs')).copyFileSync(join(fixtures, 'tabular/model.onnx'), join(deck.models, 'late', 'model.onnx'))
    await s.reload()
    expect((await s.list()).find((m) => m.id === 'late')?.name).toBe('Late wine')
    expect((await s.predict('late', { features: row })).predictions[0]!.label).toBe('Grignolino')
  })

  it('fails calls with a clear error after dispose()', async () => {
    const s = service()
    await s.predict('tabular', { features: row })
    s.dispose()
    const error = await errorOf(s.predict('tabular', { features: row }))
    expect([error.code, error.message]).toEqual(['runtime', 'the model service was shut down'])
  })

  it('reports a worker that cannot start instead of hanging', async () => {
    const s = service(() => {
      const child = fork(join(deck.root, 'missing-worker.js'), [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] })
      return { postMessage: (m) => child.connected && child.send(m as object), onMessage: (l) => void child.on('message', l), onExit: (l) => void child.on('exit', l), kill: () => void child.kill() }
    })
    const error = await errorOf(s.predict('tabular', { features: row }))
    expect(error.code).toBe('runtime')
    expect(error.message).toContain('inference process stopped unexpectedly')
  })

  it('works with the utilityProcess message shape (process.parentPort, { data } events)', async () => {
    const shim = join(fixtures, 'parent-port-shim.mjs')
    const s = service(() => {
      const child = fork(join(repoRoot, 'src/host/models/inference.worker.ts'), [], {
        cwd: repoRoot,
        execArgv: ['--import', 'tsx', '--import', shim],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc']
      })
      return { postMessage: (m) => child.connected && child.send(m as object), onMessage: (l) => void child.on('message', l), onExit: (l) => void child.on('exit', l), kill: () => void child.kill() }
    })
    expect((await s.predict('text-hf', { text: 'storm and flood' })).predictions[0]!.label).toBe('disaster')
  })

  it.skipIf(!existsSync(built))(`runs the built worker (${built.slice(repoRoot.length + 1)})`, async () => {
    const s = service(() => forkNodeWorker(built))
    expect((await s.predict('text-hf', { text: 'the house is burning' })).predictions[0]!.label).toBe('disaster')
  })
})
