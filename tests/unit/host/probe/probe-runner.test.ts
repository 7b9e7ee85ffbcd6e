/**
 * How the worker runs a sweep: one batch where the model takes any batch size,
 * row by row where its export fixed the batch to 1 (same scores either way),
 * and the float preprocessing path of a model.json without a resample filter.
 */
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProbeResult } from '../../../../src/shared/probe-types'
import { createHost } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { makeDeck, repoRoot } from '../models/deck-helpers'

const deck = makeDeck(['image-gray', 'text-fixed'])
cpSync(join(repoRoot, 'tests/fixtures/probe/image-gray-batch1'), join(deck.models, 'image-gray-batch1'), { recursive: true })
const host = createHost({ deckRoot: deck.root, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false, wakeEndpoints: false })
afterAll(() => {
  host.dispose()
  deck.cleanup()
})
const probe = (payload: object): Promise<ProbeResult> => host.dispatch('probe:run', payload) as Promise<ProbeResult>

describe('probe runner', { timeout: 120_000 }, () => {
  it('darkening a white square flips "light" to "dark"; a batch-1 export runs row by row with the same scores', async () => {
    const request = { input: { image: 'white.png' }, perturbation: 'brightness', strengths: [-0.25, -0.5, -0.75, -1] }
    const batched = await probe({ id: 'image-gray', ...request })
    expect(batched.clean.label).toBe('light')
    expect(batched.flip).toMatchObject({ label: 'dark' })
    expect(batched.flip!.strength).toBeLessThan(0)
    expect(batched.batches).toBe(1)
    const rows = await probe({ id: 'image-gray-batch1', ...request })
    expect(rows.batches).toBe(5)
    expect(rows.points.map((p) => [p.top.label, p.top.score.toFixed(6)])).toEqual(batched.points.map((p) => [p.top.label, p.top.score.toFixed(6)]))
  })

  it('a fixed-length text model pads every perturbed text to its length and runs them as one batch', async () => {
    const result = await probe({ id: 'text-fixed', input: { text: 'the forest is on fire' }, perturbation: 'word-dropout', steps: 5 })
    expect(result.batches).toBe(1)
    expect(result.points).toHaveLength(5)
    expect(result.points.at(-1)!.preview!.split(' ').length).toBeLessThan(5)
  })
})
