/**
 * Start-up as the audience sees it, in real Chromium against a real server: slide 1 first, then the rest
 * of the deck, then the host's model warm-up (see [Note: slide 1 first] and [Note: background work after
 * the first paint]); what the page loads before slide 1 (the heading font from the page's head, no zod).
 * Timings are measured in `npm run bench` (bench/startup.bench.ts), never here.
 */
import { expect, test } from './fixtures'

test('slide 1 first, then every slide mounted, then the page tells the host once that it has painted', async ({ page, server }) => {
  const shown: string[] = []
  page.on('websocket', (socket) => socket.on('framesent', (frame) => String(frame.payload).includes('"deck:shown"') && shown.push('socket')))
  page.on('request', (request) => request.url().endsWith('/api/deck/shown') && shown.push('http'))
  await page.goto(server.url)
  await expect(page.locator('.reveal .slides > section.present h1')).toContainText(/problem/i)
  // Ready for keys once every slide's content is there: the demo slide's live demo is mounted without visiting it.
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  const sections = await page.locator('.reveal .slides > section').count()
  expect(sections).toBeGreaterThanOrEqual(6)
  await expect(page.locator('.reveal .slides > section h1')).toHaveCount(sections)
  await expect(page.locator('.reveal .slides > section:not(.present) .dd-directive-demo').first()).toBeAttached()
  await expect.poll(() => shown.length).toBe(1)
  // The page started the host's background work: a second "shown" starts nothing.
  const again = await fetch(new URL('api/deck/shown', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  expect(await again.json()).toEqual({ started: false })
  // And the warm-up it started is the demo's: the model card on slide 2 reports its parity check.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.reveal .slides > section.present').getByTestId('parity-headline')).toBeVisible({ timeout: 60_000 })
})

test('a key pressed the moment slide 1 shows steps through the next slide as usual', async ({ page, server }) => {
  await page.goto(server.url)
  const title = page.locator('.reveal .slides > section.present h1')
  await expect(title).toContainText(/problem/i)
  await page.keyboard.press('ArrowRight')
  await expect(title).toContainText(/model/i)
  await expect(page.locator('.reveal .slides > section.present .dd-directive-model-card')).toHaveCount(1)
  await page.keyboard.press('ArrowLeft')
  await expect(title).toContainText(/problem/i)
})

test('the heading font is fetched from the page head, and the entry script carries no zod', async ({ page, server }) => {
  await page.goto(server.url)
  await expect(page.locator('.reveal .slides > section.present h1')).toContainText(/problem/i)
  const fonts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => /source-sans-pro-(regular|semibold)/.test(entry.name))
      .map((entry) => ({ face: /regular|semibold/.exec(entry.name)![0], initiator: entry.initiatorType }))
  )
  expect(fonts.sort((a, b) => a.face.localeCompare(b.face))).toEqual([
    { face: 'regular', initiator: 'link' },
    { face: 'semibold', initiator: 'link' }
  ])
  expect(await page.evaluate(() => document.fonts.check('600 48px "Source Sans Pro"'))).toBe(true)
  const entry = await page.locator('script[type="module"]').first().getAttribute('src')
  const script = await (await fetch(new URL(entry!, server.url))).text()
  expect(script.length).toBeGreaterThan(100_000)
  // zod names its classes at run time ("$ZodError", "$ZodType"): they survive minification.
  expect(script).not.toContain('$ZodError')
  expect(script).not.toContain('$ZodType')
})

test('slide 1 is on screen before reveal.js has started, where reveal.js then keeps it, and a key pressed meanwhile is not lost', async ({
  page,
  server
}) => {
  // Hold the reveal.js chunk back: what the page shows until it arrives is demodeck's own first frame.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let requested = false
  await page.route(/\/assets\/reveal-[\w-]+\.js$/, async (route) => {
    requested = true
    await held
    await route.continue()
  })
  await page.goto(server.url)
  const title = page.locator('.reveal .slides > section.present h1')
  await expect(title).toContainText(/problem/i)
  await expect.poll(() => requested).toBe(true)
  await expect(page.locator('.reveal')).not.toHaveClass(/\bready\b/)
  const slide = page.locator('.reveal .slides > section.present')
  const boxes = async (): Promise<string[]> =>
    slide.locator('h1, li').evaluateAll((elements) =>
      elements.map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect()
        return [x, y, width, height].map((n) => n.toFixed(1)).join(',')
      })
    )
  const before = await boxes()
  expect(before.length).toBeGreaterThan(2)
  // The heading and every bullet sit inside the 1280×720 window, scaled like reveal.js scales the slide.
  const frame = await page.locator('.reveal .slides').evaluate((element) => getComputedStyle(element).transform)
  expect(frame).toMatch(/^matrix\(0\.96, 0, 0, 0\.96,/)

  await page.keyboard.press('ArrowRight') // kept while reveal.js starts
  await expect(title).toContainText(/problem/i)
  release()
  await expect(page.locator('.reveal')).toHaveClass(/\bready\b/)
  await expect(title).toContainText(/model/i)
  await page.keyboard.press('ArrowLeft')
  await expect(title).toContainText(/problem/i)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  // Back on slide 1 once the transition has settled: every line where it was before reveal.js ran.
  await expect.poll(boxes).toEqual(before)
})
