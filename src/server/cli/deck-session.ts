/**
 * A deck served in-process for the command-line tools (`npm run check`,
 * `npm run export`): the same host and browser-mode server as `npm run web`,
 * on a free loopback port, without watching files.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHost, type Host } from '../../host/create-host'
import { forkNodeWorker } from '../../host/models/node-worker'
import { startBrowserServer } from '../http-server'

export interface DeckSession {
  host: Host
  /** e.g. http://127.0.0.1:41234/ */
  url: string
  close(): Promise<void>
}

/** Serves `deckRoot` on 127.0.0.1 (port 0) from the built renderer next to this file. */
export async function openDeckSession(deckRoot: string): Promise<DeckSession> {
  const here = dirname(fileURLToPath(import.meta.url))
  // Built entries live in out/main/ (chunks in out/main/chunks/): the renderer is out/renderer.
  const outDir = here.endsWith('chunks') ? resolve(here, '..', '..') : resolve(here, '..')
  let host: Host | undefined
  const server = await startBrowserServer({
    rendererDir: resolve(outDir, 'renderer'),
    port: 0,
    createHost: (emit) => {
      host = createHost({ deckRoot, spawnWorker: () => forkNodeWorker(resolve(outDir, 'main', 'inference.worker.js')), emit, watch: false })
      return host
    }
  })
  return { host: host!, url: server.url, close: () => server.close() }
}

/** Reads `--name value` and `--flag` options; unknown ones are an error with the usage text. */
export function parseOptions(
  argv: string[],
  spec: { values: string[]; flags: string[] },
  usage: string
): { values: Record<string, string>; flags: Set<string> } {
  const values: Record<string, string> = {}
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') continue
    if (arg === '--help' || arg === '-h') {
      console.log(usage)
      process.exit(0)
    }
    const name = arg.replace(/^--/, '')
    if (arg.startsWith('--') && spec.flags.includes(name)) flags.add(name)
    else if (arg.startsWith('--') && spec.values.includes(name)) {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) fail(`${arg} needs a value.\n${usage}`)
      values[name] = value
      i++
    } else fail(`Unknown option "${arg}".\n${usage}`)
  }
  return { values, flags }
}

/** Prints `demodeck: message` and exits with status 2 (usage error). */
export function fail(message: string): never {
  console.error(`demodeck: ${message}`)
  process.exit(2)
}
