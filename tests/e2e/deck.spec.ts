/**
 * The foundation as a person sees it, in real Chromium against real
 * browser-mode servers: slides, keys, presenter sync, clocks (Playwright's
 * clock, no sleeps), hot reload and every bad deck.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { copyDeck, expect, removeDir, repoRoot, startServer, test } from './fixtures'
import { warmModels } from './settle'

/**
 * Saves `text` to `file` until `shown` has `expected`. The browser-mode server says it is ready only once it
 * watches the deck (tests/unit/server/server-watching.test.ts); saving again covers a file event that a heavily
 * loaded CI machine was seen to miss, as a person would save again.
 */
async function saveUntilSeen(file: string, text: string, shown: import('@playwright/test').Locator, expected: RegExp): Promise<void> {
  await expect(async () => {
    writeFileSync(file, text)
    await expect(shown).toContainText(expected, { timeout: 5_000 })
  }).toPass({ timeout: 30_000 })
}

/** The slide the audience sees now (the Q&A backup slides hold demos too). */
const presentSlide = (page: import('@playwright/test').Page) => page.locator('.reveal .slides > section.present')

const currentTitle = (page: import('@playwright/test').Page) => page.locator('.reveal .slides section.present h1').first()
/** The audience window has joined the host's slide (its key presses now reach the other windows). */
const joined = (page: import('@playwright/test').Page) => expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')

test('the example deck shows six titled slides and two Q&A backups, and navigates with the keyboard', async ({ page, server }) => {
  await page.goto(server.url)
  const sections = page.locator('.reveal .slides > section')
  await expect(sections).toHaveCount(8)
  // Slide 1 is painted first, the others' content follows ([Note: slide 1 first]); joined means all are there.
  await joined(page)
  const titles = await page.locator('.reveal .slides > section h1').allTextContents()
  expect(titles.map((t) => t.toLowerCase())).toEqual([
    expect.stringContaining('problem'),
    expect.stringContaining('model'),
    expect.stringContaining('data'),
    expect.stringContaining('framework'),
    expect.stringContaining('project'),
    expect.stringContaining('use case'),
    expect.stringContaining('backup'),
    expect.stringContaining('backup')
  ])
  await expect(currentTitle(page)).toContainText(/problem/i)
  await joined(page)
  await page.keyboard.press('ArrowRight')
  await expect(currentTitle(page)).toContainText(/model/i)
  await page.keyboard.press('Space')
  await expect(currentTitle(page)).toContainText(/data/i)
  await page.keyboard.press('PageUp')
  await expect(currentTitle(page)).toContainText(/model/i)

  await page.keyboard.press('b')
  await expect(page.getByTestId('blackout')).toBeVisible()
  await page.keyboard.press('b')
  await expect(page.getByTestId('blackout')).toHaveCount(0)

  await page.keyboard.press('Shift+Slash')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0)

  await page.keyboard.press('o')
  await expect(page.locator('.reveal')).toHaveClass(/overview/)
  await page.keyboard.press('Escape')
  await expect(page.locator('.reveal')).not.toHaveClass(/overview/)
})

test('emoji in slides have a bundled font, served by the app itself (no CDN, works offline)', async ({ page, server }) => {
  const fontRequests: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'font') fontRequests.push(request.url())
  })
  await page.goto(server.url)
  await expect(currentTitle(page)).toContainText(/problem/i)
  // The example deck's first slide quotes "my mixtape is 🔥": the bundled Noto Emoji covers it.
  await expect(page.locator('.reveal .slides section.present')).toContainText('🔥')
  const faces = await page.evaluate(async () => (await document.fonts.load('42px "Noto Emoji"', '🔥')).map((f) => f.status))
  expect(faces.length).toBeGreaterThan(0)
  expect(faces.every((status) => status === 'loaded')).toBe(true)
  expect(fontRequests.length).toBeGreaterThan(0)
  for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(server.url).origin)
})

