/**
 * The run index behind a worker thread: the same calls as RunIndex, answered
 * by a RunIndex living in `run-index.worker`.
 *
 * [Note: run files off the main thread]
 * Parsing run files is CPU work in plain JavaScript: an 11 MB CSV (300k rows)
 * held the host's event loop for 2.5 s on first `/api/runs`, freezing
 * predictions and slide sync in the exam room. The index therefore lives in a
 * worker thread: its parsed histories stay there, and only run summaries and
 * a run's history as columns (HistoryColumns, when a chart asks) cross to the
 * host. Where no
 * worker file can be found (a bundle without it), the index runs in-process
 * as before. A worker that dies fails its pending calls and is restarted on
 * the next call.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ApiError, type ErrorCode } from '../../shared/api'
import type { RunInfo } from '../../shared/types'
import { RunIndex, type RunIndexOptions } from './run-index'

type History = Awaited<ReturnType<RunIndex['history']>>

/** Host → worker. */
export type RunIndexRequest =
  | { id: number; op: 'list' }
  | { id: number; op: 'history'; run: string }
  | { id: number; op: 'reload' }
  | { id: number; op: 'runAt'; folder: string }

/** Worker → host. */
export type RunIndexResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: ErrorCode; message: string } }

/** What the worker is started with. */
export interface RunIndexWorkerData extends RunIndexOptions {
  root: string
}

type Body = RunIndexRequest extends infer R ? (R extends RunIndexRequest ? Omit<R, 'id'> : never) : never

/** How to start the worker from here: the built file, the TypeScript source through tsx, or none. */
function workerEntry(): { file: string; source: boolean } | null {
  for (const rel of ['./run-index.worker.js', '../run-index.worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url))
    if (existsSync(file)) return { file, source: false }
  }
  const source = fileURLToPath(new URL('./run-index.worker.ts', import.meta.url))
  return existsSync(source) ? { file: source, source: true } : null
}

/** The run index in a worker thread (see [Note: run files off the main thread]). */
export class RunIndexThread {
  private worker: Worker | null = null
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private nextId = 1
  private disposed = false
  private readonly fallback: RunIndex | null

  /**
   * @param root absolute deck folder
   * @param options test hooks passed to the index (see RunIndexOptions)
   */
  constructor(
    private readonly root: string,
    private readonly options: RunIndexOptions = {}
  ) {
    this.fallback = workerEntry() ? null : new RunIndex(root, options)
  }

  /** Whether the index runs in a worker thread (false: in-process fallback). */
  get threaded(): boolean {
    return this.fallback === null
  }

  list(): Promise<RunInfo[]> {
    return this.fallback ? this.fallback.list() : (this.call({ op: 'list' }) as Promise<RunInfo[]>)
  }

  history(run: string): Promise<History> {
    if (this.fallback) return this.fallback.history(run)
    const body: Body = { op: 'history', run }
    return this.call(body) as Promise<History>
  }

  async reload(): Promise<void> {
    if (this.fallback) return this.fallback.reload()
    await this.call({ op: 'reload' })
  }

  async runAt(folder: string): Promise<RunInfo | undefined> {
    if (this.fallback) return this.fallback.runAt(folder)
    return ((await this.call({ op: 'runAt', folder })) as RunInfo | null) ?? undefined
  }

  /** Stops the worker; pending calls fail. */
  dispose(): void {
    this.disposed = true
    const worker = this.worker
    this.worker = null
    this.failAll(new ApiError('internal', 'the runs index was shut down'))
    void worker?.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const entry = workerEntry()!
    const workerData: RunIndexWorkerData = { root: this.root, ...this.options }
    // The TypeScript source (tests, benches) goes through tsx, which a worker thread does not inherit from --import.
    const worker = entry.source
      ? new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(pathToFileURL(entry.file).href)}, ${JSON.stringify(pathToFileURL(entry.file).href)}))`, { eval: true, workerData })
      : new Worker(entry.file, { workerData })
    worker.on('message', (response: RunIndexResponse) => {
      const pending = this.pending.get(response.id)
      if (!pending) return
      this.pending.delete(response.id)
      if (response.ok) pending.resolve(response.value)
      else pending.reject(new ApiError(response.error.code, response.error.message))
    })
    const lost = (reason: string): void => {
      if (this.worker !== worker) return
      this.worker = null
      this.failAll(new ApiError('internal', `reading the runs failed (${reason}); try again`))
    }
    worker.on('error', (error) => lost(error.message))
    worker.on('exit', (code) => lost(`the runs worker exited with code ${code}`))
    // After the listeners: adding a 'message' listener refs the port again, and a ref'd port keeps a CLI from exiting.
    worker.unref()
    this.worker = worker
    return worker
  }

  private call(body: Body): Promise<unknown> {
    // A disposed index stays down: a late call must not start a fresh worker nobody will stop.
    if (this.disposed) return Promise.reject(new ApiError('internal', 'the runs index was shut down'))
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, ...body })
    })
  }

  private failAll(error: ApiError): void {
    for (const [id, pending] of this.pending) {
      pending.reject(error)
      this.pending.delete(id)
    }
  }
}
