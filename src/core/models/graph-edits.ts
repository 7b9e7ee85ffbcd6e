/**
 * What-if edits of a graph and the model inputs they give, plus the per-node
 * outputs the demo and the API report. Pure: typed arrays in, typed arrays out
 * (the worker wraps them in ONNX Runtime tensors).
 *
 * [Note: what-if edits]
 * An edit never changes the graph file: removeEdges / addEdges / clearFeatures are
 * applied to a copy of the link list and of the features, the model runs on the
 * whole edited graph (a GCN's prediction for one node depends on its 2-hop
 * neighbourhood, so any node may change), and "changed" compares every node's top
 * class with the unedited graph's. Links are undirected. Edits that make no sense
 * (a node that does not exist, removing a link that is not there, adding one that
 * is, a self-loop) are refused with a sentence saying which.
 */
import type { GraphEdits } from '../../shared/types'
import { linkKey, type Graph } from './graph'

/** A what-if edit that cannot be applied (a bad request, not a broken model). */
export class GraphInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GraphInputError'
  }
}

/** The model inputs of a (possibly edited) graph. */
export interface GraphFeeds {
  /** Dense 0/1 features, nodes × featureSize (shared with the base graph when no features were cleared: do not write). */
  x: Float32Array
  /** [2, 2 × links]: row 0 sources, row 1 targets, every link in both directions. */
  edgeIndex: BigInt64Array
  links: number
}

/** Checks a node id against the graph. */
export function checkNode(graph: Graph, node: number, what = 'node'): void {
  if (!Number.isInteger(node) || node < 0 || node >= graph.nodes) {
    throw new GraphInputError(`${what} ${node} does not exist: the graph has ${graph.nodes.toLocaleString('en-US')} nodes (ids 0–${graph.nodes - 1})`)
  }
}

/** True when the edit list is empty or absent. */
export function isEmptyEdit(edits: GraphEdits | undefined): boolean {
  return !edits || ((edits.removeEdges?.length ?? 0) === 0 && (edits.addEdges?.length ?? 0) === 0 && (edits.clearFeatures?.length ?? 0) === 0)
}

/** The link list after removing and adding links (flattened pairs), with every edit checked. */
export function editedLinks(graph: Graph, edits: GraphEdits | undefined): Int32Array {
  if (!edits || ((edits.removeEdges?.length ?? 0) === 0 && (edits.addEdges?.length ?? 0) === 0)) return graph.edges
  const n = graph.nodes
  const present = new Set<number>()
  for (let k = 0; k < graph.edges.length; k += 2) present.add(linkKey(graph.edges[k]!, graph.edges[k + 1]!, n))
  const removed = new Set<number>()
  for (const [a, b] of edits.removeEdges ?? []) {
    checkNode(graph, a)
    checkNode(graph, b)
    const key = linkKey(a, b, n)
    if (!present.has(key) || removed.has(key)) throw new GraphInputError(`there is no link between node ${a} and node ${b} to remove`)
    removed.add(key)
  }
  const added: number[] = []
  const addedKeys = new Set<number>()
  for (const [a, b] of edits.addEdges ?? []) {
    checkNode(graph, a)
    checkNode(graph, b)
    if (a === b) throw new GraphInputError(`cannot link node ${a} to itself (the model already adds a self-loop to every node)`)
    const key = linkKey(a, b, n)
    if ((present.has(key) && !removed.has(key)) || addedKeys.has(key)) throw new GraphInputError(`node ${a} and node ${b} are already linked`)
    addedKeys.add(key)
    added.push(a, b)
  }
  const out = new Int32Array(graph.edges.length - 2 * removed.size + added.length)
  let o = 0
  for (let k = 0; k < graph.edges.length; k += 2) {
    const a = graph.edges[k]!
    const b = graph.edges[k + 1]!
    if (removed.size && removed.has(linkKey(a, b, n))) continue
    out[o++] = a
    out[o++] = b
  }
  out.set(added, o)
  return out
}

/** Dense 0/1 features of the graph (nodes × featureSize). */
export function denseFeatures(graph: Graph): Float32Array {
  const x = new Float32Array(graph.nodes * graph.featureSize)
  for (let i = 0; i < graph.nodes; i++) {
    const row = i * graph.featureSize
    for (let k = graph.indptr[i]!; k < graph.indptr[i + 1]!; k++) x[row + graph.indices[k]!] = 1
  }
  return x
}

/** [2, 2P] edge_index with every link in both directions: sources a…, b…; targets b…, a…. */
export function edgeIndex(links: Int32Array): BigInt64Array {
  const p = links.length / 2
  const out = new BigInt64Array(4 * p)
  for (let i = 0; i < p; i++) {
    const a = BigInt(links[2 * i]!)
    const b = BigInt(links[2 * i + 1]!)
    out[i] = a
    out[p + i] = b
    out[2 * p + i] = b
    out[3 * p + i] = a
  }
  return out
}

/**
 * The model inputs after `edits`. `baseX` is the unedited dense feature matrix
 * (built once per graph); it is copied only when features are cleared.
 */
export function graphFeeds(graph: Graph, baseX: Float32Array, edits?: GraphEdits): GraphFeeds {
  const links = editedLinks(graph, edits)
  let x = baseX
  const cleared = edits?.clearFeatures ?? []
  if (cleared.length) {
    for (const node of cleared) checkNode(graph, node, 'node')
    x = baseX.slice()
    for (const node of cleared) x.fill(0, node * graph.featureSize, (node + 1) * graph.featureSize)
  }
  return { x, edgeIndex: edgeIndex(links), links: links.length / 2 }
}

/** Row-wise top class of a nodes × classes score matrix. */
export function argmaxRows(values: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(values.length / classes)
  const out = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    let best = 0
    const o = r * classes
    for (let c = 1; c < classes; c++) if (values[o + c]! > values[o + best]!) best = c
    out[r] = best
  }
  return out
}

/** Nodes whose top class differs between two runs. */
export function changedNodes(before: Int32Array, after: Int32Array): number[] {
  const out: number[] = []
  for (let i = 0; i < Math.min(before.length, after.length); i++) if (before[i] !== after[i]) out.push(i)
  return out
}

/** Accuracy of `classes` against the graph's labels per split (null when a split has no labelled node). */
export function splitAccuracy(graph: Graph, classes: Int32Array): { train: number | null; val: number | null; test: number | null } {
  const right = [0, 0, 0, 0]
  const total = [0, 0, 0, 0]
  for (let i = 0; i < graph.nodes; i++) {
    const label = graph.labels[i]!
    if (label < 0) continue
    const s = graph.split[i]!
    total[s]!++
    if (classes[i] === label) right[s]!++
  }
  const acc = (s: number): number | null => (total[s] ? right[s]! / total[s]! : null)
  return { train: acc(1), val: acc(2), test: acc(3) }
}
