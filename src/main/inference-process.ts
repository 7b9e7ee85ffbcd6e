/**
 * Starts the inference worker in an Electron utilityProcess, so a model that
 * crashes onnxruntime takes down only that process (the host restarts it).
 */
import { utilityProcess } from 'electron'
import type { WorkerHandle } from '../host/services'

export function forkUtilityWorker(workerPath: string): WorkerHandle {
  const child = utilityProcess.fork(workerPath, [], { serviceName: 'demodeck inference', stdio: 'inherit' })
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill()
    }
  }
}
