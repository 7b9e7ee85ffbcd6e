/**
 * The Cora GCN of the second example deck (examples/cora-gcn) through the real
 * model service, worker process and onnxruntime-node: ONNX Runtime equals
 * PyTorch on every node (reference.json), the opset 13 export of the same
 * weights is caught by the same check, the test accuracy is the one the
 * training run reported, and what-if edits answer as the API promises.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { makeDeck, repoRoot } from './deck-helpers'

const deckRoot = join(repoRoot, 'examples/cora-gcn')
const modelDir = join(deckRoot, 'models/cora-gcn')
const present = existsSync(join(modelDir, 'model.onnx'))
const service = new ModelService(deckRoot, () => forkSourceWorker())
const fixtures = makeDeck(['graph-small', 'graph-broken-opset13'])
const fixtureService = new ModelService(fixtures.root, () => forkSourceWorker())
afterAll(() => {
  service.dispose()
  fixtureService.dispose()
  fixtures.cleanup()
})

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e
  )
  expect(error, 'expected an error').toBeInstanceOf(ApiError)
  return error as ApiError
}

describe.skipIf(!present)('the Cora GCN (examples/cora-gcn)', () => {
  it('is listed as a node-classification model with its graph', async () => {
    const info = (await service.list()).find((m) => m.id === 'cora-gcn')!
    expect(info.errors).toEqual([])
    expect(info.task).toBe('node-classification')
    expect(info.graph).toEqual({ nodes: 2708, edges: 5278, features: 1433, classes: 7 })
    expect(info.labels).toEqual(['Theory', 'Reinforcement_Learning', 'Genetic_Algorithms', 'Neural_Networks', 'Probabilistic_Methods', 'Case_Based', 'Rule_Learning'])
  })

  it('ONNX Runtime gives PyTorch\'s outputs on every node of every reference graph', async () => {
    const parity = await service.parity('cora-gcn')
    expect(parity.ok, parity.message).toBe(true)
    expect(parity.samples).toBe(3)
  })

  it('scores the test accuracy the training run reported, and ≥ 0.80', async () => {
    const run = await service.graphRun('cora-gcn')
    const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as { runs: string[]; description: string }
    const logged = manifest.runs
      .map((id) => JSON.parse(readFileSync(join(modelDir, 'runs', id, 'summary.json'), 'utf8')) as Record<string, number>)
      .map((s) => s['test/acc'])
    // Logged as float32 by torch; the app counts exactly.
    expect(logged.some((v) => Math.abs(v! - run.accuracy.test!) < 1e-6)).toBe(true)
    expect(run.accuracy.test!).toBeGreaterThanOrEqual(0.8)
    expect(manifest.description).toContain(run.accuracy.test!.toFixed(3))
    expect(run.classes).toHaveLength(2708)
    expect(run.scores).toHaveLength(2708 * 7)
    expect(run.changed).toEqual([])
  })

  it('predicts one node, and after cutting its links reports which nodes changed class', async () => {
    const data = await service.graph('cora-gcn')
    const node = data.split.indexOf(3)
    const before = await service.predict('cora-gcn', { node })
    expect(before.predictions).toHaveLength(7)
    expect(before.graph).toEqual({ node, label: data.labels[node], split: 'test', changed: [] })
    // Cut every link of every test node: some predictions must move, and the answer lists exactly those.
    const all: Array<[number, number]> = []
    for (let k = 0; k < data.edges.length; k += 2) if ((data.split[data.edges[k]!] === 3) !== (data.split[data.edges[k + 1]!] === 3)) all.push([data.edges[k]!, data.edges[k + 1]!])
    const after = await service.predict('cora-gcn', { node, edits: { removeEdges: all } })
    const runAfter = await service.graphRun('cora-gcn', { removeEdges: all })
    const base = await service.graphRun('cora-gcn')
    expect(after.graph!.changed).toEqual(runAfter.changed)
    expect(runAfter.changed.length).toBeGreaterThan(0)
    expect(runAfter.changed.every((n) => runAfter.classes[n] !== base.classes[n])).toBe(true)
    expect(base.classes.filter((c, i) => c !== runAfter.classes[i])).toHaveLength(runAfter.changed.length)
  })

  it('blanked words give PyTorch\'s classes on every node, also while other runs are in flight, and leave the graph as it was', async () => {
    type Sample = { input: { edits?: { clearFeatures?: number[] } }; outputs: { logits: { data: number[] } } }
    const reference = JSON.parse(readFileSync(join(modelDir, 'reference.json'), 'utf8')) as { samples: Sample[] }
    const sample = reference.samples.find((s) => (s.input.edits?.clearFeatures?.length ?? 0) > 0)!
    const edits = sample.input.edits!
    const expected: number[] = []
    for (let n = 0; n < 2708; n++) {
      const row = sample.outputs.logits.data.slice(n * 7, n * 7 + 7)
      expected.push(row.indexOf(Math.max(...row)))
    }
    const base = await service.graphRun('cora-gcn')
    const solo = await service.graphRun('cora-gcn', { clearFeatures: [1708] })
    // Blanked runs take turns on one reused feature copy: overlap them with each other and with unedited runs.
    const [a, plain, b, one] = await Promise.all([
      service.graphRun('cora-gcn', edits),
      service.graphRun('cora-gcn'),
      service.graphRun('cora-gcn', { clearFeatures: [1708] }),
      service.predict('cora-gcn', { node: 2692, edits })
    ])
    expect(a.classes).toEqual(expected)
    expect(plain.classes).toEqual(base.classes)
    expect(b.scores).toEqual(solo.scores)
    expect(one.predictions[0]!.label).toBe(['Theory', 'Reinforcement_Learning', 'Genetic_Algorithms', 'Neural_Networks', 'Probabilistic_Methods', 'Case_Based', 'Rule_Learning'][expected[2692]!])
    // A blank that is refused (a node that does not exist) restores nothing it did not touch.
    expect((await rejection(service.graphRun('cora-gcn', { clearFeatures: [1, 99_999] }))).message).toContain('node 99999 does not exist')
    expect((await service.graphRun('cora-gcn', { clearFeatures: [1708] })).scores).toEqual(solo.scores)
    expect((await service.graphRun('cora-gcn')).scores).toEqual(base.scores)
  })

  it('refuses bad node ids and impossible edits with a reason', async () => {
    expect((await rejection(service.predict('cora-gcn', { node: 2708 }))).message).toContain('node 2708 does not exist: the graph has 2,708 nodes (ids 0–2707)')
    const e1 = await rejection(service.predict('cora-gcn', { node: 1, edits: { addEdges: [[1, 1]] } }))
    expect(e1.code).toBe('bad_request')
    expect(e1.message).toContain('cannot link node 1 to itself')
    const e2 = await rejection(service.graphRun('cora-gcn', { removeEdges: [[0, 5]] }))
    expect(e2.message).toContain('there is no link between node 0 and node 5 to remove')
    const e3 = await rejection(service.predict('cora-gcn', { text: 'a paper' }))
    expect(e3.message).toContain('send a node id')
  })

  it('serves the drawable graph: stored layout, labels, split', async () => {
    const data = await service.graph('cora-gcn')
    expect(data.layout).toHaveLength(2 * 2708)
    expect(data.edges).toHaveLength(2 * 5278)
    expect(data.split.filter((s) => s === 1)).toHaveLength(140)
    expect(data.split.filter((s) => s === 2)).toHaveLength(500)
    expect(data.split.filter((s) => s === 3)).toHaveLength(1000)
    const card = await service.card('cora-gcn')
    expect(card.graph).toEqual({ nodes: 2708, edges: 5278, features: 1433, classes: 7, layers: 2 })
    expect(card.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version).toBeGreaterThanOrEqual(16)
  })
})

describe('graph export fixtures (60 papers of Cora)', () => {
  it('the opset 16 export passes the parity check', async () => {
    const parity = await fixtureService.parity('graph-small')
    expect(parity.ok, parity.message).toBe(true)
  })

  it('the same weights exported at opset 13 (scatter-add without reduction) are caught by the parity check', async () => {
    const info = (await fixtureService.list()).find((m) => m.id === 'graph-broken-opset13')!
    expect(info.errors).toEqual([])
    const parity = await fixtureService.parity('graph-broken-opset13')
    expect(parity.ok).toBe(false)
    expect(parity.message).toContain('Export parity FAILED')
    expect(parity.maxAbsDiff).toBeGreaterThan(0.01)
  })
})
