/**
 * Starts a real browser-mode server (the built `out/main/server.js`) on a free
 * loopback port for a deck folder, and stops it after the test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base } from '@playwright/test'

// The package is ESM ("type": "module"), so there is no __dirname here.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const outDir = resolve(repoRoot, process.env.DEMODECK_OUT ?? 'out')

export interface DeckServer {
  url: string
  deck: string
  output: () => string
  stop: () => Promise<void>
}

/** Starts `node out/main/server.js --deck <dir> --port 0` and waits for its ready line. */
export async function startServer(deck: string, env: Record<string, string> = {}): Promise<DeckServer> {
  const child: ChildProcess = spawn(process.execPath, [join(outDir, 'main', 'server.js'), '--deck', deck, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1]!)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    deck,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
}

/** Copies a deck folder (default: the bundled example deck) to a temp dir a test may edit. */
export function copyDeck(source = repoRoot): string {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-deck-'))
  // The example deck's project files (::checklist, ::code, ::tree) come along, so its slides read as in the repository.
  for (const part of ['slides', 'models', 'runs', 'docs/course-checklist.md', 'training/train_tweets.py']) {
    try {
      cpSync(join(source, part), join(dir, part), { recursive: true })
    } catch {
      // the deck may not have every folder
    }
  }
  return dir
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A test with a server on the bundled example deck (read-only use). */
export const test = base.extend<{ server: DeckServer }>({
  server: async ({}, use) => {
    const server = await startServer(repoRoot)
    await use(server)
    await server.stop()
  }
})
export { expect } from '@playwright/test'
