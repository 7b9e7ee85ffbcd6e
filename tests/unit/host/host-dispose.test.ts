/**
 * A host closed while its background work is still running (File ▸ Open another deck): it pushes nothing more
 * to the windows — they show the next deck now — and its run index stays down instead of starting a fresh
 * worker thread on a late call. Real model folders and worker processes.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { openHost, tempDeck } from '../../fixtures/host'
import type { Deck, ModelInfo } from '../../../src/shared/types'

const deck = tempDeck('demodeck-host-dispose-', '# Demo\n\n::demo{model="no-such-model"}\n', { wine: 'wine' })
const deckRoot = deck.root
afterAll(() => deck.cleanup())

const settle = (): Promise<void> => new Promise((done) => setImmediate(done))

describe('a disposed host', { timeout: 60_000 }, () => {
  it('pushes the problems it found while open', async () => {
    const pushed: Deck[] = []
    const { host } = openHost(deckRoot, { emit: (event, payload) => event === 'deck:changed' && pushed.push(payload as Deck) })
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
    const { host } = openHost(deckRoot, { emit: (event) => events.push(event) })
    host.dispose()
    // The problems check waits on the same model listing as this call; once it settles, so has the check.
    expect(((await host.dispatch('models:list', {})) as ModelInfo[]).map((m) => m.id)).toEqual(['wine'])
    await settle()
    expect(events).toEqual([])
  })

  it('keeps its run index down: a late runs call fails instead of starting a new worker thread', async () => {
    const { host } = openHost(deckRoot)
    await host.dispatch('runs:list', {})
    host.dispose()
    await expect(host.dispatch('runs:list', {})).rejects.toThrow(/the runs index was shut down/)
  })
})
