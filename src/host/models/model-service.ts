/**
 * The host's model service: lists model folders (broken ones with their
 * errors), builds model cards, and forwards predictions and parity checks to
 * the inference worker process.
 *
 * [Note: one worker per model]
 * Each model runs in its own inference worker process (a `WorkerSlot`), started
 * on first use. A model that hangs holds up only its own calls: another
 * model's prediction never queues behind it or shares its time-out, and the
 * restart after a time-out (see [Note: a worker that may die] in
 * worker-slot.ts) reloads only that model. At most `maxWorkers` processes
 * live at once: past that, the least recently used idle one is stopped (its
 * model reloads on its next use), so a deck with many models stays light.
 */
import { ApiError } from '../../shared/api'
import type { GraphData, GraphEdits, GraphRun, ModelCard, ModelInfo, ParityReport, PredictInput, Prediction } from '../../shared/types'
import { graphData } from './graph-data'
import { graphLayerCount } from '../../core/models/graph-spec'
import type { ResolvedModel } from '../../core/models/spec'
import type { ModelServiceApi, WorkerSpawner } from '../services'
import { loadModels } from './model-folder'
import { WorkerSlot } from './worker-slot'
import { WarmQueue } from './warm-queue'
import type { ProbeJob, ProbeWorkerResult } from '../probe/probe-protocol'

/** Options of the model service. */
export interface ModelServiceOptions {
  /** Deadline of a prediction or parity call, ms (default 10 s). */
  timeoutMs?: number
  /** Deadline of a model's first load in a worker, ms (default max(60 s, timeoutMs)). */
  loadTimeoutMs?: number
  /** Most worker processes alive at once (default 4); idle ones past it are stopped, least recently used first. */
  maxWorkers?: number
  /** Called when `list()` would answer differently without a reload (a background parity check finished): push `models:changed`. */
  onChange?: () => void
  /** Largest graph file a node-classification model may have, bytes (default 64 MB). */
  maxGraphBytes?: number
}

/** Implements `ModelServiceApi` over the deck's `models/` folder. */
export class ModelService implements ModelServiceApi {
  private readonly timeoutMs: number
  private readonly loadTimeoutMs: number
  private readonly maxWorkers: number
  private models: Map<string, ResolvedModel> | null = null
  private loadingModels: Promise<Map<string, ResolvedModel>> | null = null
  /** One worker per model id, created on first use. */
  private readonly slots = new Map<string, WorkerSlot>()
  /** Parity results by "<id>@<revision>", and in-flight checks. */
  private readonly parityCache = new Map<string, ParityReport>()
  private readonly parityRuns = new Map<string, Promise<ParityReport>>()
  /** Why the parity check of "<id>@<revision>" could not run, until it runs (see [Note: parity that could not run]). */
  private readonly parityErrors = new Map<string, string>()
  private disposed = false
  /** The background warm-up; the speaker's calls go ahead of it: see [Note: the first prediction jumps the warm-up]. */
  private readonly warmQueue = new WarmQueue((id, yieldToCalls) => this.warmOne(id, yieldToCalls))
  private readonly onChange: () => void
  private readonly maxGraphBytes: number | undefined

