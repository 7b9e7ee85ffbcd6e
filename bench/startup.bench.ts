/**
 * Start-up of browser mode on the example deck, as a student opening demodeck sees it:
 * launch → server ready (its "demodeck ready at" line) → slide 1's title visible in a fresh
 * Chromium → the first live prediction on the demo slide. Also what the page loads before
 * slide 1 (script and stylesheet bytes), and a bare page in the same browser as the floor.
 *
 * Each run starts a new server process and a new browser (no cache), so every figure is a cold
 * start. Builds into out-bench/ first. Writes bench/results/startup.json and .md.
 * Run: npx tsx bench/startup.bench.ts
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = 'out-bench'
const RUNS = Number(process.env.STARTUP_RUNS ?? 7)
const GOAL_SLIDE1_MS = 1000

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
const range = (values: number[]): string => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`

function build(): void {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    env: { ...process.env, DEMODECK_OUT: OUT },
    stdio: 'ignore'
  })
  if (result.status !== 0) throw new Error('electron-vite build failed; run it by hand to see why')
}

/** Starts the server and resolves when it prints its URL, with the time that took. */
async function startServer(): Promise<{ url: string; readyMs: number; stop: () => void }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [join(root, OUT, 'main', 'server.js'), '--deck', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return { url, readyMs: performance.now() - t0, stop: () => void child.kill('SIGTERM') }
}

interface Run {
  serverReadyMs: number
  bareMs: number
  slide1Ms: number
  firstPredictionMs: number
  scriptKB: number
  styleKB: number
}

async function once(): Promise<Run> {
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.DEMODECK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const bare = await context.newPage()
    let t = performance.now()
    await bare.goto('data:text/html,<h1>bare</h1>')
    await bare.locator('h1').waitFor()
    const bareMs = performance.now() - t
    await bare.close()

    const page = await context.newPage()
    const bytes = { script: 0, style: 0 }
    page.on('response', (response) => {
      const type = response.request().resourceType()
      if (type !== 'script' && type !== 'stylesheet') return
      void response.body().then(
        (body) => (bytes[type === 'script' ? 'script' : 'style'] += body.length),
        () => undefined
      )
    })
    t = performance.now()
    await page.goto(server.url)
    await page.locator('.reveal .slides > section.present h1').first().waitFor({ state: 'visible' })
    const slide1Ms = performance.now() - t
    const loaded = { ...bytes }

    // The first live prediction: go to the demo slide and wait for its bars.
    t = performance.now()
    const deck = (await (await fetch(new URL('api/deck', server.url))).json()) as { slides: Array<{ directives: Array<{ name: string }> }> }
    const index = deck.slides.findIndex((slide) => slide.directives.some((d) => d.name === 'demo'))
    if (index < 0) throw new Error('the example deck has no ::demo slide')
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight')
    await page.locator('.reveal .slides > section.present [data-testid="prediction-bars"]').first().waitFor({ state: 'visible', timeout: 30_000 })
    const firstPredictionMs = performance.now() - t
    return {
      serverReadyMs: server.readyMs,
      bareMs,
      slide1Ms,
      firstPredictionMs,
      scriptKB: loaded.script / 1024,
      styleKB: loaded.style / 1024
    }
  } finally {
    await browser.close()
    server.stop()
  }
}

async function main(): Promise<void> {
  build()
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await once())
  const col = (k: keyof Run): number[] => runs.map((r) => r[k])
  const load = loadavg().map((n) => n.toFixed(1))
  const result = {
    runs: RUNS,
    machine: `${cpus().length} cores, load average ${load.join(' / ')} at the end`,
    medianMs: {
      serverReady: Math.round(median(col('serverReadyMs'))),
      bare: Math.round(median(col('bareMs'))),
      slide1: Math.round(median(col('slide1Ms'))),
      firstPrediction: Math.round(median(col('firstPredictionMs')))
    },
    beforeSlide1KB: { script: Math.round(median(col('scriptKB'))), style: Math.round(median(col('styleKB'))) },
    goalSlide1Ms: GOAL_SLIDE1_MS,
    all: runs
  }
  const met = result.medianMs.slide1 <= GOAL_SLIDE1_MS
  const md = `## Start-up (browser mode, example deck, cold: new server and new Chromium each run)

| step | median | range over ${RUNS} runs |
| --- | --- | --- |
| launch → server ready | ${result.medianMs.serverReady} ms | ${range(col('serverReadyMs'))} ms |
| navigation → slide 1's title visible | ${result.medianMs.slide1} ms | ${range(col('slide1Ms'))} ms |
| a bare page in the same browser (floor) | ${result.medianMs.bare} ms | ${range(col('bareMs'))} ms |
| slide 1 → first live prediction on the demo slide | ${result.medianMs.firstPrediction} ms | ${range(col('firstPredictionMs'))} ms |

Loaded before slide 1: ${result.beforeSlide1KB.script} KB of script, ${result.beforeSlide1KB.style} KB of stylesheets.
Goal: slide 1 ≤ ${GOAL_SLIDE1_MS} ms — ${met ? 'met' : 'not met'}. Machine: ${result.machine}.
`
  mkdirSync(join(root, 'bench', 'results'), { recursive: true })
  writeFileSync(join(root, 'bench', 'results', 'startup.json'), JSON.stringify(result, null, 2) + '\n')
  writeFileSync(join(root, 'bench', 'results', 'startup.md'), md)
  console.log(md)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
