/**
 * The worker's logic in-process with real onnxruntime-node: the MNIST self-made
 * check from PROVENANCE.md, session caching, exact feeds.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadModels } from '../../../../src/host/models/model-folder'
import { InferenceRuntime } from '../../../../src/host/models/worker-runtime'
import type { ModelSpec } from '../../../../src/core/models/spec'
import { fixtures, hasReal, makeDeck, MNIST_LABELS } from './deck-helpers'

const deck = makeDeck(['text-hf', 'text-fixed', 'image-hf-rgb', 'tabular'])
if (hasReal) {
  const image = { width: 28, height: 28, channels: 1, scale: 1 / 255 }
  deck.addReal('mainform', 'MainForm__MNIST_Model/models/model.onnx', { name: 'MainForm', task: 'image-classification', output: 'log-probabilities', labels: MNIST_LABELS, image })
  deck.addReal('charlie', 'Charlie839242__MNIST_example/models/model.onnx', {
    name: 'Charlie',
    task: 'image-classification',
    output: 'log-probabilities',
    labels: MNIST_LABELS,
    image: { ...image, mean: [0.1307], std: [0.3081] }
  })
}
afterAll(() => deck.cleanup())

const specs = async (): Promise<Map<string, ModelSpec>> =>
  new Map((await loadModels(deck.root)).filter((m) => m.spec).map((m) => [m.info.id, m.spec!]))
const bar = readFileSync(join(fixtures, 'bar28.png')).toString('base64')

describe('InferenceRuntime', () => {
  it.skipIf(!hasReal)('PROVENANCE self-made check: the 28×28 bar is a 1 for both MNIST models', async () => {
    const runtime = new InferenceRuntime()
    const all = await specs()
    for (const id of ['mainform', 'charlie']) {
      const result = await runtime.predict(all.get(id)!, { image: bar })
      expect(result.predictions[0]!.label, id).toBe('1')
      expect(result.predictions).toHaveLength(10)
      // exp(log-softmax) sums to 1
      expect(result.predictions.reduce((a, p) => a + p.score, 0)).toBeCloseTo(1, 4)
    }
  })

  it('feeds a text model exactly its declared inputs, as int64 [1, n]', async () => {
    const runtime = new InferenceRuntime()
    const all = await specs()
    const feeds = await runtime.feeds(all.get('text-hf')!, { text: 'fire and flood' })
    expect(Object.keys(feeds).sort()).toEqual(['attention_mask', 'input_ids'])
    expect(feeds.input_ids!.type).toBe('int64')
    expect(feeds.input_ids!.dims).toEqual([1, 5])
    const fixed = await runtime.feeds(all.get('text-fixed')!, { text: 'fire' })
    expect(Object.keys(fixed).sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids'])
    expect(fixed.input_ids!.dims).toEqual([1, 8])
  })

  it('caches one session per model revision and reloads when the file changes', async () => {
    const runtime = new InferenceRuntime()
    const spec = (await specs()).get('tabular')!
    const first = await runtime.load(spec)
    expect(await runtime.load(spec)).toBe(first)
    const [a, b] = await Promise.all([runtime.load({ ...spec, revision: 'x' }), runtime.load({ ...spec, revision: 'x' })])
    expect(a).toBe(b)
    expect(a).not.toBe(first)
  })

  it('answers protocol messages with wire errors instead of throwing', async () => {
    const runtime = new InferenceRuntime()
    const spec = (await specs()).get('image-hf-rgb')!
    const response = await runtime.handle({ id: 7, type: 'predict', spec, input: { text: 'hello' } })
    expect(response).toEqual({ id: 7, ok: false, error: { code: 'bad_request', message: expect.stringContaining('send an image') } })
    const missing = await runtime.handle({ id: 8, type: 'load', spec: { ...spec, modelFile: join(deck.models, 'nope.onnx'), revision: 'gone' } })
    expect(missing.ok).toBe(false)
  })

  it('reports a reference.json that names an unknown output', async () => {
    const runtime = new InferenceRuntime()
    const spec = (await specs()).get('tabular')!
    const file = join(deck.models, 'tabular', 'reference-bad.json')
    writeFileSync(file, JSON.stringify({ samples: [{ input: { features: { alcohol: 13, ash: 2, colour: 'red' } }, outputs: { scores: { dims: [1, 3], data: [0, 0, 1] } } }] }))
    await expect(runtime.parity({ ...spec, referenceFile: file })).rejects.toThrow(/names output scores/)
  })
})
