/**
 * The host's model service: lists model folders (broken ones with their
 * errors), builds model cards, and forwards predictions and parity checks to
 * the inference worker process.
 *
 * [Note: a worker that may die]
 * Every call to the worker has a deadline (first load of a model: `loadTimeoutMs`,
 * everything else: `timeoutMs`). When a call runs over, the worker is killed and
 * the call fails with ApiError('timeout'); when the worker exits on its own, all
 * pending calls fail with ApiError('runtime'). Either way the next call starts a
 * fresh worker, so a hung or crashed model never takes the deck down.
 */
import { ApiError } from '../../shared/api'
import type { GraphData, GraphEdits, GraphRun, ModelCard, ModelInfo, ParityReport, PredictInput, Prediction } from '../../shared/types'
import { graphData } from './graph-data'
import { graphLayerCount } from '../../core/models/graph-spec'
import type { ResolvedModel } from '../../core/models/spec'
import type { ModelServiceApi, WorkerHandle, WorkerSpawner } from '../services'
import { loadModels } from './model-folder'
import type { WorkerRequest, WorkerResponse } from './worker-protocol'

/** Options of the model service. */
export interface ModelServiceOptions {
  /** Deadline of a prediction or parity call, ms (default 10 s). */
  timeoutMs?: number
  /** Deadline of a model's first load in a worker, ms (default max(60 s, timeoutMs)). */
  loadTimeoutMs?: number
  /** Called when `list()` would answer differently without a reload (a background parity check finished): push `models:changed`. */
  onChange?: () => void
  /** Largest graph file a node-classification model may have, bytes (default 64 MB). */
  maxGraphBytes?: number
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

/** Implements `ModelServiceApi` over the deck's `models/` folder. */
export class ModelService implements ModelServiceApi {
  private readonly timeoutMs: number
  private readonly loadTimeoutMs: number
  private models: Map<string, ResolvedModel> | null = null
  private loadingModels: Promise<Map<string, ResolvedModel>> | null = null
  private worker: WorkerHandle | null = null
  /** Models with a session in the current worker: "<id>@<revision>". */
  private loadedInWorker = new Set<string>()
  private readonly loads = new Map<string, Promise<void>>()
  private readonly pending = new Map<number, Pending>()
  /** Parity results by "<id>@<revision>", and in-flight checks. */
  private readonly parityCache = new Map<string, ParityReport>()
  private readonly parityRuns = new Map<string, Promise<ParityReport>>()
  private nextId = 1
  private disposed = false
  private readonly onChange: () => void
  private readonly maxGraphBytes: number | undefined

  constructor(
    private readonly deckRoot: string,
    private readonly spawnWorker: WorkerSpawner,
    options: ModelServiceOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.loadTimeoutMs = options.loadTimeoutMs ?? Math.max(60_000, this.timeoutMs)
    this.onChange = options.onChange ?? (() => undefined)
    this.maxGraphBytes = options.maxGraphBytes
  }

  // ------------------------------------------------------------ folders

  private async resolved(): Promise<Map<string, ResolvedModel>> {
    if (this.models) return this.models
    if (!this.loadingModels) {
      this.loadingModels = loadModels(this.deckRoot, this.maxGraphBytes !== undefined ? { maxGraphBytes: this.maxGraphBytes } : {}).then((list) => {
        this.models = new Map(list.map((m) => [m.info.id, m]))
        this.loadingModels = null
        return this.models
      })
    }
    return this.loadingModels
  }

  private async get(id: string): Promise<ResolvedModel> {
    const model = (await this.resolved()).get(id)
    if (!model) {
      const known = [...(this.models?.keys() ?? [])]
      throw new ApiError('not_found', `there is no model "${id}"${known.length ? `; the deck has ${known.join(', ')}` : ' (the deck has no models/ folder entries)'}`)
    }
    return model
  }

  private key(model: ResolvedModel): string {
    return `${model.info.id}@${model.spec?.revision ?? model.onnx?.revision ?? ''}`
  }

