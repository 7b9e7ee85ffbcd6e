/**
 * The robustness probe and the prediction log in real Chromium against a
 * browser-mode server: the full-screen digits demo's noise slider and flip,
 * the examples sweep, a slide that asks for the probe (and one that asks for a
 * perturbation that does not exist), and the presenter's log with its export.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, removeDir, repoRoot, startServer, test, type DeckServer } from './fixtures'
import { warmModels } from './settle'

function demoUrl(server: DeckServer, id: string): string {
  return `${server.url}#/demo/${id}`
}

async function setSyncSlide(server: DeckServer, slide: number): Promise<void> {
  const response = await fetch(new URL('api/sync', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e-probe', slide })
  })
  expect(response.ok).toBe(true)
}

/** Sets a range input as a drag would end (input + change events). */
async function slide(page: Page, value: number): Promise<void> {
  await page.getByRole('slider', { name: 'Strength' }).fill(String(value))
}

test.describe('full-screen demo', () => {
  // Each test has a fresh server: its model answers warm before the page opens (see [Note: warm the models a
  // spec types into] in settle.ts), and the test's time allows for that start.
  test.slow()
  test('dragging the noise slider on the digits demo: the confidence falls and the prediction flips at a stated strength', async ({
    page,
    server
  }) => {
    await warmModels(server, ['digits'])
    await page.goto(demoUrl(server, 'digits'))
    const probe = page.getByTestId('probe')
    await expect(probe.getByRole('combobox', { name: 'Perturbation' })).toHaveValue('gaussian-noise')
    await expect(probe.getByTestId('probe-chart')).toBeVisible()
    // The first example ("a 0") flips under noise within the default sweep.
    const flip = probe.getByTestId('probe-flip')
    await expect(flip).toContainText(/Flips from “0” to “\d” at gaussian noise [\d.]+ \(σ \(× 255\)\)/)
    const at = Number(await probe.getByTestId('probe-chart').getAttribute('data-flip'))
    expect(at).toBeGreaterThan(0)

    await slide(page, 0)
    await expect(probe.getByTestId('probe-point')).toContainText(/^At 0: 0 \d+%/)
    await expect(probe.getByTestId('probe-eye')).toHaveAttribute('src', /^data:image\/png;base64,/)
    await slide(page, 1)
    await expect(probe.getByTestId('probe-point')).toContainText('At 1:')
    await expect(probe.getByTestId('probe-point')).toContainText('flipped')
    await expect(probe.getByTestId('probe-strength')).toHaveText('1 σ (× 255)')

    // The whole set: accuracy read from the examples' names ("a 3" is a 3).
    await probe.getByRole('button', { name: 'Probe the 10 examples' }).click()
    await expect(probe.getByTestId('probe-set-chart')).toBeVisible()
    await expect(probe.getByTestId('probe-set-sentence')).toContainText(/of 10 inputs keep their label at 1; accuracy 100% → \d+% on the 10 labelled/)
  })

  test('the text probe shows the perturbed tweet, and typing in the demo stays live while it sweeps', async ({ page, server }) => {
    // The slider's point prediction waits for the input to be still (like the sweep): not one call per keystroke.
    const points: string[] = []
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { channel?: string; payload?: { strengths?: number[]; input?: { text?: string } } }
        if (message.channel === 'probe:run' && message.payload?.strengths) points.push(message.payload.input?.text ?? '')
      })
    )
    await warmModels(server, ['disaster-tweets'])
    await page.goto(demoUrl(server, 'disaster-tweets'))
    const probe = page.getByTestId('probe')
    await expect(probe.getByRole('combobox', { name: 'Perturbation' })).toHaveValue('typos')
    await expect(probe.getByTestId('probe-chart')).toBeVisible()
    const box = page.getByRole('textbox').first()
    await box.fill('')
    const typed = 'Forest fire near the highway, roads closed'
    points.length = 0
    await box.pressSequentially(typed, { delay: 15 })
    await expect(page.getByTestId('prediction-row').first()).toBeVisible()
    await expect.poll(() => points.filter((text) => text === typed).length).toBeGreaterThanOrEqual(1)
    // One call per keystroke would be 42. A call follows each 300 ms pause in the answers; on a loaded machine the
    // typing itself pauses now and then, so the bound leaves room for a few of those (it was ≤ 4 on a quiet one).
    expect(points.length).toBeLessThanOrEqual(10)
    await probe.getByRole('combobox', { name: 'Perturbation' }).selectOption('case')
    await slide(page, 1)
    await expect(probe.getByTestId('probe-point')).toContainText('fOREST FIRE NEAR THE HIGHWAY, ROADS CLOSED')
  })

  test('the wine probe shifts the chosen feature past its range', async ({ page, server }) => {
    await warmModels(server, ['wine'])
    await page.goto(demoUrl(server, 'wine'))
    const probe = page.getByTestId('probe')
    await probe.getByRole('combobox', { name: 'Perturbation' }).selectOption('shift')
    await probe.getByRole('combobox', { name: 'Feature' }).selectOption('proline')
    await expect(probe.getByTestId('probe-chart')).toBeVisible()
    await slide(page, -5)
    await expect(probe.getByTestId('probe-point')).toContainText(/proline=-?\d/)
  })
})

