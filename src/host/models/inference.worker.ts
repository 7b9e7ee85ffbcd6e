/**
 * Inference process entry. Runs under Electron's utilityProcess (messages on
 * `process.parentPort` as `{ data }` events) or under child_process.fork
 * (`process.on('message')` / `process.send`). Owning onnxruntime here means a
 * native crash or a runaway model kills this process, not the deck: the model
 * service restarts it (see model-service.ts).
 */
import { describeZodError } from '../../shared/api'
import { workerRequestSchema, type WorkerRequest, type WorkerResponse } from './worker-protocol'
import { InferenceRuntime } from './worker-runtime'

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const runtime = new InferenceRuntime()
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function reply(response: WorkerResponse): void {
  if (parentPort) parentPort.postMessage(response)
  else process.send?.(response)
}

async function onMessage(message: unknown): Promise<void> {
  const parsed = workerRequestSchema.safeParse(message)
  if (!parsed.success) {
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1
    reply({ id, ok: false, error: { code: 'internal', message: `bad worker message: ${describeZodError(parsed.error)}` } })
    return
  }
  reply(await runtime.handle(parsed.data as unknown as WorkerRequest))
}

if (parentPort) parentPort.on('message', (event) => void onMessage(event.data))
else if (process.send) process.on('message', (message) => void onMessage(message))
else {
  console.error('inference.worker must be started as a utility process or with child_process.fork')
  process.exit(1)
}
// Without a parent there is nothing to serve: exit with it rather than linger.
process.on('disconnect', () => process.exit(0))
