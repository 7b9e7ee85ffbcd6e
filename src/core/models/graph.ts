/**
 * The graph file of a node-classification model (`graph.json` beside model.json):
 * schema, checks and the compact in-memory form. Pure: takes parsed JSON.
 *
 * [Note: the graph file]
 * One JSON object, written once by the training script:
 * - `nodes`, `featureSize`;
 * - `features`: the 0/1 feature matrix as CSR (`indptr` of nodes + 1 offsets,
 *   `indices` of the non-zero columns), ≈ 50k numbers for Cora instead of 3.9M;
 * - `edges`: undirected links, each once, flattened (a0, b0, a1, b1, …); the
 *   model gets them in both directions;
 * - `labels` (true class or -1), `split` (0 none, 1 train, 2 val, 3 test);
 * - `layout`: 2-D positions computed at training time (x0, y0, …).
 * Node i is row i everywhere (for Cora: PyTorch Geometric's Planetoid index).
 * Self-loops and duplicate links are refused rather than silently dropped: the
 * file must be exactly the graph the model was trained and checked on.
 */
import { z } from 'zod'

/** Largest graph file the host reads (bytes). */
export const MAX_GRAPH_FILE_BYTES = 64 * 1024 * 1024
/** Largest graph demodeck runs: nodes × feature width as a dense float32 input stays under 256 MB. */
export const MAX_DENSE_FEATURE_VALUES = 64 * 1024 * 1024

const count = z.number().int().min(0)

/** `graph.json` as written by the training script (see [Note: the graph file]). */
export const graphFileSchema = z
  .object({
    format: z.literal('demodeck-graph').optional(),
    version: z.literal(1).optional(),
    source: z.string().optional(),
    nodes: count.max(10_000_000),
    featureSize: z.number().int().min(1).max(1_000_000),
    features: z.object({ indptr: z.array(count), indices: z.array(count) }).strict(),
    edges: z.array(count),
    labels: z.array(z.number().int().min(-1)).optional(),
    split: z.array(z.number().int().min(0).max(3)).optional(),
    splitNames: z.array(z.string()).optional(),
    layout: z.array(z.number().finite()).optional(),
    layoutAlgorithm: z.string().optional()
  })
  .strict()

/** A checked graph in typed arrays. */
export interface Graph {
  nodes: number
  featureSize: number
  indptr: Int32Array
  indices: Int32Array
  /** Undirected links, flattened pairs. */
  edges: Int32Array
  labels: Int32Array
  split: Uint8Array
  /** Flattened x, y per node; empty when the file has none. */
  layout: Float32Array
}

/** A graph file that cannot be used, with the reason in one sentence. */
export class GraphFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GraphFileError'
  }
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

/** Key of an undirected link (a, b) in a node-count-sized space. */
export function linkKey(a: number, b: number, nodes: number): number {
  return a < b ? a * nodes + b : b * nodes + a
}

/**
 * Checks a parsed graph file and builds the typed form. Throws GraphFileError
 * naming the first problem: an empty graph, links to nodes that do not exist,
 * self-loops, duplicate links, feature indices outside the feature width, or
 * per-node arrays of the wrong length.
 */
export function parseGraph(value: unknown, classes?: number): Graph {
  const parsed = graphFileSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new GraphFileError(`the graph file is invalid: ${issue.path.join('.') || 'file'}: ${issue.message}`)
  }
  const g = parsed.data
  const n = g.nodes
  if (n === 0) throw new GraphFileError('the graph is empty (0 nodes): there is nothing to classify')
  if (n * g.featureSize > MAX_DENSE_FEATURE_VALUES) {
    throw new GraphFileError(`the graph is too large to run: ${plural(n, 'node')} × ${g.featureSize} features is over ${MAX_DENSE_FEATURE_VALUES.toLocaleString('en-US')} input values`)
  }
  const { indptr, indices } = g.features
  if (indptr.length !== n + 1) throw new GraphFileError(`features.indptr has ${indptr.length} entries; a graph of ${plural(n, 'node')} needs ${n + 1}`)
  if (indptr[0] !== 0 || indptr[n] !== indices.length) throw new GraphFileError('features.indptr must start at 0 and end at the number of feature indices')
  for (let i = 0; i < n; i++) {
    if (indptr[i + 1]! < indptr[i]!) throw new GraphFileError(`features.indptr decreases at node ${i}`)
  }
  for (let k = 0; k < indices.length; k++) {
    if (indices[k]! >= g.featureSize) {
      const node = upperBound(indptr, k) - 1
      throw new GraphFileError(`node ${node} has feature ${indices[k]}, outside the feature width ${g.featureSize} (0–${g.featureSize - 1})`)
    }
  }
  if (g.edges.length % 2 !== 0) throw new GraphFileError(`edges has an odd number of values (${g.edges.length}); it lists pairs a0, b0, a1, b1, …`)
  const seen = new Set<number>()
  for (let k = 0; k < g.edges.length; k += 2) {
    const a = g.edges[k]!
    const b = g.edges[k + 1]!
    if (a >= n || b >= n) {
      throw new GraphFileError(`link ${k / 2} joins node ${a} and node ${b}, but the graph has ${plural(n, 'node')} (ids 0–${n - 1}): a link to a node that does not exist`)
    }
    if (a === b) throw new GraphFileError(`link ${k / 2} is a self-loop on node ${a}; the model adds self-loops itself, so the file must not have any`)
    const key = linkKey(a, b, n)
    if (seen.has(key)) throw new GraphFileError(`the link between node ${a} and node ${b} is listed twice (links are undirected: list each once)`)
    seen.add(key)
  }
  const perNode = (name: string, arr: number[] | undefined, factor = 1): void => {
    if (arr && arr.length !== n * factor) throw new GraphFileError(`${name} has ${arr.length} values; a graph of ${plural(n, 'node')} needs ${n * factor}`)
  }
  perNode('labels', g.labels)
  perNode('split', g.split)
  perNode('layout', g.layout, 2)
  if (classes !== undefined && g.labels) {
    const bad = g.labels.findIndex((l) => l >= classes)
    if (bad >= 0) throw new GraphFileError(`node ${bad} has label ${g.labels[bad]}, but the model has ${classes} classes (0–${classes - 1})`)
  }
  return {
    nodes: n,
    featureSize: g.featureSize,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    edges: Int32Array.from(g.edges),
    labels: g.labels ? Int32Array.from(g.labels) : new Int32Array(n).fill(-1),
    split: g.split ? Uint8Array.from(g.split) : new Uint8Array(n),
    layout: g.layout ? Float32Array.from(g.layout) : new Float32Array(0)
  }
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Non-zero features per node. */
export function featureCounts(graph: Graph): number[] {
  const out = new Array<number>(graph.nodes)
  for (let i = 0; i < graph.nodes; i++) out[i] = graph.indptr[i + 1]! - graph.indptr[i]!
  return out
}

/** Split code → name, as the API reports it. */
export const SPLIT_NAMES = ['none', 'train', 'val', 'test'] as const
