/**
 * Starts the inference worker as a plain Node child process (browser mode and
 * tests). Electron uses utilityProcess instead (src/main/inference-process.ts).
 */
import { fork } from 'node:child_process'
import type { WorkerHandle } from './services'

/** Forks `workerPath` with an IPC channel; extra `execArgv` lets tests run the TypeScript source through tsx. */
export function forkNodeWorker(workerPath: string, execArgv: string[] = []): WorkerHandle {
  const child = fork(workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv, serialization: 'advanced' })
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message as never)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill('SIGKILL')
    }
  }
}
