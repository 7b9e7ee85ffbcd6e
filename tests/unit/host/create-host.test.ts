/**
 * When a host for a freshly opened deck warms its demo's model up (see [Note: background work after the
 * first paint] in src/host/background-start.ts): not while the first window is still drawing slide 1, but
 * once a window says `deck:shown` (or after the fallback wait); the warm-up then really happens (worker,
 * session, parity check, pushed as `models:changed`) and the first prediction works. Real worker processes.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Host, HostOptions } from '../../../src/host/create-host'
import { openHost, tempDeck } from '../../fixtures/host'
import type { ModelInfo, Prediction } from '../../../src/shared/types'

const deck = tempDeck('demodeck-host-start-', '# Wine\n\nA title slide.\n\n---\n\n# Demo\n\n::demo{model="wine"}\n', { wine: 'wine' })
const deckRoot = deck.root

const hosts: Host[] = []
afterAll(() => {
  for (const host of hosts) host.dispose()
  deck.cleanup()
})

/** A host on the deck that counts worker launches and resolves `warmed` on the `models:changed` carrying wine's parity. */
function open(options: Partial<HostOptions>): { host: Host; spawned: () => number; warmed: Promise<ModelInfo> } {
  let resolveWarmed: (model: ModelInfo) => void = () => undefined
  const warmed = new Promise<ModelInfo>((resolve) => (resolveWarmed = resolve))
  const { host, spawned } = openHost(deckRoot, {
    emit: (event, payload) => {
      if (event !== 'models:changed') return
      const wine = (payload as ModelInfo[]).find((m) => m.id === 'wine')
      if (wine?.parity) resolveWarmed(wine)
    },
    ...options
  })
  hosts.push(host)
  return { host, spawned, warmed }
}

/** The model's first example input, as the demo offers it. */
async function example(host: Host): Promise<{ features: Record<string, number | string | null> }> {
  const wine = ((await host.dispatch('models:list', {})) as ModelInfo[]).find((m) => m.id === 'wine')!
  const first = wine.examples[0] as { features?: Record<string, number | string | null> }
  return { features: first.features! }
}

describe('model warm-up of a freshly opened deck', { timeout: 120_000 }, () => {
  it('waits for a window to paint the deck, then warms the model and the first prediction works', async () => {
    const { host, spawned, warmed } = open({ backgroundWhenShown: true, shownFallbackMs: 60_000 })
    // Serving the deck (what slide 1 needs) starts no worker.
    expect(((await host.dispatch('deck:get', {})) as { slides: unknown[] }).slides).toHaveLength(2)
    await host.dispatch('sync:get', {})
    expect(spawned()).toBe(0)

    expect(await host.dispatch('deck:shown', {})).toEqual({ started: true })
    expect(await host.dispatch('deck:shown', {})).toEqual({ started: false })
    const wine = await warmed
    expect(wine.parity?.ok).toBe(true)
    expect(spawned()).toBe(1)

    const prediction = (await host.dispatch('models:predict', { id: 'wine', input: await example(host) })) as Prediction
    expect(prediction.predictions.map((p) => p.label).sort()).toEqual(['Barbera', 'Barolo', 'Grignolino'])
    expect(spawned()).toBe(1)
  })

  it('warms up anyway when no window says it has painted the deck', async () => {
    const { host, warmed } = open({ backgroundWhenShown: true, shownFallbackMs: 200 })
    expect((await warmed).parity?.ok).toBe(true)
    expect(await host.dispatch('deck:shown', {})).toEqual({ started: false })
  })

  it('answers a prediction asked before any warm-up (the model loads on that call)', async () => {
    const { host } = open({ backgroundWhenShown: true, shownFallbackMs: 60_000 })
    const prediction = (await host.dispatch('models:predict', { id: 'wine', input: await example(host) })) as Prediction
    expect(prediction.predictions).toHaveLength(3)
  })

  it('warms up at once for hosts that do not wait for a window (CLIs, tests)', async () => {
    const { host, warmed } = open({})
    expect((await warmed).parity?.ok).toBe(true)
    expect(await host.dispatch('deck:shown', {})).toEqual({ started: false })
  })
})
