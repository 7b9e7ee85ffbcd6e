/**
 * The node-classification part of resolving a model folder (spec.ts calls it):
 * checks the ONNX inputs against the manifest's `graph` block and the graph file
 * against the model (feature width, labels), and describes the preprocessing for
 * the model card. Pure.
 */
import type { GraphSummary } from '../../shared/types'
import { GraphFileError, parseGraph, type Graph } from './graph'
import type { OnnxValue } from './onnx-proto'

/** What the worker needs to build a graph model's inputs. */
export interface GraphModelSpec {
  /** Absolute path of the graph file (the worker reads it). */
  file: string
  featuresInput: string
  edgesInput: string
  nodes: number
  featureSize: number
}

/** The graph file as the host read it: parsed JSON, or why it could not be read. */
export interface GraphFileContents {
  file: string
  sizeBytes: number
  value?: unknown
  error?: string
}

/** Result of resolving the graph part of a folder. */
export interface ResolvedGraph {
  spec: Omit<GraphModelSpec, 'file'> & { fileName: string }
  graph: Graph
  summary: GraphSummary
  preprocessing: Array<{ step: string; detail: string }>
}

/** Count of message-passing layers, read from the operator list (one scatter-add per layer, plus the degree count). */
export function graphLayerCount(operators: Array<{ op: string; count: number }>): number {
  const scatters = operators.filter((o) => o.op === 'ScatterElements' || o.op === 'ScatterND').reduce((a, o) => a + o.count, 0)
  return Math.max(0, scatters - 1)
}

/**
 * Checks inputs and graph. Reports each problem through `problem` and returns
 * null when the model cannot run.
 */
export function resolveGraphModel(
  config: { file: string; featuresInput: string; edgesInput: string },
  contents: GraphFileContents | undefined,
  inputs: OnnxValue[],
  classes: number,
  problem: (code: string, message: string, file?: string) => void
): ResolvedGraph | null {
  const names = inputs.map((i) => `"${i.name}"`).join(', ') || 'none'
  const x = inputs.find((i) => i.name === config.featuresInput)
  const e = inputs.find((i) => i.name === config.edgesInput)
  let ok = true
  if (!x || !e || inputs.length !== 2) {
    problem(
      'model/graph-inputs',
      `a graph model takes exactly two inputs, features "${config.featuresInput}" and links "${config.edgesInput}" (set graph.featuresInput / graph.edgesInput in model.json); this one has ${names}`
    )
    ok = false
  } else {
    if (x.type !== 'float32' || x.shape.length !== 2) {
      problem('model/input-dtype', `input "${x.name}" is ${x.type}[${x.shape.join(', ')}]; demodeck feeds graph features as float32 [nodes, features]`)
      ok = false
    }
    if (e.type !== 'int64' || e.shape.length !== 2 || (typeof e.shape[0] === 'number' && e.shape[0] !== 2)) {
      problem('model/input-dtype', `input "${e.name}" is ${e.type}[${e.shape.join(', ')}]; demodeck feeds links as int64 [2, edges] (PyTorch Geometric's edge_index)`)
      ok = false
    }
  }
  if (!contents) {
    problem('model/graph-missing', `the graph file "${config.file}" named in model.json does not exist`)
    return null
  }
  if (contents.error !== undefined) {
    problem('model/graph', `${config.file}: ${contents.error}`, config.file)
    return null
  }
  let graph: Graph
  try {
    graph = parseGraph(contents.value, classes)
  } catch (error) {
    if (!(error instanceof GraphFileError)) throw error
    problem('model/graph', `${config.file}: ${error.message}`, config.file)
    return null
  }
  const width = x?.shape[1]
  if (typeof width === 'number' && width !== graph.featureSize) {
    problem('model/graph-features', `${config.file} has ${graph.featureSize} features per node but input "${x!.name}" takes ${width}: a feature width mismatch between the graph and the model`, config.file)
    ok = false
  }
  if (!ok) return null
  const summary: GraphSummary = { nodes: graph.nodes, edges: graph.edges.length / 2, features: graph.featureSize, classes }
  return {
    spec: { fileName: config.file, featuresInput: config.featuresInput, edgesInput: config.edgesInput, nodes: graph.nodes, featureSize: graph.featureSize },
    graph,
    summary,
    preprocessing: [
      { step: 'Graph', detail: `${config.file}: ${summary.nodes.toLocaleString('en-US')} nodes, ${summary.edges.toLocaleString('en-US')} undirected links, ${summary.features.toLocaleString('en-US')} features per node` },
      { step: 'Features', detail: `"${config.featuresInput}" float32 [nodes, ${graph.featureSize}], 0/1 from the sparse indices; blanked rows for cleared nodes` },
      { step: 'Links', detail: `"${config.edgesInput}" int64 [2, 2 × links]: every link in both directions, after what-if edits` },
      { step: 'Output', detail: 'one score row per node; the whole graph runs on every edit' }
    ]
  }
}
