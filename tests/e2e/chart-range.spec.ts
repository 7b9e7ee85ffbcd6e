/**
 * What a training chart's axes and labels show on degenerate real-world
 * curves, in real Chromium against the browser-mode server: a loss that falls
 * to exactly 0, two runs on very different scales, a one-batch spike, a
 * zoom on a log axis, runs logged years apart on Wall time, and four long
 * runs whose best points all sit at the right edge.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { removeDir, startServer, type DeckServer } from './fixtures'

/** Writes a run folder (run.json + history.jsonl) with `loss` at every step. */
function writeRun(deck: string, id: string, group: string, loss: (step: number) => number, steps: number, t0 = 1_700_000_000, dt = 1): void {
  const dir = join(deck, 'runs', id)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ id, name: id, group, state: 'finished', source: 'example', tags: [] }))
  const lines: string[] = []
  for (let step = 0; step < steps; step++) lines.push(`{"_step":${step},"_runtime":${step * dt},"_timestamp":${t0 + step * dt},"loss":${loss(step)}}`)
  writeFileSync(join(dir, 'history.jsonl'), lines.join('\n') + '\n')
}

const SLIDES = [
  '::chart{runs="zero" metrics="loss" smoothing="0"}',
  '::chart{runs="pair" metrics="loss" smoothing="0"}',
  '::chart{runs="spike" metrics="loss" smoothing="0"}',
  '::chart{runs="decay" metrics="loss" smoothing="0" log="true"}',
  '::chart{runs="years" metrics="loss" smoothing="0" x="_timestamp"}',
  '::chart{runs="end" metrics="loss" smoothing="0"}'
]

function makeDeck(): string {
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-range-'))
  mkdirSync(join(deck, 'slides'), { recursive: true })
  writeFileSync(
    join(deck, 'slides', 'deck.md'),
    `---\ntitle: Chart ranges\n---\n\n${SLIDES.map((s, i) => `# Chart ${i + 1}\n\n${s}\n`).join('\n---\n\n')}`
  )
  // A student's degenerate run: the loss falls from 2.3 to exactly 0 within 60 of 4,000 steps.
  writeRun(deck, 'zero', 'zero', (s) => (s < 60 ? 2.3 * (1 - s / 60) ** 2 : 0), 4000)
  // One run valued 1.0–1.3 beside one valued 0.003–0.024 with 50× the points.
  writeRun(deck, 'big', 'pair', (s) => 1.3 - 0.3 * (s / 199), 200)
  writeRun(deck, 'small', 'pair', (s) => 0.024 - 0.021 * (s / 9999), 10_000)
  // A one-batch spike of 61.7 amid values near 0.5.
  writeRun(deck, 'spike', 'spike', (s) => (s === 300 ? 61.7 : 0.5 + 0.2 * Math.exp(-s / 200) + 0.01 * Math.sin(s)), 1000)
  // Five decades: 10 → 1e-4.
  writeRun(deck, 'decay', 'decay', (s) => 10 * Math.pow(10, (-5 * s) / 999), 1000)
  // Two runs logged in June 2021 and March 2025 (one step an hour).
  writeRun(deck, 'old', 'years', (s) => 1 / (1 + s), 100, Date.parse('2021-06-08T19:22:14Z') / 1000, 3600)
  writeRun(deck, 'new', 'years', (s) => 1 / (1 + s), 100, Date.parse('2025-03-15T20:46:39Z') / 1000, 3600)
  // Four long runs whose losses end, at their best, within 0.3 % of each other.
  for (let k = 0; k < 4; k++) writeRun(deck, `end-${k}`, 'end', (s) => 0.2 + 0.001 * k + 0.8 * Math.exp(-s / 2000), 20_000)
  return deck
}

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

/** Opens the deck on slide `n` (1-based) and returns its chart once its lines are drawn. */
async function chartOn(page: Page, n: number): Promise<Locator> {
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()')
  await page.keyboard.press('Home')
  for (let i = 1; i < n; i++) await page.getByRole('button', { name: 'next slide' }).click()
  const chart = page.locator('.reveal .slides > section.present').getByTestId('chart')
  // The first scan of this deck's runs (≈ 100k rows) can take a while on a loaded machine.
  await expect(chart.locator('path.recharts-line-curve').first()).toBeAttached({ timeout: 30_000 })
  // The next slide's chart is drawn before it is shown: wait for reveal.js's slide transition to end, so what
  // the tests measure is where the chart sits on screen, not a frame of the slide moving in.
  await expect.poll(() => page.evaluate('document.getAnimations().length')).toBe(0)
  return chart
}

