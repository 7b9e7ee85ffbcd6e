/**
 * Every model a deck uses is warmed up and resolved when it opens, not only `::demo`'s: the A/B pair of
 * `::demo{compare=…}` gets its worker, session and parity check like the demo's own model, and a deck that names
 * a model only in `::drift` gets that model warmed and, when it does not exist, an unknown-model problem at load
 * (not first when the slide is shown). Real model folders, real worker processes.
 */
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Host } from '../../../src/host/create-host'
import { openHost, tempDeck, type TempDeck } from '../../fixtures/host'
import type { Deck, ModelInfo } from '../../../src/shared/types'

const decks: TempDeck[] = []
const hosts: Host[] = []
afterAll(() => {
  for (const host of hosts) host.dispose()
  for (const deck of decks) deck.cleanup()
})

/** A deck folder with copies of the example's wine model under the given ids, and these slides. */
function deckWith(modelIds: string[], slides: string): string {
  const deck = tempDeck('demodeck-host-models-', slides, Object.fromEntries(modelIds.map((id) => [id, 'wine'])))
  decks.push(deck)
  return deck.root
}

/** A host that warms up at once and records what it pushes: the latest model list and deck, and worker launches. */
function open(deckRoot: string): { host: Host; models: () => ModelInfo[]; deck: () => Deck | null; spawned: () => number } {
  let models: ModelInfo[] = []
  let deck: Deck | null = null
  const { host, spawned } = openHost(deckRoot, {
    emit: (event, payload) => {
      if (event === 'models:changed') models = payload as ModelInfo[]
      if (event === 'deck:changed') deck = payload as Deck
    }
  })
  hosts.push(host)
  return { host, models: () => models, deck: () => deck, spawned }
}

const checked = (models: ModelInfo[]): string[] =>
  models
    .filter((m) => m.parity?.ok)
    .map((m) => m.id)
    .sort()

describe('models a deck uses, warmed and resolved when it opens', { timeout: 150_000 }, () => {
  it('warms the A/B pair of ::demo{compare=…} too: both models loaded and parity-checked before the slide is shown', async () => {
    const opened = open(deckWith(['wine', 'wine-b', 'unused'], '# A/B\n\n::demo{model="wine" compare="wine-b"}\n'))
    await vi.waitFor(() => expect(checked(opened.models())).toEqual(['wine', 'wine-b']), { timeout: 120_000, interval: 50 })
    // One worker per model, and none for the folder no slide uses.
    expect(opened.spawned()).toBe(2)
    expect(checked((await opened.host.dispatch('models:list', {})) as ModelInfo[])).toEqual(['wine', 'wine-b'])
  })

  it('warms a model used only by ::drift and reports a ::drift model that does not exist as a deck problem', async () => {
    const slides =
      '# Drift\n\n::drift{model="wine" reference="models/wine/sets/reference.csv" current="models/wine/sets/shifted.csv"}\n\n---\n\n' +
      '# Typo\n\n::drift{model="wnie" reference="models/wine/sets/reference.csv" current="models/wine/sets/shifted.csv"}\n'
    const opened = open(deckWith(['wine'], slides))
    await vi.waitFor(() => expect(opened.deck()).not.toBeNull(), { timeout: 120_000, interval: 50 })
    const problem = opened.deck()!.warnings.find((w) => w.code === 'directive/unknown-model')
    expect(problem).toMatchObject({ slide: 1, file: 'slides/deck.md' })
    expect(problem!.message).toContain('::drift{model="wnie"} names no model in models/ (the deck has wine)')
    expect(((await opened.host.dispatch('deck:get', {})) as Deck).warnings).toContainEqual(problem)
    await vi.waitFor(() => expect(checked(opened.models())).toEqual(['wine']), { timeout: 120_000, interval: 50 })
    expect(opened.spawned()).toBe(1)
  })
})
