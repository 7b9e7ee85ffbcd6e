/**
 * Starts the inference worker with child_process.fork (browser mode, tests).
 * Electron main uses utilityProcess instead; both give a `WorkerHandle`, and
 * both start it with `workerEnv()` (see [Note: a minimal worker environment]).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { WorkerHandle } from '../services'
import { workerEnv } from './worker-env'

function handleOf(child: ChildProcess): WorkerHandle {
  return {
    postMessage: (message) => {
      // A dead child has no channel; the service sees its exit and fails the call.
      if (child.connected) child.send(message as object)
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL')
  }
}

/** How a test or bench may adjust a worker launch. */
export interface ForkOptions {
  /** Extra environment on top of `workerEnv()`, e.g. `{ DEMODECK_WORKER_TEST_HOOKS: '1' }`. */
  env?: Record<string, string>
  /** Extra Node flags, e.g. `['--import', probe]`. */
  execArgv?: string[]
}

/**
 * Forks the BUILT worker, `inference.worker.js`, next to the running file
 * (the server runs from out/main/server.js, so out/main/inference.worker.js).
 * @param entry another built worker file, e.g. for tests of a custom out dir.
 */
export function forkNodeWorker(entry?: string, options: ForkOptions = {}): WorkerHandle {
  let file = entry ?? fileURLToPath(new URL('./inference.worker.js', import.meta.url))
  // When the bundler moves this code into out/main/chunks/, the worker sits one level up.
  if (!entry && !existsSync(file)) file = fileURLToPath(new URL('../inference.worker.js', import.meta.url))
  return handleOf(
    fork(file, [], {
      env: workerEnv(process.env, options.env),
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced'
    })
  )
}

/** Repository root, found from this file (src/host/models or out/main). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('cannot find the repository root')
    dir = parent
  }
  return dir
}

/**
 * Forks the worker from its TypeScript source through tsx (tests and
 * benchmarks, no build needed).
 */
export function forkSourceWorker(options: ForkOptions = {}): WorkerHandle {
  const root = repoRoot()
  const entry = resolve(root, 'src/host/models/inference.worker.ts')
  return handleOf(
    fork(entry, [], {
      cwd: root,
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      env: workerEnv(process.env, options.env),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced'
    })
  )
}
