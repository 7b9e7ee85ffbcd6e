/**
 * The presenter mirrors the audience's live components (#10 item 6) for every kind of input, in real
 * Chromium against a real browser-mode server: an image demo (a thumbnail of the image the audience sees),
 * a tabular demo (the form's values) and a drift report (its verdict), each beside the same bars or line as
 * on the audience screen, while the host runs each model once. The text demo is in demo.spec.ts.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { PredictionLogPage } from '../../src/shared/probe-types'
import type { ModelInfo } from '../../src/shared/types'
import { copyDeck, expect, removeDir, repoRoot, startServer, test, type DeckServer } from './fixtures'

const hasModel = (id: string): boolean => existsSync(join(repoRoot, 'models', id, 'model.onnx'))

const DECK = `---
title: Mirror
---
# Digits

::demo{model="digits" example="0"}

---

# Wine

::demo{model="wine"}

---

# Drift

::drift{model="wine" reference="models/wine/sets/reference.csv" current="models/wine/sets/shifted.csv"}
`

async function post(server: DeckServer, path: string, body: unknown): Promise<void> {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  expect(response.ok).toBe(true)
}

const present = (page: Page) => page.locator('.reveal .slides > section.present')

/** How many answers the audience's demo on slide `index` has shown (its latency line's "n="), at least one. */
async function answered(page: Page, index: number): Promise<number> {
  const text = (await page.locator('.reveal .slides > section').nth(index).getByTestId('latency').textContent()) ?? ''
  const n = Number(/n=(\d+)/.exec(text)?.[1] ?? 0)
  expect(n).toBeGreaterThanOrEqual(1)
  return n
}

test.describe('the presenter mirrors what the audience sees', () => {
  test.skip(!hasModel('digits') || !hasModel('wine'), 'models/digits or models/wine has no model.onnx yet')
  let server: DeckServer
  let dir: string
  test.beforeAll(async () => {
    dir = copyDeck()
    writeFileSync(join(dir, 'slides', 'deck.md'), DECK)
    server = await startServer(dir)
  })
  test.afterAll(async () => {
    await server?.stop()
    if (dir) removeDir(dir)
  })

  test('an image demo, a tabular demo and a drift report, each as the audience sees it', async ({ page, context }) => {
    const models = (await (await fetch(new URL('api/models', server.url))).json()) as ModelInfo[]
    const wine = models.find((m) => m.id === 'wine')!
    // Parity checked first: its end reloads the model list, which makes a demo run its input again.
    for (const id of ['digits', 'wine']) await post(server, `api/models/${id}/parity`, {})
    await post(server, 'api/predictions/clear', {})
    await post(server, 'api/sync', { origin: 'e2e-mirror', slide: 0, fragment: -1 })
    const presenter = await context.newPage()
    await presenter.goto(new URL('presenter', server.url).toString())
    const mirror = presenter.getByTestId('preview-current').getByTestId('demo-mirror')
    await page.goto(server.url)
    await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')

    // The digits demo predicts its first example: the presenter shows a small thumbnail of it and the same bars.
    const audienceTop = present(page).getByTestId('prediction-row').first()
    await expect(audienceTop).toBeVisible()
    const thumbnail = mirror.getByTestId('mirror-thumbnail')
    await expect(thumbnail).toHaveAttribute('src', /^data:image\/jpeg;base64,/)
    expect(((await thumbnail.getAttribute('src')) ?? '').length).toBeLessThan(64_000)
    // The thumbnail is the digit, not a blank square: its pixels are not all one colour.
    const colours = await thumbnail.evaluate(async (img: HTMLImageElement) => {
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      const context = canvas.getContext('2d')!
      context.drawImage(img, 0, 0)
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      const seen = new Set<number>()
      for (let i = 0; i < data.length; i += 4) seen.add(data[i]! >> 5)
      return seen.size
    })
    expect(colours).toBeGreaterThan(1)
    await expect(mirror.getByTestId('prediction-row').first()).toHaveText((await audienceTop.textContent()) ?? '')

    // → the wine demo: its form's values and bars.
    await page.keyboard.press('ArrowRight')
    await expect(present(page).getByRole('heading', { name: 'Wine' })).toBeVisible()
    const wineTop = present(page).getByTestId('prediction-row').first()
    await expect(wineTop).toBeVisible()
    const features = mirror.getByTestId('mirror-features')
    await expect(features).toBeVisible()
    const first = wine.features![0]!
    await expect(features.locator('th').first()).toHaveText(first.name)
    await expect(mirror.getByTestId('prediction-row').first()).toHaveText((await wineTop.textContent()) ?? '')

    // → the drift report: the presenter shows the audience's verdict line.
    await page.keyboard.press('ArrowRight')
    const headline = present(page).getByTestId('drift-headline')
    await expect(headline).toBeVisible({ timeout: 30_000 })
    const verdict = presenter.getByTestId('preview-current').getByTestId('mirror-verdict')
    await expect(verdict).toContainText(((await headline.textContent()) ?? '').split('reference:')[0]!.trim())

    // The presenter ran nothing: the host answered exactly the predictions the audience's demos counted (their "n=").
    const log = (await (await fetch(new URL('api/predictions', server.url))).json()) as PredictionLogPage
    expect(log.entries.filter((e) => e.model === 'digits')).toHaveLength(await answered(page, 0))
    expect(log.entries.filter((e) => e.model === 'wine')).toHaveLength(await answered(page, 1))

    // Making backups (the print view) runs every demo once more: it publishes nothing over the audience's
    // previews and logs none of its predictions (the log is the report's evidence of the talk).
    const mirrored = await (await fetch(new URL('api/mirror', server.url))).json()
    const print = await context.newPage()
    // Calls go over the API's WebSocket (HTTP when it is down): watch both.
    const calls: Array<{ channel: string; payload: Record<string, unknown> }> = []
    print.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { channel?: string; payload?: Record<string, unknown> }
        if (message.channel) calls.push({ channel: message.channel, payload: message.payload ?? {} })
      })
    )
    print.on('request', (request) => {
      const url = new URL(request.url())
      if (request.method() !== 'POST') return
      if (url.pathname === '/api/mirror') calls.push({ channel: 'mirror:publish', payload: {} })
      if (/^\/api\/models\/[^/]+\/predict$/.test(url.pathname))
        calls.push({ channel: 'models:predict', payload: { log: url.searchParams.get('log') === 'false' ? false : undefined } })
    })
    await print.goto(new URL('print', server.url).toString())
    await expect(print.getByTestId('print-slide-0').getByTestId('prediction-row').first()).toBeVisible()
    await expect(print.getByTestId('print-slide-1').getByTestId('prediction-row').first()).toBeVisible()
    await expect(print.getByTestId('print-slide-2').getByTestId('drift-chart').locator('svg path').first()).toBeVisible({ timeout: 30_000 })
    // Two frames: the effects that would publish have run by then.
    await print.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    const predicts = calls.filter((c) => c.channel === 'models:predict')
    expect(predicts.length).toBeGreaterThanOrEqual(2)
    expect(predicts.map((c) => c.payload['log'])).toEqual(predicts.map(() => false))
    expect(calls.filter((c) => c.channel === 'mirror:publish')).toEqual([])
    expect(await (await fetch(new URL('api/mirror', server.url))).json()).toEqual(mirrored)
    const after = (await (await fetch(new URL('api/predictions', server.url))).json()) as PredictionLogPage
    expect(after.total).toBe(log.total)
    await print.close()
    await presenter.close()
  })
})