  private withParity(model: ResolvedModel): ModelInfo {
    const parity = this.parityCache.get(this.key(model))
    if (!parity) return model.info
    const warnings = parity.ok ? model.info.warnings : [...model.info.warnings, { code: 'model/parity', message: parity.message }]
    return { ...model.info, parity, warnings }
  }

  /** Every model folder, broken ones included (with `errors`). */
  async list(): Promise<ModelInfo[]> {
    return [...(await this.resolved()).values()].map((m) => this.withParity(m))
  }

  /** Re-reads the folders; sessions of changed files are rebuilt on next use. */
  async reload(): Promise<void> {
    const checked = [...this.parityCache.keys()].map((key) => key.slice(0, key.lastIndexOf('@')))
    this.models = null
    this.loadingModels = null
    // reference.json may have changed without the ONNX file: check again what was checked before.
    this.parityCache.clear()
    await this.resolved()
    this.warm(checked)
  }

  /** The model card: ONNX facts, preprocessing, parity. */
  async card(id: string): Promise<ModelCard> {
    const model = await this.get(id)
    const summary = model.onnx?.summary
    if (!summary) {
      throw new ApiError('unprocessable', model.info.errors[0]?.message ?? `model "${id}" has no readable ONNX file`)
    }
    let parity: ParityReport | undefined
    if (model.spec?.referenceFile) {
      try {
        parity = await this.parity(id)
      } catch (error) {
        parity = undefined
        model.info.warnings = [...model.info.warnings.filter((w) => w.code !== 'model/parity-failed'), { code: 'model/parity-failed', message: `the parity check could not run: ${(error as Error).message}` }]
      }
    }
    const info = this.withParity(model)
    return {
      id,
      name: info.name,
      producer: summary.producer,
      producerVersion: summary.producerVersion,
      irVersion: summary.irVersion,
      opsets: summary.opsets,
      graphName: summary.graphName,
      inputs: info.inputs,
      outputs: info.outputs,
      parameterCount: summary.parameterCount,
      fileSizeBytes: model.onnx!.sizeBytes,
      operators: summary.operators,
      labels: info.labels,
      preprocessing: model.preprocessing,
      ...(parity ? { parity } : {}),
      warnings: [...info.errors, ...info.warnings],
      ...(info.graph ? { graph: { ...info.graph, layers: graphLayerCount(summary.operators) } } : {})
    }
  }

  /** The graph of a node-classification model, for drawing. */
  async graph(id: string): Promise<GraphData> {
    const model = await this.get(id)
    if (model.info.task !== 'node-classification') throw new ApiError('bad_request', `model "${id}" is a ${model.info.task.replace('-', ' ')} model, not a graph model`)
    this.runnable(model)
    return graphData(id, model.graph!, model.info.labels)
  }

  /** Every node's prediction on the (edited) graph of a node-classification model. */
  async graphRun(id: string, edits?: GraphEdits): Promise<GraphRun> {
    const model = await this.get(id)
    if (model.info.task !== 'node-classification') throw new ApiError('bad_request', `model "${id}" is a ${model.info.task.replace('-', ' ')} model, not a graph model`)
    const spec = this.runnable(model)
    await this.ensureLoaded(model)
    return (await this.call({ type: 'graph-run', spec, ...(edits ? { edits } : {}) }, this.timeoutMs)) as GraphRun
  }

  private runnable(model: ResolvedModel): NonNullable<ResolvedModel['spec']> {
    if (!model.spec) {
      const first = model.info.errors[0]?.message ?? 'the model folder is incomplete'
      throw new ApiError('unprocessable', `model "${model.info.id}" cannot run: ${first}`)
    }
    return model.spec
  }

  /** Classifies one input. */
  async predict(id: string, input: PredictInput): Promise<Prediction> {
    const model = await this.get(id)
    const spec = this.runnable(model)
    await this.ensureLoaded(model)
    return (await this.call({ type: 'predict', spec, input }, this.timeoutMs)) as Prediction
  }

