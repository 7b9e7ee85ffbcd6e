/**
 * Hot reload through the real host and chokidar on a temp deck: changes at any
 * depth under slides/ and models/ reload, and an inserted slide keeps the talk
 * on the slide it was on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventName, Events } from '../../../../src/shared/api'
import { createHost, type Host } from '../../../../src/host/create-host'
import { areaOf } from '../../../../src/host/deck/watch-deck'

const hosts: Host[] = []
const dirs: string[] = []
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function write(root: string, rel: string, text: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true })
  writeFileSync(join(root, rel), text)
}

/** A host on a temp deck that records pushed events (no worker is ever started: no demo slides). */
async function start(files: Record<string, string>): Promise<{ root: string; host: Host; events: Array<{ event: EventName; payload: unknown }> }> {
  const root = mkdtempSync(join(tmpdir(), 'dd-watch-'))
  dirs.push(root)
  for (const [rel, text] of Object.entries(files)) write(root, rel, text)
  const events: Array<{ event: EventName; payload: unknown }> = []
  const host = createHost({
    deckRoot: root,
    spawnWorker: () => {
      throw new Error('no worker in this test')
    },
    emit: <E extends EventName>(event: E, payload: Events[E]) => void events.push({ event, payload })
  })
  hosts.push(host)
  await host.watching
  return { root, host, events }
}
const last = <E extends EventName>(events: Array<{ event: EventName; payload: unknown }>, name: E): Events[E] | undefined =>
  events.filter((e) => e.event === name).at(-1)?.payload as Events[E] | undefined
const wait = { timeout: 20_000, interval: 25 }

describe('deck watching', () => {
  it('sorts paths into areas; runs of a model count as runs', () => {
    expect(areaOf('/d', '/d/slides/img/a.png')).toBe('slides')
    expect(areaOf('/d', '/d/models/wine/model.json')).toBe('models')
    expect(areaOf('/d', '/d/models/wine/runs/a/history.jsonl')).toBe('runs')
    expect(areaOf('/d', '/d/node_modules/x.js')).toBeNull()
  })

  it('a change in a nested folder under models/ reloads the models', async () => {
    const manifest = (name: string): string =>
      JSON.stringify({
        name,
        task: 'tabular-classification',
        model: 'model.onnx',
        labels: ['a'],
        tabular: { features: [{ name: 'x', type: 'number' }] }
      })
    const { root, events } = await start({ 'slides/deck.md': '# One\n', 'models/wine/model.json': manifest('Old wine') })
    write(root, 'models/wine/model.json', manifest('New wine'))
    await vi.waitFor(() => expect(last(events, 'models:changed')?.find((m) => m.id === 'wine')?.name).toBe('New wine'), wait)
  })

  it('a change in a nested folder under slides/ reloads the deck', async () => {
    const { root, host, events } = await start({ 'slides/deck.md': '# One\n\n![chart](img/chart.png)\n' })
    const before = host.deck().revision
    write(root, 'slides/img/chart.png', 'not really a png')
    await vi.waitFor(() => expect(last(events, 'deck:changed')?.revision).toBeGreaterThan(before), wait)
  })

  it('a slides/ folder created after start is watched', async () => {
    const { root, events } = await start({})
    write(root, 'slides/deck.md', '# Late\n')
    await vi.waitFor(() => expect(last(events, 'deck:changed')?.slides.map((s) => s.title)).toEqual(['Late']), wait)
  })

  it('inserting a slide above the current one keeps the talk on the same slide', async () => {
    const { root, host, events } = await start({ 'slides/deck.md': '# Problem\n\n---\n\n# Model\n\n---\n\n# Data\n' })
    await host.dispatch('sync:update', { origin: 'test', slide: 2 })
    write(root, 'slides/deck.md', '# Problem\n\n---\n\n# Inserted\n\n---\n\n# Model\n\n---\n\n# Data\n')
    await vi.waitFor(() => expect(last(events, 'deck:changed')?.slides).toHaveLength(4), wait)
    const state = (await host.dispatch('sync:get', {})) as Events['sync:changed']
    expect(host.deck().slides[state.slide]!.title).toBe('Data')
    expect(last(events, 'sync:changed')?.slide).toBe(3)
  })
})