const yTicks = async (chart: Locator): Promise<number[]> =>
  (await chart.locator('.recharts-yAxis-tick-labels .dd-axis-tick').allTextContents()).map(Number)

test.describe.configure({ mode: 'serial' })

test('a loss that falls to exactly 0 keeps its learning phase in view and says where it reaches 0', async ({ page }) => {
  const chart = await chartOn(page, 1)
  await expect.poll(async () => Math.max(...(await yTicks(chart)))).toBeGreaterThanOrEqual(2.3)
  const slide = page.locator('.reveal .slides > section.present')
  await expect(slide.getByTestId('legend-item')).toContainText('reaches 0 at 60')
  await expect(slide.getByTestId('legend-item')).not.toContainText('best 0')
  await expect(slide.locator('.dd-chart-footnote')).not.toContainText('outside the y range')
})

test('a run valued 1.0–1.3 and one valued 0.003–0.024 are both in the y range', async ({ page }) => {
  const chart = await chartOn(page, 2)
  await expect.poll(async () => Math.max(...(await yTicks(chart)))).toBeGreaterThanOrEqual(1.3)
  expect(Math.min(...(await yTicks(chart)))).toBeLessThanOrEqual(0.003)
})

test('a one-batch spike is left outside the y range, marked at the edge, and the chart says so', async ({ page }) => {
  const chart = await chartOn(page, 3)
  const slide = page.locator('.reveal .slides > section.present')
  await expect.poll(async () => Math.max(...(await yTicks(chart)))).toBeLessThan(2)
  await expect(chart.locator('.dd-outlier-mark')).toHaveCount(1)
  await expect(slide.locator('.dd-chart-footnote')).toContainText('1 outlier point of loss is outside the y range')
  await slide.getByLabel('Ignore outliers').uncheck()
  await expect.poll(async () => Math.max(...(await yTicks(chart)))).toBeGreaterThanOrEqual(61.7)
  await expect(chart.locator('.dd-outlier-mark')).toHaveCount(0)
})

test('zooming a log-scale chart refits its y range to the zoomed steps', async ({ page }) => {
  const chart = await chartOn(page, 4)
  const full = await yTicks(chart)
  expect(Math.max(...full)).toBeGreaterThanOrEqual(10)
  const surface = chart.locator('svg.recharts-surface')
  const box = (await surface.boundingBox())!
  // Drag across the last fifth of the steps (loss ≈ 1e-3 … 1e-4).
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 4 })
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(chart).toHaveAttribute('data-zoomed', 'true')
  await expect.poll(async () => Math.max(...(await yTicks(chart)))).toBeLessThan(0.01)
})

test('Wall time across runs years apart shows dates, not hours', async ({ page }) => {
  const chart = await chartOn(page, 5)
  const ticks = chart.locator('.recharts-xAxis-tick-labels .dd-axis-tick')
  await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(2)
  const labels = await ticks.allTextContents()
  for (const label of labels) expect(label).toMatch(/20\d\d/)
  expect(labels.join(' ')).not.toMatch(/\d\d:\d\d/)
})

test('the best-value labels of four runs ending together never overlap', async ({ page }) => {
  const chart = await chartOn(page, 6)
  const labels = chart.locator('.dd-best-label')
  await expect(chart.locator('.dd-best-dot')).toHaveCount(4)
  await expect.poll(() => labels.count()).toBeGreaterThanOrEqual(3)
  // Labels and plot measured in the same frame.
  const { boxes, plot } = await chart.evaluate((root) => {
    const rect = (e: Element) =>
      e.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number; x: number; width: number }
    return { boxes: [...root.querySelectorAll('.dd-best-label')].map(rect), plot: rect(root.querySelector('svg.recharts-surface')!) }
  })
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!
    expect(a.right).toBeLessThanOrEqual(plot.x + plot.width + 0.5)
    for (let j = 0; j < i; j++) {
      const b = boxes[j]!
      expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom, `labels ${i} and ${j} overlap`).toBe(false)
    }
  }
})
