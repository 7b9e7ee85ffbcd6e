/**
 * A host closed while its background work is still running (File ▸ Open another deck): it pushes nothing more
 * to the windows — they show the next deck now — and its run index stays down instead of starting a fresh
 * worker thread on a late call. Real model folders and worker processes.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHost } from '../../../src/host/create-host'
import { forkSourceWorker } from '../../../src/host/models/node-worker'
import type { Deck, ModelInfo } from '../../../src/shared/types'

const repoRoot = resolve(__dirname, '../../..')
const deckRoot = mkdtempSync(join(tmpdir(), 'demodeck-host-dispose-'))
mkdirSync(join(deckRoot, 'slides'))
mkdirSync(join(deckRoot, 'models'))
cpSync(join(repoRoot, 'models/wine'), join(deckRoot, 'models/wine'), { recursive: true })
writeFileSync(join(deckRoot, 'slides/deck.md'), '# Demo\n\n::demo{model="no-such-model"}\n')
afterAll(() => rmSync(deckRoot, { recursive: true, force: true }))

const settle = (): Promise<void> => new Promise((done) => setImmediate(done))

describe('a disposed host', { timeout: 60_000 }, () => {
  it('pushes the problems it found while open', async () => {
    const pushed: Deck[] = []
    const host = createHost({
      deckRoot,
      watch: false,
      wakeEndpoints: false,
      spawnWorker: () => forkSourceWorker(),
      emit: (event, payload) => event === 'deck:changed' && pushed.push(payload as Deck)
    })
    try {
      await host.dispatch('models:list', {})
      await settle()
      expect(
        pushed
          .at(-1)
          ?.warnings.map((w) => w.message)
          .join(' ')
      ).toMatch(/no-such-model/)
    } finally {
      host.dispose()
    }
  })

  it('pushes nothing after dispose(), not even the problems check it had started', async () => {
    const events: string[] = []
    const host = createHost({
      deckRoot,
      watch: false,
      wakeEndpoints: false,
      spawnWorker: () => forkSourceWorker(),
      emit: (event) => events.push(event)
    })
    host.dispose()
    // The problems check waits on the same model listing as this call; once it settles, so has the check.
    expect(((await host.dispatch('models:list', {})) as ModelInfo[]).map((m) => m.id)).toEqual(['wine'])
    await settle()
    expect(events).toEqual([])
  })

  it('keeps its run index down: a late runs call fails instead of starting a new worker thread', async () => {
    const host = createHost({ deckRoot, watch: false, wakeEndpoints: false, spawnWorker: () => forkSourceWorker(), emit: () => undefined })
    await host.dispatch('runs:list', {})
    host.dispose()
    await expect(host.dispatch('runs:list', {})).rejects.toThrow(/the runs index was shut down/)
  })
})
