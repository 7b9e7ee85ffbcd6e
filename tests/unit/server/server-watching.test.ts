/**
 * Browser mode says "ready" only once the deck is watched: a slide saved the
 * moment the server is ready reaches the windows (hot reload from the start).
 */
import { afterEach, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHost } from '../../../src/host/create-host'
import { startBrowserServer, type BrowserServer } from '../../../src/server/http-server'
import type { Deck } from '../../../src/shared/types'

let server: BrowserServer | undefined
let dir = ''
afterEach(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('a slide saved as soon as the server is watching is reloaded and pushed to the windows', async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-watching-'))
  mkdirSync(join(dir, 'slides'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(join(dir, 'slides', 'deck.md'), '---\ntitle: Watched\n---\n# One\n---\n# Two\n')
  const changed: Deck[] = []
  let seen: () => void = () => undefined
  const reloaded = new Promise<void>((resolve) => (seen = resolve))
  server = await startBrowserServer({
    rendererDir: join(dir, 'renderer'),
    port: 0,
    createHost: (emit) =>
      createHost({
        deckRoot: dir,
        spawnWorker: () => {
          throw new Error('no worker in this test')
        },
        emit: (event, payload) => {
          emit(event, payload)
          if (event === 'deck:changed') {
            changed.push(payload as Deck)
            seen()
          }
        }
      })
  })
  await server.watching
  writeFileSync(join(dir, 'slides', 'deck.md'), '---\ntitle: Watched\n---\n# One, edited\n---\n# Two\n')
  await reloaded
  expect(changed.at(-1)!.slides.map((s) => s.title)).toEqual(['One, edited', 'Two'])
})
