/**
 * Nothing but the talk on the projector, and a presenter that fits a laptop
 * (#10 items 4–5), in real Chromium against real browser-mode servers:
 * diagnostics only on the presenter (and on the audience in rehearsal mode),
 * chart chrome out of the way, "Reset for the talk", a clock left running,
 * and the presenter measured at 1280×720 and 1920×1080.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { copyDeck, expect, removeDir, startServer, test } from './fixtures'

async function setSync(url: string, patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e-talk', ...patch })
  })
  expect(response.ok).toBe(true)
}

const present = (page: Page) => page.locator('.reveal .slides > section.present')

test.describe('the audience sees the talk', () => {
  test('authoring notices and the problems banner only on the presenter, or in rehearsal mode', async ({ context }) => {
    const dir = copyDeck()
    writeFileSync(
      join(dir, 'slides', 'deck.md'),
      '---\ntitle: Hygiene\n---\n# Typo\n\n::demo{model="disaster-tweet"}\n\n::sparkles\n\nNote:\nCheck the ids.\n\n---\n\n# Fine\n\nText.\n'
    )
    const server = await startServer(dir)
    try {
      await setSync(server.url, { slide: 0, fragment: -1 })
      const audience = await context.newPage()
      await audience.goto(server.url)
      await expect(audience.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
      await expect(present(audience).locator('h1')).toHaveText('Typo')
      // The notices are rendered (the slide is whole) but not shown; no banner at all.
      await expect(present(audience).getByTestId('unknown-model')).toHaveCount(1)
      await expect(present(audience).getByTestId('unknown-model')).toBeHidden()
      await expect(present(audience).getByTestId('unknown-directive')).toBeHidden()
      await expect(audience.getByTestId('deck-problems')).toHaveCount(0)

      const presenter = await context.newPage()
      await presenter.goto(`${server.url}presenter`)
      const problems = presenter.getByTestId('deck-problems')
      await expect(problems).toContainText('::sparkles')
      await expect(problems).toContainText('disaster-tweet')

      await presenter.getByTestId('rehearsal-toggle').click()
      await expect(presenter.getByTestId('rehearsal-toggle')).toHaveAttribute('aria-pressed', 'true')
      await expect(present(audience).getByTestId('unknown-model')).toBeVisible()
      await expect(present(audience).getByTestId('unknown-directive')).toBeVisible()
      await expect(audience.getByTestId('deck-problems')).toBeVisible()

      await presenter.getByTestId('rehearsal-toggle').click()
      await expect(present(audience).getByTestId('unknown-model')).toBeHidden()
      await expect(audience.getByTestId('deck-problems')).toHaveCount(0)
    } finally {
      await server.stop()
      removeDir(dir)
    }
  })

  test('a chart shows its toolbar only when hovered, and a long legend is two rows at most', async ({ page, server }) => {
    const deck = (await (await fetch(`${server.url}api/deck`)).json()) as { slides: Array<{ index: number; directives: Array<{ name: string }> }> }
    const chartSlide = deck.slides.find((s) => s.directives.some((d) => d.name === 'chart'))!.index
    await setSync(server.url, { slide: chartSlide, fragment: -1 })
    await page.goto(server.url)
    const chart = present(page).locator('.dd-chart')
    await expect(chart.locator('svg.recharts-surface')).toBeVisible({ timeout: 30_000 })
    const toolbar = chart.locator('.dd-chart-toolbar')
    await page.mouse.move(2, 2)
    await expect.poll(() => toolbar.evaluate((el) => getComputedStyle(el).opacity)).toBe('0')
    await chart.locator('.dd-chart-legend').hover()
    await expect.poll(() => toolbar.evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
    const legendHeight = await chart
      .locator('.dd-chart-legend')
      .evaluate((el) => el.getBoundingClientRect().height / (el.closest('.slides')!.getBoundingClientRect().width / 1280))
    expect(legendHeight).toBeLessThanOrEqual(56.5)
  })
})

test.describe('clocks', () => {
  test('a clock left running for hours asks to reset; "Reset for the talk" puts everything back', async ({ page, server }) => {
    const now = Date.now()
    await setSync(server.url, {
      slide: 3,
      fragment: -1,
      blackout: true,
      rehearsal: true,
      timer: { status: 'running', startedAt: now - 14 * 3_600_000, accumulatedMs: 369_000 },
      qa: { status: 'paused', startedAt: null, accumulatedMs: 60_000 }
    })
    await page.goto(`${server.url}presenter`)
    const prompt = page.getByTestId('stale-clock')
    await expect(prompt).toContainText(/The talk clock has been running for 14:06:\d\d/)
    await prompt.getByRole('button', { name: 'Keep running' }).click()
    await expect(prompt).toHaveCount(0)

    await page.getByTestId('reset-for-talk').click()
    await page.getByRole('group', { name: 'Confirm reset for the talk' }).getByRole('button', { name: 'Yes, reset' }).click()
    await expect(page.getByTestId('talk-remaining')).toHaveText('6:00')
    await expect(page.getByTestId('timer-status')).toHaveText('not started')
    await expect(page.getByTestId('qa-remaining')).toHaveText('10:00')
    await expect(page.getByTestId('slide-counter')).toHaveText(/^Slide 1 \//)
    await expect(page.getByTestId('rehearsal-toggle')).toHaveAttribute('aria-pressed', 'false')
    const sync = (await (await fetch(`${server.url}api/sync`)).json()) as { blackout: boolean; rehearsal: boolean; slide: number }
    expect(sync).toMatchObject({ blackout: false, rehearsal: false, slide: 0 })
  })
})

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 }
]) {
  test(`the presenter fits ${viewport.width}×${viewport.height}: every slide's notes without scrolling, both previews whole`, async ({
    browser,
    server
  }) => {
    const context = await browser.newContext({ viewport })
    try {
      const page = await context.newPage()
      await setSync(server.url, { slide: 0, fragment: -1 })
      await page.goto(`${server.url}presenter`)
      await expect(page.getByTestId('presenter')).toHaveAttribute('data-synced', 'true')
      const count = Number((await page.getByTestId('slide-counter').textContent())!.split('/')[1])
      for (let slide = 0; slide < count; slide++) {
        await setSync(server.url, { slide, fragment: -1 })
        await expect(page.getByTestId('slide-counter')).toHaveText(`Slide ${slide + 1} / ${count}`)
        const notes = page.getByTestId('notes')
        await expect(notes).not.toContainText('No notes for this slide')
        // Readable without scrolling: the notes' box holds all of them.
        await expect
          .poll(() => notes.evaluate((el) => el.scrollHeight - el.clientHeight), { message: `notes of slide ${slide + 1}` })
          .toBeLessThanOrEqual(1)
        for (const id of ['preview-current', 'preview-next']) {
          const box = (await page.getByTestId(id).locator('.dd-preview-box').boundingBox())!
          expect(box.y, `${id} on slide ${slide + 1}`).toBeGreaterThanOrEqual(0)
          expect(box.y + box.height, `${id} on slide ${slide + 1}`).toBeLessThanOrEqual(viewport.height)
          expect(box.x + box.width, `${id} on slide ${slide + 1}`).toBeLessThanOrEqual(viewport.width)
          // A preview readable from a standing position: at least a fifth of the slide's size.
          expect(box.width, `${id} on slide ${slide + 1}`).toBeGreaterThanOrEqual(1280 / 5)
        }
        const clock = (await page.getByTestId('talk-remaining').boundingBox())!
        expect(clock.y + clock.height).toBeLessThanOrEqual(viewport.height)
      }
      // Nothing of the window lies outside it.
      expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([
        viewport.width,
        viewport.height
      ])
    } finally {
      await context.close()
    }
  })
}
