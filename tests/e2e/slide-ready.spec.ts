/**
 * Chart and demo slides ready before they are shown (#10 item 7), in real Chromium against a real
 * browser-mode server: while the deck idles on the slide before a chart, the chart loads and draws in the
 * hidden next slide, so → shows its lines in the first frame and "The chart loads when this slide is shown"
 * never appears; the demo is mounted the same way but predicts only once its slide is current.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { PredictionLogPage } from '../../src/shared/probe-types'
import { copyDeck, expect, removeDir, repoRoot, startServer, test, type DeckServer } from './fixtures'

const DECK = `---
title: Ready before shown
---
# Title

---

# Before the chart

Text.

---

# The curves

::chart{runs="sweep-tweets" metrics="val/acc,val/f1" x="epoch" smoothing="0"}

---

# Before the demo

Text.

---

# The demo

::demo{model="disaster-tweets" example="0"}
`

const CHART_SLIDE = 2
const DEMO_SLIDE = 4
/** Text any live component shows while it is not ready. */
const NOT_READY = /loads when this slide is shown|Loading runs|Loading history|Loading chart|Loading demo|Loading…/

async function post(server: DeckServer, path: string, body: unknown): Promise<void> {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  expect(response.ok).toBe(true)
}

/** Opens the deck on slide `index` (moved there by the host, as the presenter would). */
async function openAt(page: Page, server: DeckServer, index: number): Promise<void> {
  await post(server, 'api/sync', { origin: 'e2e-ready', slide: index, fragment: -1 })
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await expect(page.locator('.reveal .slides > section').nth(index)).toHaveClass(/present/)
}

/**
 * Watches slide `index` from now on: every text that would mean "not ready yet", and what the slide held
 * at the moment reveal.js made it the present one (a MutationObserver runs before the next paint).
 */
async function watchSlide(page: Page, index: number, selector: string): Promise<void> {
  await page.evaluate(
    ({ index, selector, notReady }) => {
      const w = window as unknown as { __notReady: string[]; __atPresent: number | null }
      const section = document.querySelectorAll('.reveal .slides > section')[index]!
      const pattern = new RegExp(notReady)
      w.__notReady = []
      w.__atPresent = null
      const check = (): void => {
        const text = section.textContent ?? ''
        const match = pattern.exec(text)
        if (match) w.__notReady.push(match[0])
        if (w.__atPresent === null && section.classList.contains('present')) w.__atPresent = section.querySelectorAll(selector).length
      }
      check()
      new MutationObserver(check).observe(section, { subtree: true, childList: true, characterData: true, attributes: true })
    },
    { index, selector, notReady: NOT_READY.source }
  )
}

const seen = (page: Page): Promise<{ notReady: string[]; atPresent: number | null }> =>
  page.evaluate(() => {
    const w = window as unknown as { __notReady: string[]; __atPresent: number | null }
    return { notReady: w.__notReady, atPresent: w.__atPresent }
  })

test.describe('slides ready before they are shown', () => {
  test.skip(!existsSync(join(repoRoot, 'models', 'disaster-tweets', 'model.onnx')), 'models/disaster-tweets has no model.onnx yet')
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

  test('→ onto a chart slide shows its lines in the first frame, never "loads when shown"', async ({ page }) => {
    await openAt(page, server, CHART_SLIDE - 1)
    const chartSlide = page.locator('.reveal .slides > section').nth(CHART_SLIDE)
    // Idling on the slide before: the hidden next slide loads and draws its chart.
    await expect(chartSlide.locator('path.recharts-line-curve').first()).toBeAttached()
    await watchSlide(page, CHART_SLIDE, 'path.recharts-line-curve')
    await page.keyboard.press('ArrowRight')
    await expect(chartSlide).toHaveClass(/present/)
    await expect.poll(async () => (await seen(page)).atPresent).not.toBeNull()
    const { notReady, atPresent } = await seen(page)
    expect(atPresent, 'line paths in the chart when its slide became the present one').toBeGreaterThanOrEqual(2)
    expect(notReady).toEqual([])
    await expect(chartSlide.getByText(NOT_READY)).toHaveCount(0)
  })

  test('a slide two away is not prepared: only the neighbours load', async ({ page }) => {
    await openAt(page, server, 0)
    // Slide 1 is near (a text slide); the chart on slide 2 waits, so a long deck never loads everything at once.
    await expect(page.locator('.reveal .slides > section').nth(CHART_SLIDE)).toContainText('The chart loads when this slide is shown')
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('.reveal .slides > section').nth(CHART_SLIDE).locator('path.recharts-line-curve').first()).toBeAttached()
  })

  test('→ onto a demo slide shows the demo at once, and only the current slide predicts', async ({ page }) => {
    // The parity check done first: its end reloads the model list, which would make the demo run its input again.
    await post(server, 'api/models/disaster-tweets/parity', {})
    // Cleared before the page opens: a demo that predicted while hidden would be counted.
    await post(server, 'api/predictions/clear', {})
    await openAt(page, server, DEMO_SLIDE - 1)
    const demoSlide = page.locator('.reveal .slides > section').nth(DEMO_SLIDE)
    // Mounted in the hidden next slide, with its example in the box, but not run.
    await expect(demoSlide.getByLabel('Text to classify')).not.toHaveValue('')
    await watchSlide(page, DEMO_SLIDE, 'textarea')
    await page.keyboard.press('ArrowRight')
    await expect(demoSlide).toHaveClass(/present/)
    await expect.poll(async () => (await seen(page)).atPresent).not.toBeNull()
    const { notReady, atPresent } = await seen(page)
    expect(atPresent, 'demo text boxes when the slide became the present one').toBe(1)
    expect(notReady).toEqual([])
    // Now current, it predicts its example once: one answer on screen, one prediction on the host, none while hidden.
    await expect(demoSlide.getByTestId('prediction-row')).toHaveCount(2)
    await expect(demoSlide.getByTestId('latency')).toContainText('n=1')
    const log = (await (await fetch(new URL('api/predictions', server.url))).json()) as PredictionLogPage
    expect(log.total).toBe(1)
  })
})
