/**
 * One model's inference worker process as the model service sees it: started
 * on first use, every call with a deadline, killed and restarted on the next
 * call after a time-out or a crash. The model service keeps one slot per
 * model (see [Note: one worker per model] in model-service.ts).
 *
 * [Note: a worker that may die]
 * Every call has a deadline (first load of a model: `loadTimeoutMs`,
 * everything else: `timeoutMs`). When a call runs over, the worker is killed
 * and the call fails with ApiError('timeout'); when the worker exits on its
 * own, all pending calls fail with ApiError('runtime'). Either way the next
 * call starts a fresh worker, so a hung or crashed model never takes the deck
 * down.
 */
import { ApiError } from '../../shared/api'
import type { ModelSpec } from '../../core/models/spec'
import type { WorkerHandle, WorkerSpawner } from '../services'
import type { WorkerRequest, WorkerResponse } from './worker-protocol'

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
/** A worker request without its id (the slot numbers them). */
export type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/** One model's worker process and its calls in flight. */
export class WorkerSlot {
  private worker: WorkerHandle | null = null
  /** Revisions with a session in the current worker. */
  private loadedRevisions = new Set<string>()
  private readonly loads = new Map<string, Promise<void>>()
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private disposed = false
  /** When a call last started (for the model service's least-recently-used cap). */
  lastUsed = 0

  /**
   * @param modelId the model this worker serves (named in messages)
   * @param spawn starts a fresh worker process
   */
  constructor(
    private readonly modelId: string,
    private readonly spawn: WorkerSpawner,
    private readonly timeouts: { timeoutMs: number; loadTimeoutMs: number }
  ) {}

  /** Loads `spec` in the worker once per worker and revision; concurrent callers share the load. */
  async ensureLoaded(spec: ModelSpec): Promise<void> {
    const key = spec.revision
    if (this.loadedRevisions.has(key) && this.worker) return
    let load = this.loads.get(key)
    if (!load) {
      const worker = this.ensureWorker()
      load = this.call({ type: 'load', spec }, this.timeouts.loadTimeoutMs)
        .then(() => {
          // Only counts if the same worker is still alive.
          if (this.worker === worker) this.loadedRevisions.add(key)
        })
        .finally(() => this.loads.delete(key))
      this.loads.set(key, load)
    }
    await load
  }

  /** Sends one request with the normal deadline. */
  request(body: RequestBody): Promise<unknown> {
    return this.call(body, this.timeouts.timeoutMs)
  }

  /** Whether a worker process is running for this model. */
  get live(): boolean {
    return this.worker !== null
  }

  /** Whether no call is in flight. */
  get idle(): boolean {
    return this.pending.size === 0 && this.loads.size === 0
  }

  /** Kills the worker and fails pending calls; the slot refuses new calls. */
  dispose(): void {
    this.disposed = true
    this.stop(new ApiError('runtime', 'the model service was shut down'))
  }

  private ensureWorker(): WorkerHandle {
    if (this.disposed) throw new ApiError('runtime', 'the model service was shut down')
    if (this.worker) return this.worker
    const worker = this.spawn(this.modelId)
    this.worker = worker
    this.loadedRevisions = new Set()
    worker.onMessage((message) => this.onMessage(message))
    worker.onExit((code) => {
      if (this.worker !== worker) return
      this.worker = null
      this.failAll(
        new ApiError(
          'runtime',
          `the inference process stopped unexpectedly (exit code ${code ?? 'unknown'}) while serving model "${this.modelId}"; it restarts on the next request, so try again`
        )
      )
    })
    return worker
  }

  private onMessage(message: unknown): void {
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
    this.lastUsed = performance.now()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(
          new ApiError(
            'timeout',
            `model "${this.modelId}" did not answer within ${seconds(timeoutMs)} and was stopped; its inference process restarts on the next request (other models are not affected)`
          )
        )
        // A stuck native run cannot be interrupted: only killing the process frees it.
        if (this.worker === worker) {
          this.stop(new ApiError('runtime', `model "${this.modelId}" was restarted because an earlier request ran over ${seconds(timeoutMs)}; try again`))
        }
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

  private stop(error: ApiError): void {
    const worker = this.worker
    this.worker = null
    this.loadedRevisions = new Set()
    this.failAll(error)
    worker?.kill()
  }
}
