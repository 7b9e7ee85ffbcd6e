/**
 * The endpoint health dot of a page whose event stream connects late: real Chromium, the real browser-mode
 * server and a real FastAPI app on loopback (skipped, saying why, where Debian's python3 lacks FastAPI).
 * The page's `/api/events` request is held while the endpoint's health changes on the host (the service stops,
 * a wake ping finds it down, the host pushes that once); when the stream then connects, the dot shows the
 * current health at once instead of staying green until the next keep-warm ping
 * (see [Note: a page that connects late still gets the current state] in src/server/event-stream.ts).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from '@playwright/test'
import { copyDeck, removeDir, startServer, type DeckServer } from './fixtures'
import { fastApiMissing, startFastApi, type Running } from '../fixtures/endpoint/servers'
import { setEndpoint } from '../fixtures/endpoint/deck'
import type { EndpointHealth, ModelInfo } from '../../src/shared/types'

const missing = fastApiMissing()

test.describe(`a page whose event stream connects late${missing ? ` (skipped: ${missing})` : ''}`, () => {
  test.skip(missing !== null, missing ?? '')
  let api: Running
  let server: DeckServer
  let deck = ''

  test.beforeAll(async () => {
    api = await startFastApi()
    deck = copyDeck()
    setEndpoint(deck, 'disaster-tweets/demodeck.json', { url: `${api.url}/inference`, timeoutMs: 1500 })
    // One demo slide: once its model's warm-up has pushed its parity, nothing else changes the page's model list
    // (a pushed model list makes the demo predict again, which would refresh the health by another way).
    writeFileSync(join(deck, 'slides', 'deck.md'), '# Tweets\n\n::demo{model="disaster-tweets"}\n')
    server = await startServer(deck)
  })
  test.afterAll(async () => {
    await server?.stop()
    await api?.stop()
    if (deck) removeDir(deck)
  })

  /** The host's own view of the tweets model's endpoint. */
  const hostState = async (): Promise<EndpointHealth['state'] | undefined> => {
    const list = (await (await fetch(new URL('api/endpoints', server.url))).json()) as EndpointHealth[]
    return list.find((h) => h.model === 'disaster-tweets')?.state
  }

  /** Listens to the host's pushes from here (a stream of our own), keeping the text read so far. */
  async function listen(): Promise<{ text: () => string; stop: () => void }> {
    const controller = new AbortController()
    const response = await fetch(new URL('api/events', server.url), { signal: controller.signal })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += decoder.decode(value, { stream: true })
      }
    })().catch(() => undefined)
    return { text: () => text, stop: () => controller.abort() }
  }

  test('shows the health the host found while the stream was not connected yet', async ({ page }) => {
    // The warm-up of the opened deck: the ping finds the service up, the model passes its parity check.
    await expect.poll(hostState, { timeout: 30_000 }).toBe('up')
    const parity = async (): Promise<boolean | undefined> => {
      const models = (await (await fetch(new URL('api/models', server.url))).json()) as ModelInfo[]
      return models.find((m) => m.id === 'disaster-tweets')?.parity?.ok
    }
    await expect.poll(parity, { timeout: 60_000 }).toBe(true)

    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/events', async (route) => {
      await released
      await route.continue()
    })
    await page.goto(new URL('demo/disaster-tweets', server.url).href)
    const dot = page.getByTestId('demo').getByTestId('endpoint-status')
    await expect(dot).toHaveAttribute('data-state', 'up')

    // The service goes away; a wake ping finds it down and the host pushes that while the page's stream waits.
    const pushes = await listen()
    await api.stop()
    await page.evaluate(async () => {
      const response = await fetch('/api/endpoints/wake', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      if (!response.ok) throw new Error(`wake answered ${response.status}`)
    })
    await expect.poll(hostState).toBe('down')
    await expect.poll(() => /event: endpoint:changed\ndata: .*"state":"down"/.test(pushes.text())).toBe(true)
    pushes.stop()
    await expect(dot).toHaveAttribute('data-state', 'up')

    // The stream connects: the dot shows what the host knows.
    release()
    await expect(dot).toHaveAttribute('data-state', 'down')
  })
})