test.describe('a slide that asks for the probe', () => {
  let server: DeckServer
  let deck = ''
  test.beforeAll(async () => {
    deck = mkdtempSync(join(tmpdir(), 'demodeck-probe-e2e-'))
    mkdirSync(join(deck, 'models'), { recursive: true })
    cpSync(join(repoRoot, 'models', 'digits'), join(deck, 'models', 'digits'), { recursive: true })
    mkdirSync(join(deck, 'slides'))
    writeFileSync(
      join(deck, 'slides', 'deck.md'),
      [
        '---\ntitle: Probe e2e\n---\n# Rotation\n\n::demo{model="digits" example="7" probe="rotation" probe-strength="45"}\n',
        '# Bad probe\n\n::demo{model="digits" probe="sparkles"}\n'
      ].join('\n---\n\n')
    )
    server = await startServer(deck)
    test.setTimeout(120_000)
    await warmModels(server, ['digits'])
  })
  test.afterAll(async () => {
    await server?.stop()
    removeDir(deck)
  })

  test('the audience sees the chart at the deck’s strength; the presenter sees which probe, or why none', async ({ page }) => {
    await setSyncSlide(server, 0)
    await page.goto(server.url)
    const current = page.locator('.reveal .slides > section.present')
    const probe = current.getByTestId('probe')
    await expect(probe.getByTestId('probe-strength')).toHaveText('45 degrees')
    await expect(probe.getByTestId('probe-chart')).toBeVisible()
    await expect(probe.getByTestId('probe-point')).toContainText('At 45:')
    // On a slide, the seed box stays off the audience screen.
    await expect(probe.getByRole('spinbutton', { name: 'Seed' })).toHaveCount(0)

    const presenter = await page.context().newPage()
    await presenter.goto(new URL('presenter', server.url).href)
    await expect(presenter.getByTestId('preview-current').getByTestId('probe-directive-note')).toHaveText('with the robustness probe: Rotation')
    await expect(presenter.getByTestId('preview-next').getByTestId('probe-directive-problem')).toContainText(
      'probe="sparkles" is not a perturbation for this model; use gaussian-noise, blur'
    )
    // The bad one shows the demo without a probe on the audience screen.
    await setSyncSlide(server, 1)
    await expect(page.locator('.reveal .slides > section.present').getByTestId('demo')).toBeVisible()
    await expect(page.locator('.reveal .slides > section.present').getByTestId('probe')).toHaveCount(0)
  })
})

test.describe('prediction log', () => {
  test('the presenter lists the session’s predictions and exports them as CSV', async ({ page, server }) => {
    test.slow() // a fresh server: the model answers warm first (before the log is cleared)
    await warmModels(server, ['disaster-tweets'])
    await fetch(new URL('api/predictions/clear', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    await page.goto(demoUrl(server, 'disaster-tweets'))
    const box = page.getByRole('textbox').first()
    await box.fill('Flash flood warning for the valley tonight')
    await expect(page.getByTestId('prediction-row').first()).toBeVisible()

    const presenter = await page.context().newPage()
    await presenter.goto(new URL('presenter', server.url).href)
    const log = presenter.getByTestId('prediction-log')
    await expect(log.getByTestId('prediction-log-row').first()).toContainText('Flash flood warning for the valley tonight')
    const [download] = await Promise.all([presenter.waitForEvent('download'), log.getByRole('button', { name: 'Export CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/^predictions-.*\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('seq,at,model,source,input_kind,input,label,score,second_label,second_score,latency_ms')
    expect(csv).toContain(',disaster-tweets,local,text,Flash flood warning for the valley tonight,')

    // A new prediction reaches the open presenter by itself.
    await box.fill('I love sunny afternoons in the park')
    await expect(log.getByTestId('prediction-log-row').first()).toContainText('I love sunny afternoons in the park')
  })
})
