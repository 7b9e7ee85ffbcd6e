/**
 * Chart and demo slides ready before they are shown (#10 item 7): key press → the slide's live component
 * fully drawn, in real Chromium against a real browser-mode server.
 *
 * The deck: a text slide, a chart of a 100,000-step × 4-metric run (a loose CSV in runs/, as a student's
 * export would be), a text slide, then the example model's demo with its first example. Each run opens a
 * fresh page on the slide before the component, lets it idle until the hidden next slide has drawn it (what
 * the prefetch does), then presses → and follows every animation frame from the key press:
 * - "key → slide appears": the first frame in which reveal.js has made the slide the present one;
 * - "key → fully drawn": the first frame in which the present slide holds all its chart lines (or the
 *   demo's text box);
 * - "frames late": how many frames after the slide appeared it was complete (goal: ≤ 1).
 * The baseline ("not prepared") jumps from slide 1 straight to the chart slide, two slides away, which the
 * prefetch leaves alone: slide appears → chart fully drawn, the wait the audience had before.
 * For the demo, "→ first bars" adds the first prediction, which runs only once the slide is current.
 *
 * Builds into out-bench/ first. Writes bench/results/slide-ready.json and .md.
 * Run: npx tsx bench/slide-ready.bench.ts   Env: SLIDE_READY_RUNS (default 7), SLIDE_READY_STEPS (default 100000).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { buildApp, root, startServer } from './lib/app'
import { launchChromium } from './lib/chromium'
import { writeResults } from './lib/results'
import { median, range } from './lib/stats'

const RUNS = Number(process.env['SLIDE_READY_RUNS'] ?? 7)
const STEPS = Number(process.env['SLIDE_READY_STEPS'] ?? 100_000)
const METRICS = ['train/loss', 'val/loss', 'train/acc', 'val/acc']
const CHART_SLIDE = 2
const DEMO_SLIDE = 4
const LINES = '.dd-chart path.recharts-line-curve'

/** A temp deck: the example's models and the big run as a CSV. */
function makeDeck(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-slide-ready-'))
  cpSync(join(root, 'models', 'disaster-tweets'), join(dir, 'models', 'disaster-tweets'), { recursive: true })
  mkdirSync(join(dir, 'slides'), { recursive: true })
  mkdirSync(join(dir, 'runs'), { recursive: true })
  let seed = 12345
  const rand = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647
  const rows = [`_step,${METRICS.join(',')}`]
  for (let i = 0; i < STEPS; i++)
    rows.push(`${i},${METRICS.map((_, k) => (Math.exp(-i / (STEPS / (3 + k))) + (rand() - 0.5) * 0.2).toFixed(5)).join(',')}`)
  writeFileSync(join(dir, 'runs', 'big-run.csv'), rows.join('\n') + '\n')
  writeFileSync(
    join(dir, 'slides', 'deck.md'),
    `---\ntitle: Slide-ready bench\n---\n# Title\n\n---\n\n# Before the chart\n\nText.\n\n---\n\n# Curves\n\n` +
      `::chart{runs="big-run" metrics="${METRICS.join(',')}" x="_step" smoothing="0.6"}\n\n---\n\n# Before the demo\n\nText.\n\n---\n\n` +
      `# Demo\n\n::demo{model="disaster-tweets" example="0"}\n`
  )
  return dir
}

async function setSlide(url: string, slide: number): Promise<void> {
  const response = await fetch(new URL('api/sync', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'bench', slide, fragment: -1 })
  })
  if (!response.ok) throw new Error(`sync failed: ${response.status}`)
}

async function openAt(page: Page, url: string, slide: number): Promise<void> {
  await setSlide(url, slide)
  await page.goto(url)
  // tsx keeps function names with a `__name(…)` helper that the functions sent to the page would call.
  await page.evaluate('window.__name = (f) => f')
  await page.locator('[data-testid="audience"][data-synced="true"]').waitFor()
  await page.locator(`.reveal .slides > section:nth-child(${slide + 1}).present`).waitFor()
}

/** Times of one transition, ms from its start, and frame numbers (frame 1 = the first after the start). */
interface Timing {
  appearMs: number
  drawnMs: number
  appearFrame: number
  drawnFrame: number
}

/**
 * Arms a frame-by-frame watch of slide `index` (until it is present and holds `count` elements matching
 * `selector`) that starts at the next keydown, or at once with `now`. Resolves, once armed, with a function
 * that waits for the times.
 */
async function watch(page: Page, index: number, selector: string, count: number, now: boolean): Promise<() => Promise<Timing>> {
  const id = await page.evaluate(
    ({ index, selector, count, now }) => {
      const w = window as unknown as { __watches?: Array<Promise<Timing>> }
      const watches = (w.__watches ??= [])
      const section = document.querySelectorAll('.reveal .slides > section')[index]!
      watches.push(
        new Promise<Timing>((resolve) => {
          const begin = (t0: number): void => {
            let frame = 0
            let appear: { ms: number; frame: number } | null = null
            const tick = (t: number): void => {
              frame++
              if (!appear && section.classList.contains('present')) appear = { ms: t - t0, frame }
              if (appear && section.querySelectorAll(selector).length >= count) {
                resolve({ appearMs: appear.ms, drawnMs: t - t0, appearFrame: appear.frame, drawnFrame: frame })
                return
              }
              requestAnimationFrame(tick)
            }
            requestAnimationFrame(tick)
          }
          if (now) begin(performance.now())
          else window.addEventListener('keydown', (e) => begin(e.timeStamp), { capture: true, once: true })
        })
      )
      return watches.length - 1
    },
    { index, selector, count, now }
  )
  return () => page.evaluate((i) => (window as unknown as { __watches: Array<Promise<Timing>> }).__watches[i]!, id)
}

