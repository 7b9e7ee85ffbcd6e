/**
 * Worker-thread entry of the run index (see [Note: run files off the main
 * thread] in run-index-thread.ts): owns one RunIndex for the deck in
 * `workerData.root` and answers `RunIndexRequest`s from the host.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ApiError } from '../../shared/api'
import { RunIndex } from './run-index'
import type { RunIndexRequest, RunIndexResponse, RunIndexWorkerData } from './run-index-thread'

const data = workerData as RunIndexWorkerData
const index = new RunIndex(data.root, data.gate ? { gate: data.gate } : {})

async function answer(request: RunIndexRequest): Promise<RunIndexResponse> {
  try {
    switch (request.op) {
      case 'list':
        return { id: request.id, ok: true, value: await index.list() }
      case 'history':
        return { id: request.id, ok: true, value: await index.history(request.run) }
      case 'reload':
        index.reload()
        return { id: request.id, ok: true, value: null }
      case 'runAt':
        return { id: request.id, ok: true, value: (await index.runAt(request.folder)) ?? null }
    }
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('internal', `reading the runs failed: ${(error as Error)?.message ?? String(error)}`)
    return { id: request.id, ok: false, error: { code: e.code, message: e.message } }
  }
}

parentPort?.on('message', (request: RunIndexRequest) => {
  void answer(request).then((response) => parentPort?.postMessage(response))
})
