/**
 * Entry of browser mode: `node out/main/server.js [--deck DIR] [--port N]`
 * (what `npm run web` runs after building). Plain Node: no Electron here.
 */
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { createHost } from '../host/create-host'
import { forkNodeWorker, forkSourceWorker } from '../host/models/node-worker'
import { startBrowserServer } from './http-server'
import { ArgsError, parseServerArgs, USAGE, type ServerArgs } from './args'
import { exportWithChromium } from './export/export-with-chromium'

function fail(message: string): never {
  console.error(`demodeck: ${message}`)
  process.exit(2)
}

async function main(): Promise<void> {
  let parsed: ServerArgs
  try {
    parsed = parseServerArgs(process.argv.slice(2), process.cwd())
  } catch (error) {
    if (error instanceof ArgsError) fail(error.message)
    throw error
  }
  if (parsed.help) {
    console.log(USAGE)
    return
  }
  const args = parsed
  if (!existsSync(args.deck)) fail(`The deck folder ${args.deck} does not exist.`)
  const here = dirname(fileURLToPath(import.meta.url))
  const rendererDir = resolve(here, '..', 'renderer')
  const workerPath = resolve(here, 'inference.worker.js')
  let serverUrl = ''
  const server = await startBrowserServer({
    rendererDir,
    port: args.port,
    createHost: (emit) =>
      createHost({
        deckRoot: args.deck,
        // `npm run dev` runs this file from source (tsx watch): the worker then runs from source too.
        spawnWorker: () => (process.env['DEMODECK_DEV'] ? forkSourceWorker() : forkNodeWorker(workerPath)),
        emit,
        log: (message) => console.error(message),
        // Model warm-up and run index after the first paint: [Note: background work after the first paint].
        backgroundWhenShown: true,
        // The presenter's "Backups": Chromium prints this very server's print view.
        exportBackups: (targets, deck) => exportWithChromium(serverUrl, deck.title, targets)
      })
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') fail(`Port ${args.port} is in use. Pick another with --port N (or --port 0 for any free port).`)
    throw error
  })
  serverUrl = server.url
  // "ready" includes hot reload: the deck watcher's first scan takes a few ms (bounded, for a huge runs/ folder).
  let slowScan: NodeJS.Timeout | undefined
  await Promise.race([server.watching, new Promise<void>((done) => (slowScan = setTimeout(done, 2000)))])
  clearTimeout(slowScan)
  console.log(`demodeck ready at ${server.url}`)
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main().catch((error: unknown) => {
  console.error(`demodeck: could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