  /** Runs reference.json through the worker; cached per model revision. */
  async parity(id: string): Promise<ParityReport> {
    const model = await this.get(id)
    const spec = this.runnable(model)
    if (!spec.referenceFile) throw new ApiError('not_found', `model "${id}" has no reference.json, so there is nothing to compare`)
    const key = this.key(model)
    const cached = this.parityCache.get(key)
    if (cached) return cached
    let run = this.parityRuns.get(key)
    if (!run) {
      run = (async () => {
        await this.ensureLoaded(model)
        const report = (await this.call({ type: 'parity', spec }, this.timeoutMs)) as ParityReport
        this.parityCache.set(key, report)
        this.onChange()
        return report
      })().finally(() => this.parityRuns.delete(key))
      this.parityRuns.set(key, run)
    }
    return run
  }

  /** Starts the worker, loads the given models and runs their parity checks, in the background. */
  warm(ids: string[]): void {
    void (async () => {
      const models = await this.resolved()
      for (const id of ids) {
        const model = models.get(id)
        if (!model?.spec) continue
        try {
          await this.ensureLoaded(model)
          if (model.spec.referenceFile) await this.parity(id)
        } catch {
          // Warming is best effort; the same error reaches the user on their first real call.
        }
      }
    })()
  }

  /** Kills the worker and fails pending calls. */
  dispose(): void {
    this.disposed = true
    this.stopWorker(new ApiError('runtime', 'the model service was shut down'))
  }

  // ------------------------------------------------------------ worker

  private async ensureLoaded(model: ResolvedModel): Promise<void> {
    const key = this.key(model)
    if (this.loadedInWorker.has(key)) return
    let load = this.loads.get(key)
    if (!load) {
      const worker = this.ensureWorker()
      load = this.call({ type: 'load', spec: model.spec! }, this.loadTimeoutMs)
        .then(() => {
          // Only counts if the same worker is still alive.
          if (this.worker === worker) this.loadedInWorker.add(key)
        })
        .finally(() => this.loads.delete(key))
      this.loads.set(key, load)
    }
    await load
  }

  private ensureWorker(): WorkerHandle {
    if (this.disposed) throw new ApiError('runtime', 'the model service was shut down')
    if (this.worker) return this.worker
    const worker = this.spawnWorker()
    this.worker = worker
    this.loadedInWorker = new Set()
    worker.onMessage((message) => this.onWorkerMessage(message))
    worker.onExit((code) => {
      if (this.worker !== worker) return
      this.worker = null
      // The next worker starts empty: its first call must load (under the load deadline), not predict.
      this.loadedInWorker = new Set()
      this.failAll(new ApiError('runtime', `the inference process stopped unexpectedly (exit code ${code ?? 'unknown'}); it restarts on the next request, so try again`))
    })
    return worker
  }

  private onWorkerMessage(message: unknown): void {
    const response = message as WorkerResponse
    if (!response || typeof response.id !== 'number') return
    const pending = this.pending.get(response.id)
    if (!pending) return
    this.pending.delete(response.id)
    clearTimeout(pending.timer)
    if (response.ok) pending.resolve(response.value)
    else pending.reject(new ApiError(response.error.code, response.error.message))
  }

  private call(body: RequestBody, timeoutMs: number): Promise<unknown> {
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(
          new ApiError(
            'timeout',
            `the model did not answer within ${Math.round(timeoutMs / 100) / 10} s and was stopped; the inference process restarts on the next request`
          )
        )
        // A stuck native run cannot be interrupted: only killing the process frees it.
        if (this.worker === worker) this.stopWorker(new ApiError('runtime', 'the inference process was restarted because another request ran too long; try again'))
      }, timeoutMs)
      this.pending.set(id, { resolve, reject, timer })
      worker.postMessage({ id, ...body })
    })
  }

  private failAll(error: ApiError): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer)
      pending.reject(error)
      this.pending.delete(id)
    }
  }

  private stopWorker(error: ApiError): void {
    const worker = this.worker
    this.worker = null
    this.loadedInWorker = new Set()
    this.failAll(error)
    worker?.kill()
  }
}
