/**
 * Starts a real browser-mode server (the built `out/main/server.js`) on a free
 * loopback port for a deck folder, and stops it after the test.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base } from '@playwright/test'
import { startServerProcess } from '../fixtures/server-process'

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
  return { ...(await startServerProcess(join(outDir, 'main', 'server.js'), deck, { env })), deck }
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
