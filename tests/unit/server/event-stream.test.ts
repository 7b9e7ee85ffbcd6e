/**
 * A page whose event stream connects after the host pushed a state (the endpoints' health after the warm-up
 * ping, the models after their parity checks) still gets that state: the real browser-mode server replays the
 * latest frame of each state event to every stream that opens, and nothing else. Real loopback server and host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserServer } from '../../../src/server/http-server'
import { noWorker, startDeckServer, tempDeck } from '../../fixtures/host'
import type { EndpointHealth, SyncState } from '../../../src/shared/types'

let server: BrowserServer
const deck = tempDeck('dd-events-', '# One\n')

beforeAll(async () => {
  server = await startDeckServer(deck.root, { ...noWorker, wakeEndpoints: false })
})
afterAll(async () => {
  await server.close()
  deck.cleanup()
})

function health(state: EndpointHealth['state'], message: string): EndpointHealth {
  return {
    model: 'wine',
    url: 'https://wine-abc.a.run.app/predict',
    host: 'wine-abc.a.run.app',
    kind: 'openapi',
    state,
    message,
    lastLatencyMs: state === 'up' ? 4200 : null,
    lastAt: null,
    coldStartMs: null,
    timeoutMs: 10_000,
    auth: null,
    plan: null,
    record: [],
    failures: []
  }
}

/** Opens /api/events, lets `afterOpen` push, and returns the events read up to the first `project:changed` (the marker). */
async function eventsUntilMarker(afterOpen: () => void): Promise<Array<{ event: string; data: unknown }>> {
  const controller = new AbortController()
  const response = await fetch(new URL('/api/events', server.url), { signal: controller.signal })
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let opened = false
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`the stream ended early:\n${text}`)
      text += decoder.decode(value, { stream: true })
      if (!opened && text.includes(': demodeck events\n\n')) {
        opened = true
        afterOpen()
      }
      if (text.includes('event: project:changed\n')) break
    }
  } finally {
    controller.abort()
  }
  const frames = text.split('\n\n').filter((frame) => frame.startsWith('event: '))
  return frames.map((frame) => {
    const [head, data] = frame.split('\n')
    return { event: head!.slice('event: '.length), data: JSON.parse(data!.slice('data: '.length)) as unknown }
  })
}

describe('browser-mode event stream', () => {
  it('sends a page that connects late the latest state of each state event, then the live pushes', async () => {
    // Pushed while no page listens: the warm-up ping's result (twice: waking, then up) and a change notice.
    server.emit('endpoint:changed', [health('waking', 'Waking the endpoint…')])
    server.emit('endpoint:changed', [health('up', 'Answered in 4.2 s (cold start).')])
    server.emit('project:changed', { files: ['src/train.py'] })

    const events = await eventsUntilMarker(() => server.emit('project:changed', { files: ['README.md'] }))
    expect(events).toEqual([
      { event: 'endpoint:changed', data: [health('up', 'Answered in 4.2 s (cold start).')] },
      { event: 'project:changed', data: { files: ['README.md'] } }
    ])
  })

  it('replays the latest state again on every new connection (a page that reconnects)', async () => {
    server.emit('endpoint:changed', [health('down', 'wine-abc.a.run.app refused the connection.')])
    const first = await eventsUntilMarker(() => server.emit('project:changed', { files: [] }))
    const second = await eventsUntilMarker(() => server.emit('project:changed', { files: [] }))
    for (const events of [first, second]) {
      expect(events.filter((e) => e.event === 'endpoint:changed')).toEqual([
        { event: 'endpoint:changed', data: [health('down', 'wine-abc.a.run.app refused the connection.')] }
      ])
    }
  })

  it('gives a window that connects after another one moved the talk the host’s sync state, not the one it read earlier', async () => {
    // The late window read the state once (sync:get, over HTTP)...
    const before = (await (await fetch(new URL('/api/sync', server.url))).json()) as SyncState
    // ...then another window changed it before this window's stream was open.
    const moved = await fetch(new URL('/api/sync', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ origin: 'audience-window', blackout: !before.blackout })
    })
    expect(moved.ok).toBe(true)
    const events = await eventsUntilMarker(() => server.emit('project:changed', { files: [] }))
    const sync = events.filter((e) => e.event === 'sync:changed').map((e) => e.data as SyncState)
    expect(sync).toHaveLength(1)
    expect(sync[0]).toMatchObject({ origin: 'audience-window', blackout: !before.blackout, version: before.version + 1 })
  })
})
