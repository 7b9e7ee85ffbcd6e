/**
 * Starts the inference worker in an Electron utilityProcess, so a model that
 * crashes onnxruntime takes down only that process (the host restarts it).
 * It starts with the minimal environment of every worker (see
 * [Note: a minimal worker environment] in src/host/models/worker-env.ts).
 */
import { utilityProcess } from 'electron'
import type { WorkerHandle } from '../host/services'
import { workerEnv } from '../host/models/worker-env'

/**
 * Forks `workerPath` as a utility process.
 * @param modelId the model this worker serves, for the OS process list.
 */
export function forkUtilityWorker(workerPath: string, modelId?: string): WorkerHandle {
  const child = utilityProcess.fork(workerPath, [], {
    serviceName: modelId ? `demodeck inference (${modelId})` : 'demodeck inference',
    stdio: 'inherit',
    env: workerEnv(process.env)
  })
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill()
    }
  }
}
