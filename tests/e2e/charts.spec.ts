/**
 * Training charts end to end, in real Chromium against the real browser-mode
 * server: a temp deck holds two synthetic runs written here (plus the example
 * sweep when the repo has it), and a slide with a `::chart` directive.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { copyDeck, removeDir, repoRoot, startServer, type DeckServer } from './fixtures'
import { settledBox } from './settle'
import type { Deck } from '../../src/shared/types'

/** Writes one run folder in the W&B row format (common.md), with a NaN row and aliased key names. */
function writeRun(deck: string, id: string, opts: { lr: number; group: string; steps: number; seed: number }): void {
  const dir = join(deck, 'runs', id)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      id,
      name: `${id} (lr ${opts.lr})`,
      group: opts.group,
      state: 'finished',
      source: 'example',
      createdAt: '2026-11-20T10:00:00Z',
      tags: []
    })
  )
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ lr: opts.lr, batch_size: 32, epochs: 4, seed: opts.seed }))
  let s = opts.seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const lines: string[] = []
  const perEpoch = opts.steps / 4
  let best = 0
  for (let step = 0; step < opts.steps; step++) {
    const base = 0.7 * Math.exp((-step * opts.lr * 30) / opts.steps) + 0.1
    const row: Record<string, number | string> = {
      _step: step,
      _runtime: step * 0.05,
      _timestamp: 1_763_900_000 + step * 0.05,
      // Logged as `train_loss`: the chart must alias it to train/loss.
      train_loss: step === 7 ? 'NaN' : base + (rand() - 0.5) * 0.3
    }
    if ((step + 1) % perEpoch === 0) {
      const epoch = (step + 1) / perEpoch - 1
      const acc = 0.6 + 0.3 * (1 - Math.exp(-epoch * opts.lr * 10))
      best = Math.max(best, acc)
      Object.assign(row, { epoch, 'val/loss': base + 0.05, 'val/acc': acc })
    }
    lines.push(JSON.stringify(row))
  }
  writeFileSync(join(dir, 'history.jsonl'), lines.join('\n') + '\n')
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ 'val/acc': best, _step: opts.steps - 1 }))
}

const SLIDES = `---
title: Charts test
authors: [Test]
duration: 6
---

# Curves

::chart{runs="synth" metrics="train/loss,val/loss" x="_step" smoothing="0.6" log="false"}

---

# Sweep

::chart{runs="sweep-tweets" metrics="train/loss,val/loss"}

---

# Missing

::chart{runs="no-such-run"}
`

function makeDeck(): string {
  const deck = copyDeck()
  writeRun(deck, 'synth-a', { lr: 1, group: 'synth', steps: 400, seed: 11 })
  writeRun(deck, 'synth-b', { lr: 3, group: 'synth', steps: 400, seed: 23 })
  writeFileSync(join(deck, 'slides', 'deck.md'), SLIDES)
  return deck
}

// The first chart: the current slide's (the next slide's chart is drawn too, hidden, before it is shown) or the /runs page's.
const smoothPaths = (page: Page) => page.getByTestId('chart').first().locator('.dd-line-smooth path.recharts-line-curve')

