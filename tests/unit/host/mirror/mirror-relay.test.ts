import { describe, expect, it } from 'vitest'
import { createHost } from '../../../../src/host/create-host'
import { MirrorRelay } from '../../../../src/host/mirror/mirror-relay'
import type { MirroredState, MirrorState } from '../../../../src/shared/mirror'
import { MIRROR_LIMITS } from '../../../../src/shared/mirror'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const state = (over: Partial<MirrorState> = {}): MirrorState => ({
  slide: 5,
  component: 'demo:disaster-tweets',
  input: { kind: 'text', text: 'Forest fire near the highway' },
  predictions: [
    { label: 'disaster', score: 0.9 },
    { label: 'not a disaster', score: 0.1 }
  ],
  top: 5,
  error: null,
  seq: 1,
  ...over
})

describe('MirrorRelay', () => {
  it('relays each new state to every window and keeps the newest per component', () => {
    const sent: MirroredState[] = []
    const relay = new MirrorRelay(
      (_, payload) => sent.push(payload),
      64,
      () => 1000
    )
    relay.publish(state())
    relay.publish(state({ seq: 2, input: { kind: 'text', text: 'Sunny day' } }))
    relay.publish(state({ component: 'demo:digits', seq: 1 }))
    expect(sent.map((s) => s.seq)).toEqual([1, 2, 1])
    expect(sent[0]!.at).toBe(1000)
    const kept = relay.list()
    expect(kept).toHaveLength(2)
    expect(kept.find((s) => s.component === 'demo:disaster-tweets')!.input).toEqual({ kind: 'text', text: 'Sunny day' })
  })

  it('never lets a late, older state replace a newer one', () => {
    const sent: MirroredState[] = []
    const relay = new MirrorRelay((_, payload) => sent.push(payload))
    relay.publish(state({ seq: 10 }))
    const answer = relay.publish(state({ seq: 9, input: { kind: 'text', text: 'old' } }))
    expect(answer.seq).toBe(10)
    expect(sent).toHaveLength(1)
  })

  it('keeps at most `limit` states, dropping the least recently published', () => {
    const relay = new MirrorRelay(() => undefined, 3)
    for (let slide = 0; slide < 5; slide++) relay.publish(state({ slide }))
    relay.publish(state({ slide: 2, seq: 2 }))
    expect(relay.list().map((s) => s.slide)).toEqual([3, 4, 2])
  })
})

describe('mirror channels through the host', () => {
  const deckRoot = mkdtempSync(join(tmpdir(), 'demodeck-mirror-'))
  mkdirSync(join(deckRoot, 'slides'))
  writeFileSync(join(deckRoot, 'slides', 'deck.md'), '# One\n\n::demo{model="none"}\n')
  const events: Array<[string, unknown]> = []
  const host = createHost({
    deckRoot,
    watch: false,
    wakeEndpoints: false,
    spawnWorker: () => {
      throw new Error('no worker in this test')
    },
    emit: (event, payload) => events.push([event, payload])
  })

  it('validates, stores and relays a published state; mirror:get returns it', async () => {
    const stored = (await host.dispatch('mirror:publish', state())) as MirroredState
    expect(stored.component).toBe('demo:disaster-tweets')
    expect(events.filter(([e]) => e === 'mirror:changed')).toHaveLength(1)
    expect(await host.dispatch('mirror:get', {})).toEqual([stored])
  })

  it('refuses unbounded or malformed states with a reason', async () => {
    await expect(host.dispatch('mirror:publish', state({ input: { kind: 'text', text: 'x'.repeat(MIRROR_LIMITS.text + 1) } }))).rejects.toThrow(
      /input\.text/
    )
    await expect(host.dispatch('mirror:publish', state({ input: { kind: 'image', thumbnail: 'https://example.com/cat.png' } }))).rejects.toThrow(
      /thumbnail is a base64 PNG, JPEG or WebP data URL/
    )
    await expect(
      host.dispatch('mirror:publish', state({ predictions: Array.from({ length: 21 }, (_, i) => ({ label: `l${i}`, score: 0 })) }))
    ).rejects.toThrow(/predictions/)
    await expect(host.dispatch('mirror:publish', { ...state(), extra: 1 })).rejects.toThrow(/Invalid request for mirror:publish/)
  })

  it('cleans up', () => {
    host.dispose()
    rmSync(deckRoot, { recursive: true, force: true })
  })
})
