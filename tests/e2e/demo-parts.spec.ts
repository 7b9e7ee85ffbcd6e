/**
 * Small parts of the demo and presenter views, in real Chromium against the
 * browser-mode server on a copy of the example deck: the full-screen demo
 * opened with no model, the tab an image demo opens on, and links in the
 * presenter's notes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { copyDeck, removeDir, startServer, type DeckServer } from './fixtures'

let deck: string
let server: DeckServer

test.beforeAll(async () => {
  deck = copyDeck()
  // A link in the first slide's notes.
  const file = join(deck, 'slides', 'deck.md')
  writeFileSync(file, readFileSync(file, 'utf8').replace('\nNote:\n', '\nNote:\nThe report: [github.com/ada/exam](https://github.com/ada/exam).\n'))
  server = await startServer(deck)
})
test.afterAll(async () => {
  await server?.stop()
  removeDir(deck)
})

test('/demo with no model lists the deck models to pick from, and opens the one picked', async ({ page }) => {
  await page.goto(new URL('demo', server.url).href)
  const picker = page.getByRole('region', { name: 'Pick a model to demo' })
  await expect(picker).toBeVisible()
  await expect(page.getByText('needs a model')).toHaveCount(0)
  const models = (await (await page.request.get(new URL('api/models', server.url).href)).json()) as Array<{ id: string; name: string }>
  expect(models.length).toBeGreaterThan(1)
  // A model's button by its exact name ("Disaster tweets" is also the start of "Disaster tweets (int8)").
  const button = (name: string) => picker.getByRole('button').filter({ has: page.locator('strong').getByText(name, { exact: true }) })
  for (const m of models) await expect(button(m.name)).toBeVisible()
  const digits = models.find((m) => m.id === 'digits')!
  await button(digits.name).click()
  await expect(page).toHaveURL(/\/demo\/digits$/)
  await expect(page.getByRole('tab', { name: digits.name })).toHaveAttribute('aria-selected', 'true')
})

test('the digits demo (8×8 grayscale) opens on the Draw pad in the full-screen demo too', async ({ page }) => {
  await page.goto(new URL('demo/digits', server.url).href)
  await expect(page.getByRole('tab', { name: 'Draw' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tab', { name: 'Upload' })).toHaveAttribute('aria-selected', 'false')
})

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

test('links in the presenter notes are readable on the notes panel', async ({ page }) => {
  await page.goto(new URL('presenter', server.url).href)
  const notes = page.getByTestId('notes')
  await page.keyboard.press('Home')
  const link = notes.getByRole('link', { name: 'github.com/ada/exam' })
  await expect(link).toBeVisible()
  const [fg, bg] = await link.evaluate((a) => {
    let el: Element | null = a.closest('[data-testid="notes"]')
    let back = 'rgba(0, 0, 0, 0)'
    while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(back)) {
      back = getComputedStyle(el).backgroundColor
      el = el.parentElement
    }
    return [getComputedStyle(a).color, back]
  })
  expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5)
})
