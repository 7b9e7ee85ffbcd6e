/**
 * Runs a node-classification model inside the inference worker: reads and
 * checks the graph file once per model revision, keeps the dense feature
 * matrix and the unedited graph's classes, and answers whole-graph runs (for
 * the demo) and one-node predictions (for the API), each after optional
 * what-if edits. See [Note: what-if edits] in core/models/graph-edits.ts.
 */
import { readFile } from 'node:fs/promises'
import * as ort from 'onnxruntime-node'
import { ApiError } from '../../shared/api'
import type { GraphEdits, GraphRun, Prediction } from '../../shared/types'
import { GraphFileError, parseGraph, SPLIT_NAMES, type Graph } from '../../core/models/graph'
import { argmaxRows, changedNodes, checkNode, graphFeeds, isEmptyEdit, denseFeatures, splitAccuracy } from '../../core/models/graph-edits'
import { rankLabels, scoresFor } from '../../core/models/postprocess'
import type { ModelSpec } from '../../core/models/spec'

/** One graph model's state in the worker. */
export class GraphRunner {
  private baseline: Int32Array | null = null
  /** A second copy of the features that edits blank rows of in place (see [Note: blanking without a copy]). */
  private scratchX: Float32Array | null = null
  private scratchQueue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly graph: Graph,
    private readonly baseX: Float32Array
  ) {}

  /** Reads and checks the graph file named by the spec. */
  static async load(spec: ModelSpec): Promise<GraphRunner> {
    const g = spec.graph!
    let graph: Graph
    try {
      graph = parseGraph(JSON.parse(await readFile(g.file, 'utf8')) as unknown, spec.labels.length)
    } catch (error) {
      const reason = error instanceof GraphFileError ? error.message : `it cannot be read: ${(error as Error).message}`
      throw new ApiError('unprocessable', `the graph file cannot be used: ${reason}`)
    }
    return new GraphRunner(graph, denseFeatures(graph))
  }

  /** Runs the whole (edited) graph: raw output values, nodes × classes. */
  private async logits(session: ort.InferenceSession, spec: ModelSpec, edits?: GraphEdits): Promise<{ values: Float32Array; classes: number }> {
    const cleared = edits?.clearFeatures ?? []
    const result = cleared.length ? await this.withBlankedRows(cleared, (x) => session.run(this.tensors(spec, edits, x), [spec.outputName])) : await session.run(this.tensors(spec, edits), [spec.outputName])
    const output = result[spec.outputName]!
    const classes = Number(output.dims[output.dims.length - 1] ?? spec.labels.length)
    if (output.dims.length !== 2 || output.dims[0] !== this.graph.nodes || classes !== spec.labels.length) {
      throw new ApiError('unprocessable', `the model returned shape [${output.dims.join(', ')}]; a graph model must return [${this.graph.nodes}, ${spec.labels.length}] (one row per node)`)
    }
    return { values: output.data as Float32Array, classes }
  }

  /**
   * [Note: blanking without a copy]
   * Blanking a paper's words used to copy the whole dense feature matrix (15.5 MB for Cora) per run: the copy,
   * its fresh pages and its garbage cost more CPU than the model itself on the bench machine. Runs that blank
   * rows take turns on one reused copy instead: zero the rows, run, copy the rows back from the unedited matrix.
   * The unedited matrix is never written, so runs without blanked rows never wait.
   */
  private withBlankedRows<T>(nodes: number[], run: (x: Float32Array) => Promise<T>): Promise<T> {
    for (const node of nodes) checkNode(this.graph, node, 'node')
    const f = this.graph.featureSize
    const turn = async (): Promise<T> => {
      const x = (this.scratchX ??= this.baseX.slice())
      for (const node of nodes) x.fill(0, node * f, (node + 1) * f)
      try {
        return await run(x)
      } finally {
        for (const node of nodes) x.set(this.baseX.subarray(node * f, (node + 1) * f), node * f)
      }
    }
    const result = this.scratchQueue.then(turn, turn)
    this.scratchQueue = result.catch(() => undefined)
    return result
  }

  private async baselineClasses(session: ort.InferenceSession, spec: ModelSpec): Promise<Int32Array> {
    if (!this.baseline) {
      const { values, classes } = await this.logits(session, spec)
      this.baseline = argmaxRows(values, classes)
    }
    return this.baseline
  }

  /** Every node's class and probabilities after `edits`, and which nodes changed class. */
  async run(session: ort.InferenceSession, spec: ModelSpec, edits?: GraphEdits): Promise<GraphRun> {
    const started = performance.now()
    const { values, classes: c } = await this.logits(session, spec, edits)
    const top = argmaxRows(values, c)
    const scores = new Array<number>(values.length)
    for (let n = 0; n < this.graph.nodes; n++) {
      const row = scoresFor(spec.outputKind, values.subarray(n * c, (n + 1) * c))
      for (let k = 0; k < c; k++) scores[n * c + k] = Math.round(row[k]! * 1e4) / 1e4
    }
    const latencyMs = performance.now() - started
    const changed = isEmptyEdit(edits) ? [] : changedNodes(await this.baselineClasses(session, spec), top)
    if (isEmptyEdit(edits)) this.baseline = top
    return { classes: Array.from(top), scores, changed, accuracy: splitAccuracy(this.graph, top), latencyMs }
  }

  /** One node's ranked labels after `edits`, plus the nodes whose class changed. */
  async predict(session: ort.InferenceSession, spec: ModelSpec, node: number, edits?: GraphEdits): Promise<Prediction> {
    checkNode(this.graph, node)
    const started = performance.now()
    const { values, classes: c } = await this.logits(session, spec, edits)
    const predictions = rankLabels(spec.outputKind, values.subarray(node * c, (node + 1) * c), spec.labels)
    const latencyMs = performance.now() - started
    const changed = isEmptyEdit(edits) ? [] : changedNodes(await this.baselineClasses(session, spec), argmaxRows(values, c))
    const label = this.graph.labels[node]!
    return {
      predictions,
      latencyMs,
      graph: { node, label: label >= 0 ? label : null, split: SPLIT_NAMES[this.graph.split[node]!] ?? 'none', changed }
    }
  }

  /**
   * The model inputs of the whole (edited) graph (parity runs reference samples through them). `blankedX`, when
   * given, already has the edit's blanked rows zeroed and is fed as is.
   */
  tensors(spec: ModelSpec, edits?: GraphEdits, blankedX?: Float32Array): Record<string, ort.Tensor> {
    const g = spec.graph!
    const feeds = blankedX ? graphFeeds(this.graph, blankedX, { ...edits, clearFeatures: [] }) : graphFeeds(this.graph, this.baseX, edits)
    return {
      [g.featuresInput]: new ort.Tensor('float32', feeds.x, [this.graph.nodes, this.graph.featureSize]),
      [g.edgesInput]: new ort.Tensor('int64', feeds.edgeIndex, [2, 2 * feeds.links])
    }
  }
}