test('presenter and audience stay on the same slide, both ways', async ({ context, server }) => {
  const audience = await context.newPage()
  const presenter = await context.newPage()
  await audience.goto(server.url)
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 1 / 6')
  await expect(presenter.getByTestId('notes')).toContainText('mixtape')
  await joined(audience)

  await audience.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 2 / 6')
  await expect(presenter.getByTestId('preview-next')).toContainText(/Data/i)
  await expect(presenter.getByTestId('notes')).toContainText('model card')

  await presenter.getByRole('button', { name: 'Next' }).click()
  await expect(currentTitle(audience)).toContainText(/data/i)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 3 / 6')

  await presenter.keyboard.press('b')
  await expect(audience.getByTestId('blackout')).toBeVisible()
  await expect(presenter.getByText('Audience blacked out')).toBeVisible()
  await presenter.getByRole('button', { name: 'Show screen' }).click()
  await expect(audience.getByTestId('blackout')).toHaveCount(0)

  // A page opened later joins on the current slide.
  const late = await context.newPage()
  await late.goto(server.url)
  await expect(currentTitle(late)).toContainText(/data/i)
})

test("an audience window opened mid-talk lands on the talk's slide, with no slide sliding towards it", async ({ context, server }) => {
  await fetch(`${server.url}api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e', slide: 3, fragment: -1 })
  })
  const audience = await context.newPage()
  // Every CSS transition a slide starts (reveal.js' slide transition moves them with transform and opacity).
  await audience.addInitScript(`
    window.__slideTransitions = []
    document.addEventListener('transitionrun', (event) => {
      const target = event.target
      if (target instanceof Element && target.matches('.reveal .slides > section'))
        window.__slideTransitions.push('slide ' + (Number(target.getAttribute('data-slide-index')) + 1) + ': ' + event.propertyName)
    }, true)
  `)
  await audience.goto(server.url)
  await joined(audience)
  await expect(presentSlide(audience)).toHaveAttribute('data-slide-index', '3')
  await expect(currentTitle(audience)).toContainText(/framework/i)
  // Transition events are dispatched with the next frames: let two pass before reading them.
  await audience.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  expect(await audience.evaluate('window.__slideTransitions')).toEqual([])
  // Moving on from there is the usual slide transition.
  await audience.keyboard.press('ArrowRight')
  await expect(presentSlide(audience)).toHaveAttribute('data-slide-index', '4')
  await expect.poll(() => audience.evaluate('window.__slideTransitions.length')).toBeGreaterThan(0)
})

test('a key pressed the moment the window is in sync moves every window, and the demo there is live', async ({ context, server }) => {
  test.slow() // a fresh server: its model answers warm first (see [Note: warm the models a spec types into] in settle.ts)
  await warmModels(server, ['disaster-tweets'])
  const audience = await context.newPage()
  // Press End in the same task that marks the window in sync, before React gets another turn:
  // the earliest moment a person (or a presentation clicker) could press it.
  await audience.addInitScript(`
    new MutationObserver((records, observer) => {
      const el = document.querySelector('[data-testid="audience"][data-synced="true"]')
      if (!el) return
      observer.disconnect()
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', code: 'End', keyCode: 35, bubbles: true }))
      window.__pressedEnd = true
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-synced'], childList: true })
  `)
  await audience.goto(server.url)
  await expect.poll(() => audience.evaluate('window.__pressedEnd === true')).toBe(true)
  await expect(currentTitle(audience)).toContainText(/use case/i)
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 6 / 6')
  await presentSlide(audience).getByLabel('Text to classify').fill('Forest fire near La Ronge Sask. Canada')
  await expect(presentSlide(audience).getByTestId('prediction-bars').first()).toContainText('disaster')
})

test("whatever scrolls reveal.js' frame, the slide on screen does not shift", async ({ page, server }) => {
  await page.goto(server.url)
  await joined(page)
  await expect(currentTitle(page)).toContainText(/problem/i)
  // The browser scrolls the overflow-hidden frame to show a focused control or one an automation
  // tool clicks (reveal.js' own arrows included); reveal.js itself undoes that only once a second.
  const after = await page.evaluate(`new Promise((resolve) => {
    const frame = document.querySelector('.reveal')
    if (!frame) return resolve('no .reveal')
    frame.scrollLeft = 600
    frame.scrollTop = 10
    const moved = { left: frame.scrollLeft, top: frame.scrollTop }
    requestAnimationFrame(() => requestAnimationFrame(() => resolve({ moved, left: frame.scrollLeft, top: frame.scrollTop })))
  })`)
  // The frame could scroll (so this checks something), and is back at 0 by the next frames.
  expect(after).toEqual({ moved: { left: 600, top: 10 }, left: 0, top: 0 })
  await expect(currentTitle(page)).toContainText(/problem/i)
})

test('the countdown starts at the deck duration, pauses, resets only on confirmation, then Q&A counts down', async ({ context, server }) => {
  await context.clock.install({ time: new Date('2026-06-01T09:00:00Z') })
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('6:00')
  await expect(presenter.getByTestId('timer-status')).toHaveText('not started')
  await expect(presenter.getByTestId('qa-remaining')).toHaveText('10:00')
  // From here the page's time moves only by runFor: a loaded machine cannot add a second between two checks.
  // Playwright skips, without a word, a frame that is busy with a navigation when the pause is sent, and that
  // page's clock then runs on in real time (CI read 4:54 for 4:55, and a clock counting down): pause until the
  // page's own clock reads the pause time.
  const pausedAt = new Date('2026-06-01T09:01:00Z')
  await expect(async () => {
    await context.clock.pauseAt(pausedAt)
    expect(await presenter.evaluate(() => Date.now())).toBe(pausedAt.getTime())
  }).toPass()

  await presenter.getByRole('button', { name: 'Start (T)' }).click()
  await expect(presenter.getByTestId('timer-status')).toHaveText('running')
  await context.clock.runFor(65_000)
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('4:55')
  await expect(presenter.getByTestId('pace')).toHaveText(/Behind by 0:05/)

  await presenter.keyboard.press('t')
  await expect(presenter.getByTestId('timer-status')).toHaveText('paused')
  await context.clock.runFor(30_000)
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('4:55')

  // One click on Reset only asks; "Keep" leaves the clock alone.
  await presenter.getByRole('button', { name: 'Reset…' }).click()
  await presenter.getByRole('button', { name: 'Keep' }).click()
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('4:55')
  // An unanswered question goes away by itself.
  await presenter.getByRole('button', { name: 'Reset…' }).click()
  await context.clock.runFor(6_000)
  await expect(presenter.getByRole('button', { name: 'Yes, reset' })).toHaveCount(0)
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('4:55')

  await presenter.keyboard.press('t')
  for (let i = 0; i < 5; i++) await presenter.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 6 / 6')
  await expect(presenter.getByTestId('preview-next')).toContainText('Q&A next')
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('timer-status')).toHaveText('paused')
  await context.clock.runFor(60_000)
  await expect(presenter.getByTestId('qa-remaining')).toHaveText('9:00')

  // Resetting one clock never resets the other.
  await presenter.getByRole('button', { name: 'Reset…' }).click()
  await presenter.getByRole('button', { name: 'Yes, reset' }).click()
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('6:00')
  await expect(presenter.getByTestId('qa-remaining')).toHaveText('9:00')
  await presenter.getByRole('button', { name: 'Reset Q&A…' }).click()
  await presenter.getByRole('group', { name: 'Confirm Q&A reset' }).getByRole('button', { name: 'Yes, reset' }).click()
  await expect(presenter.getByTestId('qa-remaining')).toHaveText('10:00')
  await expect(presenter.getByTestId('talk-remaining')).toHaveText('6:00')
})

test('typing into the demo on the last slide never starts the Q&A; "next" outside it does', async ({ context, server }) => {
  test.slow() // a fresh server: its model answers warm first (see [Note: warm the models a spec types into] in settle.ts)
  await warmModels(server, ['disaster-tweets'])
  const audience = await context.newPage()
  await audience.goto(server.url)
  await joined(audience)
  await audience.keyboard.press('End')
  await expect(currentTitle(audience)).toContainText(/use case/i)
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 6 / 6')
  await expect(presenter.getByTestId('timer-status')).toHaveText('running')

  // Space, "n" and "N" are all "next" keys of reveal.js; in the text box they are just letters.
  const box = presentSlide(audience).getByLabel('Text to classify')
  await box.click()
  await box.pressSequentially('Nothing new near Nanaimo, no need to run', { delay: 5 })
  await expect(box).toHaveValue('Nothing new near Nanaimo, no need to run')
  await expect(presentSlide(audience).getByTestId('prediction-bars').first()).toContainText('disaster')
  await audience.getByRole('button', { name: 'curl' }).press('Space')
  await expect(presenter.getByTestId('timer-status')).toHaveText('running')
  await expect(presenter.getByTestId('qa-clock')).toHaveClass(/idle/)
  await expect(currentTitle(audience)).toContainText(/use case/i)

  // The same key with the focus on the slide itself is the speaker moving on: the Q&A starts.
  await audience.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()')
  await audience.keyboard.press('n')
  await expect(presenter.getByTestId('timer-status')).toHaveText('paused')
  await expect(presenter.getByTestId('qa-clock')).not.toHaveClass(/idle/)
})

test('a clicker (PageDown/PageUp) still moves the talk after a chart option is ticked or the demo is typed into', async ({ context, server }) => {
  const audience = await context.newPage()
  await audience.goto(server.url)
  await joined(audience)
  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  const counter = presenter.getByTestId('slide-counter')
  await expect(presenter.getByTestId('presenter')).toHaveAttribute('data-synced', 'true')
  await presenter.keyboard.press('End')
  await presenter.keyboard.press('PageUp')
  await presenter.keyboard.press('PageUp')
  await expect(counter).toHaveText('Slide 4 / 6')
  await expect(currentTitle(audience)).toContainText(/framework/i)

  // A ticked checkbox keeps the focus; reveal.js alone would ignore every key from then on.
  const outliers = audience.locator('.reveal .slides > section.present').getByLabel('Ignore outliers')
  await outliers.click()
  await expect(outliers).toBeFocused()
  await audience.keyboard.press('PageDown')
  await expect(counter).toHaveText('Slide 5 / 6')
  await audience.keyboard.press('PageUp')
  await expect(counter).toHaveText('Slide 4 / 6')
  // Arrow keys do nothing to a checkbox, so they move the talk on too; on a slider they move the slider.
  await outliers.click()
  await audience.keyboard.press('ArrowRight')
  await expect(counter).toHaveText('Slide 5 / 6')
  await expect(presenter.getByTestId('timer-status')).toHaveText('running')
  await audience.keyboard.press('PageDown')
  await expect(counter).toHaveText('Slide 6 / 6')

  // In the demo's text box the arrows move the cursor; the clicker still moves the talk.
  const box = presentSlide(audience).getByLabel('Text to classify')
  await box.fill('Flood warning for the valley')
  await box.press('ArrowLeft')
  await box.press('ArrowRight')
  await expect(counter).toHaveText('Slide 6 / 6')
  await expect(box).toBeFocused()
  await box.press('PageUp')
  await expect(counter).toHaveText('Slide 5 / 6')
  await audience.keyboard.press('PageDown')
  await expect(counter).toHaveText('Slide 6 / 6')
  // On the last slide, the clicker's "next" from inside the text box starts the Q&A.
  await box.click()
  await box.press('PageDown')
  await expect(presenter.getByTestId('timer-status')).toHaveText('paused')
  await expect(presenter.getByTestId('qa-clock')).not.toHaveClass(/idle/)
})

test('saving a slide file updates both windows and keeps the current slide', async ({ context }) => {
  const deck = copyDeck()
  const server = await startServer(deck)
  try {
    const audience = await context.newPage()
    const presenter = await context.newPage()
    await audience.goto(server.url)
    await presenter.goto(`${server.url}presenter`)
    await expect(currentTitle(audience)).toContainText(/problem/i)
    await joined(audience)
    await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 1 / 6')
    await audience.keyboard.press('ArrowRight')
    await audience.keyboard.press('ArrowRight')
    await expect(currentTitle(audience)).toContainText(/data/i)
    // The host is on that slide too before the file changes (the slide it keeps is the host's).
    await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 3 / 6')
    const file = join(deck, 'slides', 'deck.md')
    const edited = readFileSync(file, 'utf8').replace('# 3 · Data: 7,613 tweets, 43 % disasters', '# 3 · Data, freshly edited')
    await saveUntilSeen(file, edited, currentTitle(audience), /freshly edited/i)
    await expect(presenter.getByTestId('preview-current')).toContainText(/freshly edited/i)
    await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 3 / 6')
    await expect(audience.locator('.reveal .slides > section')).toHaveCount(8)
  } finally {
    await server.stop()
    removeDir(deck)
  }
})

test('the presenter warns about a slide taller than the slide; the example deck has none', async ({ context }) => {
  const deck = copyDeck()
  const server = await startServer(deck)
  try {
    const presenter = await context.newPage()
    await presenter.goto(`${server.url}presenter`)
    const current = presenter.getByTestId('preview-current')
    const next = presenter.getByTestId('preview-next')
    // Every slide of the example deck fits: no warning on any of them.
    for (let i = 1; i <= 6; i++) {
      await expect(presenter.getByTestId('slide-counter')).toHaveText(`Slide ${i} / 6`)
      await expect(current.locator('.dd-preview-slide h1')).toBeVisible()
      await expect(current.getByTestId('overflow-warning')).toHaveCount(0)
      await expect(next.getByTestId('overflow-warning')).toHaveCount(0)
      if (i < 6) await presenter.getByRole('button', { name: 'Next' }).click()
    }
    const file = join(deck, 'slides', 'deck.md')
    const bullets = Array.from({ length: 30 }, (_, i) => `- point number ${i + 1} that someone forgot to cut`).join('\n')
    const edited = readFileSync(file, 'utf8').replace('# 6 · Use case: try it live', `# 6 · Use case: try it live\n\n${bullets}`)
    await saveUntilSeen(file, edited, current.getByTestId('overflow-warning'), /px taller than the slide/)
  } finally {
    await server.stop()
    removeDir(deck)
  }
})

test.describe('bad decks give readable messages, never a blank window', () => {
  const cases: Array<{
    name: string
    files: Record<string, string | Buffer>
    expectText: RegExp
    slides?: number
    slideText?: string
    notice?: number
  }> = [
    { name: 'missing slides folder', files: {}, expectText: /No slides\/ folder/ },
    { name: 'empty deck', files: { 'slides/deck.md': '\n\n' }, expectText: /The deck has no slides/ },
    { name: 'broken front matter', files: { 'slides/deck.md': '---\ntitle: [oops\n---\n# Still here\n' }, expectText: /not valid YAML/, slides: 1 },
    {
      name: 'unknown directive',
      files: { 'slides/deck.md': '# Sparkly\n\n::sparkles{level="9"}\n' },
      expectText: /::sparkles.*is not a demodeck component/,
      slides: 1
    },
    { name: 'non-UTF-8 file', files: { 'slides/deck.md': Buffer.from('# Caf\xe9 au lait\n', 'latin1') }, expectText: /is not UTF-8/, slides: 1 },
    {
      name: '5 MB slide file',
      files: { 'slides/deck.md': '# Fine slide\n', 'slides/zz-huge.md': '# Huge\n' + 'x'.repeat(5 * 1024 * 1024) },
      expectText: /5\.0 MB/,
      slides: 2
    },
    {
      name: 'blockquote nested 2,500 deep',
      files: { 'slides/deck.md': `# Before\n\n---\n\n# Deep\n\n${'>'.repeat(2500)} x\n\n---\n\n# After the deep one\n` },
      expectText: /2,500 levels deep/,
      slides: 3,
      notice: 1
    },
    {
      name: '50,000 [',
      files: { 'slides/deck.md': `# Before\n\n---\n\n# Brackets\n\n${'['.repeat(50_000)}\n\n---\n\n# After the brackets\n` },
      expectText: /50,000 markdown symbols/,
      slides: 3,
      notice: 1
    },
    {
      name: '.element comment with dangerouslySetInnerHTML, ref and onclick',
      files: {
        'slides/deck.md':
          '# Still here\n\nEvery word stays <!-- .element: dangerouslySetInnerHTML="<b>x</b>" ref="r" onclick="alert(1)" class="fragment" -->\n'
      },
      expectText: /ignored "dangerouslySetInnerHTML", "ref", "onclick"/,
      slides: 1,
      slideText: 'Every word stays'
    },
    {
      name: 'a project link that is not http(s), and ::checklist without src',
      files: { 'slides/deck.md': '---\nlinks:\n  - label: Notes\n    url: file:///home/me/notes.txt\n---\n# Links\n\n::checklist\n' },
      expectText: /::checklist needs src=[\s\S]*Link "Notes" \(file:\/\/\/home\/me\/notes\.txt\) was ignored: only http:\/\/ and https:\/\//,
      slides: 1
    }
  ]
  for (const c of cases) {
    test(c.name, async ({ page }) => {
      const { mkdtempSync, mkdirSync } = await import('node:fs')
      const { tmpdir } = await import('node:os')
      const dir = mkdtempSync(join(tmpdir(), 'dd-bad-'))
      for (const [name, content] of Object.entries(c.files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true })
        writeFileSync(join(dir, name), content)
      }
      const server = await startServer(dir)
      try {
        const api = await (await fetch(`${server.url}api/deck`)).json()
        const messages = [...api.errors, ...api.warnings].map((p: { message: string }) => p.message).join('\n')
        expect(messages).toMatch(c.expectText)
        await page.goto(server.url)
        if (c.slides === undefined) {
          await expect(page.getByTestId('deck-error')).toContainText(c.expectText)
        } else {
          await expect(page.locator('.reveal .slides > section')).toHaveCount(c.slides)
          const banner = page.getByTestId('deck-problems')
          // The audience sees the talk; the problems show there only in rehearsal mode (the presenter's switch).
          await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
          await expect(banner).toHaveCount(0)
          await fetch(`${server.url}api/sync`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ origin: 'e2e', rehearsal: true })
          })
          await banner.getByRole('button', { name: /problems? in this deck/ }).click()
          await expect(banner).toContainText(c.expectText)
        }
        if (c.name === 'unknown directive') await expect(page.getByTestId('unknown-directive')).toContainText('::sparkles')
        if (c.slideText) await expect(page.locator('.reveal .slides > section').first()).toContainText(c.slideText)
        if (c.notice !== undefined) {
          // The bad slide shows its notice; the slides around it render as usual.
          const slides = page.locator('.reveal .slides > section')
          await expect(slides.nth(c.notice).getByTestId('slide-notice')).toContainText(c.expectText)
          await expect(slides.nth(0).locator('h1')).toHaveText('Before')
          await expect(slides.nth(2).locator('h1')).toHaveText(/^After/)
          await page.keyboard.press('ArrowRight')
          await page.keyboard.press('ArrowRight')
          await expect(slides.nth(2)).toHaveClass(/present/)
          await expect(slides.nth(2).getByRole('heading', { name: /^After/ })).toBeVisible()
        }
        if (c.name.startsWith('a project link')) await expect(page.getByTestId('project-notice')).toContainText('needs the file with the task lists')
      } finally {
        await server.stop()
        removeDir(dir)
      }
    })
  }
})

test('the example deck folder is the repository root', () => {
  expect(readFileSync(join(repoRoot, 'slides', 'deck.md'), 'utf8')).toMatch(/^---/)
})
