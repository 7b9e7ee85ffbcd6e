/**
 * Export parity for a graph model folder (model.json + graph.json + reference.json):
 * rebuilds the ONNX inputs of every reference sample from graph.json and its what-if
 * edits (written independently of the app's src/core/models/graph.ts, so the two check
 * each other), runs onnxruntime-node on the whole graph and compares the logits of
 * every node with PyTorch's. Exit code 1 when any value is off by more than the
 * tolerance or any node's predicted class differs.
 *
 * Usage: node training/check_cora.mjs path/to/model-folder
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ort from 'onnxruntime-node'

const dir = resolve(process.argv[2] ?? 'examples/cora-gcn/models/cora-gcn')
const read = (f) => JSON.parse(readFileSync(resolve(dir, f), 'utf8'))
const manifest = read('model.json')
const g = read(manifest.graph.file)
const ref = read(manifest.reference)
const key = (a, b) => (a < b ? `${a},${b}` : `${b},${a}`)

function feeds(edits = {}) {
  const x = new Float32Array(g.nodes * g.featureSize)
  const { indptr, indices } = g.features
  for (let i = 0; i < g.nodes; i++) for (let k = indptr[i]; k < indptr[i + 1]; k++) x[i * g.featureSize + indices[k]] = 1
  for (const n of edits.clearFeatures ?? []) x.fill(0, n * g.featureSize, (n + 1) * g.featureSize)
  const removed = new Set((edits.removeEdges ?? []).map(([a, b]) => key(a, b)))
  const pairs = []
  for (let k = 0; k < g.edges.length; k += 2) if (!removed.has(key(g.edges[k], g.edges[k + 1]))) pairs.push([g.edges[k], g.edges[k + 1]])
  for (const [a, b] of edits.addEdges ?? []) pairs.push([a, b])
  const e = new BigInt64Array(4 * pairs.length)
  pairs.forEach(([a, b], i) => {
    e[i] = BigInt(a)
    e[pairs.length + i] = BigInt(b)
    e[2 * pairs.length + i] = BigInt(b)
    e[3 * pairs.length + i] = BigInt(a)
  })
  // Row 0 = sources (a then b), row 1 = targets (b then a): every link in both directions.
  return {
    [manifest.graph.featuresInput ?? 'x']: new ort.Tensor('float32', x, [g.nodes, g.featureSize]),
    [manifest.graph.edgesInput ?? 'edge_index']: new ort.Tensor('int64', e, [2, 2 * pairs.length])
  }
}

const argmax = (v, n, c) => {
  let best = 0
  for (let k = 1; k < c; k++) if (v[n * c + k] > v[n * c + best]) best = k
  return best
}

const session = await ort.InferenceSession.create(resolve(dir, manifest.model), { intraOpNumThreads: 1 })
let worst = 0
let wrongClass = 0
let nodes = 0
for (const sample of ref.samples) {
  const out = (await session.run(feeds(sample.input.edits)))[Object.keys(sample.outputs)[0]]
  const want = sample.outputs.logits
  const c = want.dims[1]
  for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - want.data[i]))
  for (let n = 0; n < want.dims[0]; n++) if (argmax(out.data, n, c) !== argmax(want.data, n, c)) wrongClass++
  nodes += want.dims[0]
}
const ok = worst <= ref.tolerance && wrongClass === 0
console.log(
  `${dir}: ${ref.samples.length} whole-graph samples, ${nodes} node predictions: onnxruntime-node vs PyTorch max abs diff ` +
    `${worst.toExponential(3)} (tolerance ${ref.tolerance}), ${wrongClass} nodes with another class: ${ok ? 'OK' : 'FAIL'}`
)
process.exit(ok ? 0 : 1)