  constructor(
    private readonly deckRoot: string,
    private readonly spawnWorker: WorkerSpawner,
    options: ModelServiceOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.loadTimeoutMs = options.loadTimeoutMs ?? Math.max(60_000, this.timeoutMs)
    this.maxWorkers = Math.max(1, options.maxWorkers ?? 4)
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

  /**
   * [Note: parity that could not run]
   * A parity check that could not run (a worker that timed out while the
   * machine was busy) is a warning of this revision only while it stays so:
   * the next successful check takes it back. It is kept beside the model's
   * folder warnings, never written into them, so `list()` and the deck's
   * problems drop it as soon as the check passes.
   */
  private withParity(model: ResolvedModel): ModelInfo {
    const key = this.key(model)
    const parity = this.parityCache.get(key)
    const failed = this.parityErrors.get(key)
    if (!parity && failed === undefined) return model.info
    const warnings = [...model.info.warnings]
    if (parity && !parity.ok) warnings.push({ code: 'model/parity', message: parity.message })
    if (!parity && failed !== undefined) warnings.push({ code: 'model/parity-failed', message: `the parity check could not run: ${failed}` })
    return { ...model.info, ...(parity ? { parity } : {}), warnings }
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
    this.parityErrors.clear()
    const models = await this.resolved()
    // A removed model folder frees its worker.
    for (const [id, slot] of this.slots) {
      if (models.has(id)) continue
      slot.dispose()
      this.slots.delete(id)
    }
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
      } catch {
        parity = undefined // parity() kept the reason for withParity()
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
    const slot = this.slot(model)
    return this.warmQueue.urgent(async () => {
      await slot.ensureLoaded(spec)
      return (await slot.request({ type: 'graph-run', spec, ...(edits ? { edits } : {}) })) as GraphRun
    })
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
    const slot = this.slot(model)
    return this.warmQueue.urgent(async () => {
      await slot.ensureLoaded(spec)
      return (await slot.request({ type: 'predict', spec, input })) as Prediction
    })
  }

  /** The size of the model's ONNX file in bytes, or null when it has none. */
  async fileSize(id: string): Promise<number | null> {
    return (await this.get(id)).onnx?.sizeBytes ?? null
  }

  /** Sweeps one input over perturbation strengths in the model's worker (see host/probe/probe-runner.ts). */
  async probe(id: string, job: ProbeJob): Promise<ProbeWorkerResult> {
    const model = await this.get(id)
    const spec = this.runnable(model)
    const slot = this.slot(model)
    await slot.ensureLoaded(spec)
    return (await slot.request({ type: 'probe', spec, job })) as ProbeWorkerResult
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
        const slot = this.slot(model)
        await slot.ensureLoaded(spec)
        try {
          const report = (await slot.request({ type: 'parity', spec })) as ParityReport
          this.parityCache.set(key, report)
          this.parityErrors.delete(key)
          return report
        } catch (error) {
          this.parityErrors.set(key, (error as Error).message)
          throw error
        } finally {
          this.onChange()
        }
      })().finally(() => this.parityRuns.delete(key))
      this.parityRuns.set(key, run)
    }
    return run
  }

  /**
   * Starts the models' workers, loads the models and runs their parity checks, in the background, one model at a
   * time in the order given (see `deckWarmOrder`); predictions go ahead of it.
   */
  warm(ids: string[]): void {
    this.warmQueue.enqueue(ids)
  }

  /** One model's warm-up (errors are the queue's to swallow: the same error reaches the user on their first real call). */
  private async warmOne(id: string, yieldToCalls: () => Promise<void>): Promise<void> {
    if (this.disposed) return
    const model = (await this.resolved()).get(id)
    if (!model?.spec) return
    await this.slot(model).ensureLoaded(model.spec)
    if (!model.spec.referenceFile) return
    await yieldToCalls()
    if (!this.disposed) await this.parity(id)
  }

  /** Kills every worker and fails pending calls. */
  dispose(): void {
    this.disposed = true
    for (const slot of this.slots.values()) slot.dispose()
    this.slots.clear()
  }

  // ------------------------------------------------------------ workers

  private slot(model: ResolvedModel): WorkerSlot {
    if (this.disposed) throw new ApiError('runtime', 'the model service was shut down')
    const id = model.info.id
    let slot = this.slots.get(id)
    if (!slot) {
      slot = new WorkerSlot(id, this.spawnWorker, { timeoutMs: this.timeoutMs, loadTimeoutMs: this.loadTimeoutMs })
      this.slots.set(id, slot)
    }
    this.capWorkers(slot)
    return slot
  }

  /** Stops least recently used idle workers while more than `maxWorkers` would be alive with `next`'s. */
  private capWorkers(next: WorkerSlot): void {
    const others = [...this.slots.entries()].filter(([, s]) => s !== next && s.live)
    let excess = others.length + 1 - this.maxWorkers
    for (const [id, s] of others.filter(([, s]) => s.idle).sort((a, b) => a[1].lastUsed - b[1].lastUsed)) {
      if (excess <= 0) break
      s.dispose()
      this.slots.delete(id)
      excess--
    }
  }
}
