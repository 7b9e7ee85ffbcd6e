/**
 * What every browser-mode bench does first: build the app into its own out dir (so a bench never races the
 * e2e suite's `out/`), start `node <out>/main/server.js` on a deck at a free loopback port, and read the URL
 * from its "demodeck ready at" line.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServerProcess } from '../../tests/fixtures/server-process'

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where the benches build the app (relative to the root). */
export const BENCH_OUT = 'out-bench'

/** Builds the app into `out` with electron-vite; throws when the build fails. */
export function buildApp(out = BENCH_OUT): void {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    env: { ...process.env, DEMODECK_OUT: out },
    stdio: 'ignore'
  })
  if (result.status !== 0) throw new Error('electron-vite build failed; run it by hand to see why')
}

/** A running browser-mode server. */
export interface BenchServer {
  url: string
  /** Spawn → its "demodeck ready at" line, ms. */
  readyMs: number
  stop: () => void
}

/** Starts the built server on `deck` (port 0) and resolves once it prints its URL. */
export async function startServer(deck: string, options: { out?: string; timeoutMs?: number } = {}): Promise<BenchServer> {
  const t0 = performance.now()
  const server = await startServerProcess(join(root, options.out ?? BENCH_OUT, 'main', 'server.js'), deck, { timeoutMs: options.timeoutMs ?? 60_000 })
  return { url: server.url, readyMs: performance.now() - t0, stop: () => void server.stop() }
}