interface Run {
  chart: Timing
  cold: Timing
  demo: Timing
  demoBarsMs: number
}

async function once(page: Page, url: string): Promise<Run> {
  // Prepared chart: idle on the slide before until the hidden chart has drawn, then →.
  await openAt(page, url, CHART_SLIDE - 1)
  const lines = page.locator(`.reveal .slides > section:nth-child(${CHART_SLIDE + 1}) ${LINES}`)
  await lines.first().waitFor({ state: 'attached', timeout: 120_000 })
  const count = await lines.count()
  const chartTiming = await watch(page, CHART_SLIDE, LINES, count, false)
  await page.keyboard.press('ArrowRight')
  const chart = await chartTiming()

  // Not prepared: from slide 0 (the chart is two slides away, left alone) straight to the chart.
  await openAt(page, url, 0)
  const coldTiming = await watch(page, CHART_SLIDE, LINES, count, true)
  await setSlide(url, CHART_SLIDE)
  const cold = await coldTiming()

  // The demo: idle before it, →, its text box (first frame) and its first bars (the prediction runs now).
  await openAt(page, url, DEMO_SLIDE - 1)
  await page.locator(`.reveal .slides > section:nth-child(${DEMO_SLIDE + 1}) textarea`).waitFor({ state: 'attached' })
  const demoTiming = await watch(page, DEMO_SLIDE, 'textarea', 1, false)
  const barsTiming = await watch(page, DEMO_SLIDE, '[data-testid="prediction-row"]', 1, false)
  await page.keyboard.press('ArrowRight')
  const demo = await demoTiming()
  const bars = await barsTiming()
  return { chart, cold, demo, demoBarsMs: bars.drawnMs }
}

async function main(): Promise<void> {
  buildApp()
  const deck = makeDeck()
  const server = await startServer(deck)
  const browser = await launchChromium()
  const runs: Run[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await once(page, server.url) // warm-up: the server reads and caches the big run
    for (let i = 0; i < RUNS; i++) runs.push(await once(page, server.url))
  } finally {
    await browser.close()
    server.stop()
    rmSync(deck, { recursive: true, force: true })
  }
  const pick = (f: (r: Run) => number): number[] => runs.map(f)
  const late = (t: Timing): number => t.drawnFrame - t.appearFrame
  const rows = {
    chartAppear: pick((r) => r.chart.appearMs),
    chartDrawn: pick((r) => r.chart.drawnMs),
    chartLate: pick((r) => late(r.chart)),
    coldLateMs: pick((r) => r.cold.drawnMs - r.cold.appearMs),
    coldLate: pick((r) => late(r.cold)),
    demoAppear: pick((r) => r.demo.appearMs),
    demoDrawn: pick((r) => r.demo.drawnMs),
    demoLate: pick((r) => late(r.demo)),
    demoBars: pick((r) => r.demoBarsMs)
  }
  const load = loadavg().map((n) => n.toFixed(1))
  const met = Math.max(...rows.chartLate, ...rows.demoLate) <= 1
  const result = {
    runs: RUNS,
    steps: STEPS,
    metrics: METRICS.length,
    machine: `${cpus().length} cores, load average ${load.join(' / ')} at the end`,
    median: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Math.round(median(v))])),
    goal: 'the component complete at most one frame after its slide appears',
    met,
    all: runs
  }
  const md = `## Slides ready before they are shown (key → chart or demo fully drawn, Chromium, browser mode)

A chart of ${STEPS.toLocaleString('en')} steps × ${METRICS.length} metrics (smoothing 0.6) and the example model's demo, each on the slide after a text slide.

| measure | median | range over ${RUNS} runs |
| --- | --- | --- |
| → onto the chart slide: key → slide appears | ${result.median['chartAppear']} ms | ${range(rows.chartAppear)} ms |
| → onto the chart slide: key → chart fully drawn | ${result.median['chartDrawn']} ms | ${range(rows.chartDrawn)} ms |
| → onto the chart slide: frames between slide appearing and chart drawn | ${result.median['chartLate']} | ${range(rows.chartLate)} |
| not prepared (a jump to the chart slide two slides away): slide appears → chart drawn | ${result.median['coldLateMs']} ms (${result.median['coldLate']} frames) | ${range(rows.coldLateMs)} ms |
| → onto the demo slide: key → slide appears | ${result.median['demoAppear']} ms | ${range(rows.demoAppear)} ms |
| → onto the demo slide: key → demo drawn (its text box) | ${result.median['demoDrawn']} ms | ${range(rows.demoDrawn)} ms |
| → onto the demo slide: frames between slide appearing and demo drawn | ${result.median['demoLate']} | ${range(rows.demoLate)} |
| → onto the demo slide: key → first bars (the prediction runs once the slide is current) | ${result.median['demoBars']} ms | ${range(rows.demoBars)} ms |

Goal: complete ≤ 1 frame after the slide appears — ${met ? 'met' : 'not met'} in every run. Machine: ${result.machine}.
`
  writeResults('slide-ready', result, md)
  console.log(md)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