/** The rows of a history.jsonl file. */
function historyRows(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/**
 * Moves the pointer onto the middle height of `target` at `fx` of its width until `tooltip` shows:
 * a slide that is still animating in can move away under a pointer that then sends no more events.
 */
async function hover(page: Page, target: Locator, fx: number, tooltip: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let box = await settledBox(target)
  let nudge = 0
  await expect(async () => {
    box = await settledBox(target)
    nudge = nudge === 0 ? 2 : 0
    await page.mouse.move(box.x + box.width * fx + nudge, box.y + box.height * 0.5, { steps: 4 })
    await expect(tooltip).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  return box
}

/** A logged value as the tooltip writes it: exact to 8 significant digits. */
const exact = (v: number): string => String(Number(v.toPrecision(8)))

test.describe('::chart on a slide', () => {
  let deck: string
  let server: DeckServer

  test.beforeAll(async () => {
    deck = makeDeck()
    server = await startServer(deck)
  })
  test.afterAll(async () => {
    await server?.stop()
    removeDir(deck)
  })

  test('draws both runs, and the smoothing slider reshapes the drawn path', async ({ page }) => {
    await page.goto(server.url)
    const chart = page.getByTestId('chart').first()
    await expect(chart).toBeVisible()
    // 2 runs × 2 metrics, each a smoothed line and a faint raw line.
    await expect(smoothPaths(page)).toHaveCount(4)
    await expect(chart.locator('path.recharts-line-curve')).toHaveCount(8)
    const before = await smoothPaths(page).first().getAttribute('d')
    expect(before?.length ?? 0).toBeGreaterThan(100)
    await page.getByLabel('Smoothing', { exact: true }).first().fill('0.95')
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).not.toBe(before)
    await page.getByLabel('Smoothing', { exact: true }).first().fill('0')
    // No smoothing: the raw lines are the lines.
    await expect(chart.locator('path.recharts-line-curve')).toHaveCount(4)
    // Best-point markers with value labels, and the NaN row is reported, not drawn.
    await expect(chart.locator('svg.recharts-surface .dd-best-markers .dd-best-dot').first()).toBeVisible()
    await expect(page.getByText(/non-finite value\(s\) \(NaN\/Infinity\) not drawn/).first()).toBeVisible()
  })

  test('legend entries are buttons that hide and show a series', async ({ page }) => {
    await page.goto(server.url)
    await expect(smoothPaths(page)).toHaveCount(4)
    const item = page.getByRole('button', { name: /synth-a \(lr 1\) · train\/loss/ }).first()
    await expect(item).toHaveAttribute('aria-pressed', 'true')
    await item.click()
    await expect(item).toHaveAttribute('aria-pressed', 'false')
    await expect(smoothPaths(page)).toHaveCount(3)
    await item.click()
    await expect(smoothPaths(page)).toHaveCount(4)
  })

  test('Export PNG downloads a real PNG and Export SVG a stand-alone SVG', async ({ page }) => {
    await page.goto(server.url)
    await expect(smoothPaths(page)).toHaveCount(4)
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).first().click()])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const bytes = readFileSync((await png.path())!)
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.length).toBeGreaterThan(10_000)
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).first().click()])
    const text = readFileSync((await svg.path())!, 'utf8')
    expect(text.startsWith('<svg')).toBe(true)
    expect(text).toContain('recharts-line-curve')
    expect(text).toContain('synth-a (lr 1) · train/loss')
  })

  test('drag to zoom, reset, and switch the x axis', async ({ page }) => {
    await page.goto(server.url)
    await expect(smoothPaths(page)).toHaveCount(4)
    const chart = page.getByTestId('chart').first()
    const box = (await chart.locator('svg.recharts-surface').boundingBox())!
    const full = await smoothPaths(page).first().getAttribute('d')
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 })
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 })
    // The selection is a recharts ReferenceArea inside the chart's own SVG.
    await expect(chart.locator('svg.recharts-surface .recharts-reference-area')).toHaveCount(1)
    await page.mouse.up()
    await expect(chart.locator('svg.recharts-surface .recharts-reference-area')).toHaveCount(0)
    await expect(chart).toHaveAttribute('data-zoomed', 'true')
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).not.toBe(full)
    await page.getByRole('button', { name: 'Reset zoom' }).first().click()
    await expect(chart).toHaveAttribute('data-zoomed', 'false')
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).toBe(full)
    // Epoch x axis: train_loss rows before the first epoch value are dropped, the lines stay.
    await page.getByLabel('X axis').first().selectOption('epoch')
    await expect(smoothPaths(page)).toHaveCount(4)
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).not.toBe(full)
  })

  test('the chart is recharts: its axes, grid and log scale', async ({ page }) => {
    await page.goto(server.url)
    await expect(smoothPaths(page)).toHaveCount(4)
    const chart = page.getByTestId('chart').first()
    const surface = chart.locator('svg.recharts-surface')
    await expect(surface.locator('.recharts-cartesian-grid')).toHaveCount(1)
    // The lines are drawn inside the recharts surface, under its x and y axes.
    await expect(surface.locator('.recharts-line-curve')).toHaveCount(8)
    const yTicks = surface.locator('.recharts-yAxis-tick-labels .dd-axis-tick')
    await expect.poll(() => yTicks.count()).toBeGreaterThanOrEqual(2)
    await expect.poll(() => surface.locator('.recharts-xAxis-tick-labels .dd-axis-tick').count()).toBeGreaterThanOrEqual(2)
    const linear = await yTicks.allTextContents()
    const d = await smoothPaths(page).first().getAttribute('d')
    await page.getByLabel('Log scale').first().check()
    await expect.poll(() => yTicks.allTextContents()).not.toEqual(linear)
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).not.toBe(d)
    await page.getByLabel('Log scale').first().uncheck()
    await expect.poll(() => smoothPaths(page).first().getAttribute('d')).toBe(d)
  })

  test('hovering shows a tooltip with the exact logged values at the hovered step', async ({ page }) => {
    await page.goto(server.url)
    await expect(smoothPaths(page)).toHaveCount(4)
    const chart = page.getByTestId('chart').first()
    const tooltip = chart.locator('.dd-chart-tooltip')
    const box = await hover(page, chart.locator('svg.recharts-surface'), 0.5, tooltip)
    const step = Number(await tooltip.locator('.dd-chart-tooltip-x').innerText())
    expect(Number.isInteger(step) && step > 50 && step < 350).toBe(true)
    // Both runs logged train_loss at every step: the tooltip shows each one's raw value there, unrounded.
    for (const run of ['synth-a', 'synth-b']) {
      const row = historyRows(join(deck, 'runs', run, 'history.jsonl')).find((r) => r['_step'] === step)!
      await expect(tooltip).toContainText(exact(row['train_loss'] as number))
    }
    await expect(tooltip).toContainText('smoothed')
    // The pointer layer's dots sit on the lines recharts placed: each is on a vertex of a smoothed path (same pixels, both SVGs).
    const dots = await chart
      .locator('.dd-chart-overlay circle.dd-active-dot')
      .evaluateAll((cs) => cs.map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]))
    expect(dots.length).toBe(4)
    const vertices = (await smoothPaths(page).evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''))).flatMap((d) =>
      d
        .split(/[ML]/)
        .filter(Boolean)
        .map((xy) => xy.split(',').map(Number))
    )
    for (const [cx, cy] of dots)
      expect(
        vertices.some(([x, y]) => Math.abs(x! - cx!) < 0.6 && Math.abs(y! - cy!) < 0.6),
        `dot at ${cx},${cy}`
      ).toBe(true)
    // Moving off the plot hides it again.
    await page.mouse.move(box.x + box.width * 0.5, box.y - 40)
    await expect(tooltip).toBeHidden()
  })

  test('a chart whose runs match nothing says so instead of an empty box', async ({ page }) => {
    await page.goto(server.url)
    await expect(page.getByTestId('chart').last()).toContainText('No run matches runs="no-such-run"')
  })

  test('the presenter view shows a light placeholder and fetches no history', async ({ page }) => {
    const historyCalls: string[] = []
    page.on('request', (r) => {
      if (/\/api\/runs\/[^/]+\/history/.test(r.url())) historyCalls.push(r.url())
    })
    // Calls may also go over the API WebSocket (src/renderer/src/lib/api.ts): watch its frames too.
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"runs:history"')) historyCalls.push(frame.payload)
      })
    )
    await page.goto(new URL('presenter', server.url).href)
    await expect(page.getByTestId('chart-placeholder').first()).toBeAttached()
    await page.waitForLoadState('networkidle')
    expect(historyCalls).toEqual([])
  })

  test('an API error while loading history shows an alert', async ({ page }) => {
    // The real server has no way to fail this call on demand; intercepting it tests the UI's error path only.
    await page.route(/\/api\/runs\/[^/]+\/history/, (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'runtime', message: 'disk on fire' } }) })
    )
    // The same failure for a history call sent over the API WebSocket; every other call goes through to the real server.
    await page.routeWebSocket(/\/api\/ws/, (ws) => {
      const real = ws.connectToServer()
      ws.onMessage((message) => {
        const call = typeof message === 'string' ? (JSON.parse(message) as { id?: number; channel?: string }) : {}
        if (call.channel === 'runs:history') ws.send(JSON.stringify({ id: call.id, ok: false, error: { code: 'runtime', message: 'disk on fire' } }))
        else real.send(message)
      })
    })
    await page.goto(server.url)
    await expect(page.getByRole('alert').first()).toContainText('disk on fire')
  })

  test('the /runs page lists runs with badges, groups aliases and shows the config table', async ({ page }) => {
    await page.goto(new URL('runs', server.url).href)
    const list = page.getByTestId('run-list')
    await expect(list).toContainText('synth-a (lr 1)')
    await expect(list.locator('.dd-badge-example').first()).toBeVisible()
    // Keep only the two synthetic runs (the example sweep may be in the deck too).
    for (const box of await list.getByRole('checkbox').all()) {
      const name = (await box.locator('xpath=..').innerText()).trim()
      if (!name.startsWith('synth-')) await box.uncheck()
    }
    await expect(list.getByRole('checkbox', { checked: true })).toHaveCount(2)
    // `train_loss` was logged; the picker offers it under its canonical name.
    await expect(page.getByRole('checkbox', { name: 'train/loss' })).toBeChecked()
    await expect(page.locator('.dd-metric-keys').filter({ hasText: 'train_loss' })).toBeVisible()
    await expect(smoothPaths(page).first()).toBeAttached()
    const table = page.getByTestId('run-table')
    await expect(table.locator('th.dd-differs', { hasText: 'lr' })).toBeVisible()
    await expect(table.locator('th', { hasText: /^batch_size$/ })).toHaveCount(0)
  })

  test('the example sweep, when present, is drawn too', async ({ page, request }) => {
    const runs = (await (await request.get(new URL('api/runs', server.url).href)).json()) as Array<{ group?: string }>
    test.skip(!runs.some((r) => r.group === 'sweep-tweets'), 'the example sweep (group sweep-tweets) is not in this checkout yet')
    await page.goto(new URL('runs', server.url).href)
    await expect(page.getByTestId('run-list')).toContainText('sweep')
    await page.goto(server.url)
    await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
    await expect(smoothPaths(page).first()).toBeAttached()
    await toNextSlide(page, 1)
    // The sweep's chart (fetched while its slide was next) draws several runs of the tweets sweep.
    await expect.poll(() => page.getByTestId('chart').nth(1).locator('.dd-line-smooth path.recharts-line-curve').count()).toBeGreaterThan(2)
    await toFirstSlide(page)
  })
})

const fakeWandbPath = resolve(repoRoot, 'tests', 'support', 'fake-wandb.ts')

test('W&B sync from the /runs page adds the run to the list and the chart', async ({ page }) => {
  test.skip(!existsSync(fakeWandbPath), 'tests/support/fake-wandb.ts is not written yet')
  const { startFakeWandb } = (await import(fakeWandbPath)) as {
    startFakeWandb: (o?: object) => Promise<{ url: string; key: string; requests: unknown[]; close: () => Promise<void> }>
  }
  const fake = await startFakeWandb({})
  const deck = makeDeck()
  const home = mkdtempSync(join(tmpdir(), 'demodeck-home-'))
  const server = await startServer(deck, { WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key, HOME: home })
  try {
    await page.goto(new URL('runs', server.url).href)
    await expect(page.getByTestId('wandb-status')).toContainText('API key found')
    await expect(smoothPaths(page).first()).toBeAttached()
    const before = await smoothPaths(page).count()
    await expect(page.getByTestId('run-list').locator('.dd-badge-wandb')).toHaveCount(0)
    await page.getByLabel('W&B run path or URL').fill('demo-entity/exam-project/abc12345')
    await page.getByRole('button', { name: 'Sync', exact: true }).click()
    await expect(page.getByText(/^Synced “/)).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('run-list').locator('.dd-badge-wandb')).toHaveCount(1)
    // The synced run is selected and drawn alongside the others: train/loss and val/loss, one line each.
    await expect.poll(async () => smoothPaths(page).count()).toBe(before + 2)
    await expect(page.getByTestId('legend-item').filter({ hasText: 'train/loss' })).toHaveCount(before / 2 + 1)
    // A bad path is explained, not thrown.
    await page.getByLabel('W&B run path or URL').fill('not a path')
    await page.getByRole('button', { name: 'Sync', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText('Sync failed')
  } finally {
    await server.stop()
    await fake.close()
    removeDir(deck)
    removeDir(home)
  }
})

test.describe('the example deck', () => {
  let deck: string
  let server: DeckServer

  test.beforeAll(async () => {
    deck = copyDeck()
    server = await startServer(deck)
  })
  test.afterAll(async () => {
    await server?.stop()
    removeDir(deck)
  })

  test("slide 3: hovering the chart shows a tooltip with every run's exact value at that epoch", async ({ page, request }) => {
    const runs = (await (await request.get(new URL('api/runs', server.url).href)).json()) as Array<{ id: string; name: string; group?: string }>
    const sweep = runs.filter((r) => r.group === 'sweep-tweets')
    test.skip(sweep.length === 0, 'the example sweep (group sweep-tweets) is not in this checkout')
    const files = historyFiles(deck)
    const history = new Map(sweep.map((run) => [run.id, historyRows(files.find((f) => f.endsWith(`/${run.id}/history.jsonl`))!)]))
    await page.goto(server.url)
    await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
    await toFirstSlide(page)
    await toNextSlide(page, 1)
    await toNextSlide(page, 2)
    // Slide 3 holds the deck's first chart: val/acc and val/f1 per epoch, no smoothing, one line per run and metric.
    const chart = page.getByTestId('chart').first()
    await expect(chart.locator('path.recharts-line-curve')).toHaveCount(sweep.length * 2)
    // Whole epochs only: the x axis has no tick like "1.50" between two of them.
    const ticks = chart.locator('.recharts-xAxis-tick-labels .dd-axis-tick')
    await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(2)
    for (const tick of await ticks.allTextContents()) expect(tick.trim()).toMatch(/^\d+$/)
    const tooltip = chart.locator('.dd-chart-tooltip')
    await hover(page, chart.locator('svg.recharts-surface'), 0.55, tooltip)
    const epoch = Number(await tooltip.locator('.dd-chart-tooltip-x').innerText())
    expect(Number.isInteger(epoch)).toBe(true)
    // Every line has a row: its value at the hovered epoch, or (a run logged once) at its own epoch, marked "@ x".
    let atHovered = 0
    for (const run of sweep) {
      for (const metric of ['val/acc', 'val/f1']) {
        const line = tooltip.locator('tr', { hasText: `${run.name} · ${metric}` })
        await expect(line, `${run.name} · ${metric}`).toHaveCount(1)
        const text = await line.innerText()
        const at = /@ (\S+)/.exec(text)
        const x = at ? Number(at[1]) : epoch
        if (!at) atHovered++
        const row = history.get(run.id)!.find((r) => r['epoch'] === x && typeof r[metric] === 'number')
        expect(row, `${run.id} logged ${metric} at epoch ${x}`).toBeTruthy()
        expect(text).toContain(exact(row![metric] as number))
      }
    }
    expect(atHovered).toBeGreaterThan(0)
  })

  test('slide 4: a one-batch loss spike does not set the y range until "Ignore outliers" is unticked', async ({ page, request }) => {
    const runs = (await (await request.get(new URL('api/runs', server.url).href)).json()) as Array<{ group?: string }>
    test.skip(!runs.some((r) => r.group === 'sweep-tweets'), 'the example sweep (group sweep-tweets) is not in this checkout')
    await page.goto(server.url)
    await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
    await toFirstSlide(page)
    for (let i = 1; i <= 3; i++) await toNextSlide(page, i)
    const slide = page.locator('.reveal .slides > section.present')
    const chart = slide.getByTestId('chart')
    await expect(chart.locator('.dd-line-smooth path.recharts-line-curve').first()).toBeAttached()
    const top = async (): Promise<number> =>
      Math.max(...(await chart.locator('.recharts-yAxis-tick-labels .dd-axis-tick').allTextContents()).map(Number))
    // One run logged a train/loss of ~61.7 amid values near 0.5: by default it is left out of the y range (and says so).
    const outliers = slide.getByLabel('Ignore outliers')
    await expect(outliers).toBeChecked()
    await expect.poll(top).toBeLessThan(2)
    await expect(slide.locator('.dd-chart-footnote')).toContainText('is outside the y range')
    await outliers.uncheck()
    await expect.poll(top).toBeGreaterThanOrEqual(61)
    await expect(slide.locator('.dd-chart-footnote')).not.toContainText('outside the y range')
    await toFirstSlide(page)
  })

  test('every chart of the example deck fits its slide, x-axis labels included', async ({ page, request }) => {
    // Which slides carry a chart comes from the deck itself: a slide's chart mounts a moment after the slide is shown,
    // so counting charts in the page right after a click can miss one.
    const deck = (await (await request.get(new URL('api/deck', server.url).href)).json()) as Deck
    const chartsOn = deck.slides.map((s) => s.directives.filter((d) => d.name === 'chart').length)
    expect(
      chartsOn.some((n) => n > 0),
      'the example deck has a ::chart slide'
    ).toBe(true)
    await page.goto(server.url)
    await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
    await expect(page.locator('.reveal .slides > section')).toHaveCount(deck.slides.length)
    // The server keeps the slide an earlier test left the deck on: start from the first one.
    await toFirstSlide(page)
    let charts = 0
    for (let index = 0; index < deck.slides.length; index++) {
      if (index > 0) await page.getByRole('button', { name: 'next slide' }).click()
      const slide = page.locator('.reveal .slides > section.present')
      await expect(slide).toHaveCount(1)
      await expect(slide.locator('h1, h2').first()).toHaveText(deck.slides[index]!.title)
      const chart = slide.getByTestId('chart')
      if (chartsOn[index] === 0) continue
      await expect(chart).toHaveCount(chartsOn[index]!)
      charts++
      // The chart loads when its slide is shown; wait for its lines and axes.
      await expect(chart.locator('path.recharts-line-curve').first()).toBeAttached()
      const ticks = chart.locator('.recharts-xAxis-tick-labels .dd-axis-tick')
      await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(2)
      // The slide's area is reveal.js' 1280×720 `.slides` box (scaled to the window); a <section> grows with what overflows it.
      const slideBox = await settledBox(page.locator('.reveal .slides'))
      const boxes = [
        await settledBox(chart),
        await settledBox(slide.locator('.dd-chart')),
        ...(await Promise.all((await ticks.all()).map((t) => settledBox(t))))
      ]
      for (const box of boxes) {
        const where = `slide ${index + 1}: ${JSON.stringify(box)} in ${JSON.stringify(slideBox)}`
        expect(box.x, where).toBeGreaterThanOrEqual(slideBox.x - 0.5)
        expect(box.y, where).toBeGreaterThanOrEqual(slideBox.y - 0.5)
        expect(box.x + box.width, where).toBeLessThanOrEqual(slideBox.x + slideBox.width + 0.5)
        expect(box.y + box.height, where).toBeLessThanOrEqual(slideBox.y + slideBox.height + 0.5)
      }
      // The plot is not squeezed to nothing either: it keeps its minimum height (120 px at the slide's scale).
      expect(boxes[0]!.height).toBeGreaterThanOrEqual(100 * (slideBox.height / 720))
    }
    expect(charts).toBeGreaterThan(0)
    await toFirstSlide(page)
  })
})

/** Goes back to the deck's first slide (reveal.js' Home key: clicking its hidden-when-disabled arrow can scroll the slide viewport). */
async function toFirstSlide(page: Page): Promise<void> {
  // reveal.js ignores keys typed into a form control (a chart's checkbox may have the focus).
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()')
  await page.keyboard.press('Home')
  await expect(page.locator('.reveal .slides > section').first()).toHaveClass(/present/)
}

/**
 * Clicks "next slide" and waits until slide `index` is the one shown: a click made before the window joined the
 * host's slide, or counted before the last move was done, could leave the deck a slide short or over.
 */
async function toNextSlide(page: Page, index: number): Promise<void> {
  await page.getByRole('button', { name: 'next slide' }).click()
  await expect(page.locator('.reveal .slides > section').nth(index)).toHaveClass(/\bpresent\b/)
}

/** Every history.jsonl under a deck folder. */
function historyFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...historyFiles(path))
    else if (entry.name === 'history.jsonl') out.push(path)
  }
  return out
}
