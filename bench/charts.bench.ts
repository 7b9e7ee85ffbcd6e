/**
 * Training-chart performance.
 *
 * 1. Node: smoothing and downsampling throughput on 100k-point series, the
 *    cost of a zoom (cut + downsample; smoothing is cached), and of a first view
 *    from a 100k-step history's wire columns (what TrainingChart computes before it renders).
 * 2. Real Chromium (Debian's /usr/bin/chromium via Playwright): first paint of
 *    a 100k-step × 4-metric chart. "pipeline" renders the real TrainingChart
 *    (smoothing 0.6 → raw + smoothed lines, one point per pixel, ≤ 2000,
 *    outliers ignored) with an in-memory host answering `runs:history` with the
 *    history's columns (HistoryColumns: what the renderer holds once the IPC/HTTP reply is decoded).
 *    TrainingChart is a recharts chart: a ComposedChart whose frame, axes, grid,
 *    best-point markers (and the ReferenceArea zoom selection) recharts draws
 *    from explicit domains and a two-row dataset, with the lines as precomputed
 *    SVG paths inside its surface, placed with its scales ([Note: recharts frame,
 *    precomputed paths] in TrainingChart.tsx); the page checks that the paths
 *    sit in the recharts surface next to its two axes. "raw" is recharts fed the
 *    raw 100k rows × 4 <Line>s directly (no smoothing, dot={false}, no
 *    animation: the cheapest naive baseline). Time = from render() to the frame
 *    after all line paths are in the DOM. HTTP and JSON parsing of the history
 *    are not included (same for both). "floor" is that bare LineChart with
 *    only 2000 rows: what feeding recharts' <Line> the downsampled points would
 *    cost, before any of the 100k-row work.
 *
 * The page is built here with vite into a temp folder and served on 127.0.0.1.
 * Run: npx tsx bench/charts.bench.ts  → bench/results/charts.{json,md}
 * Env: BENCH_CHART_STEPS (default 100000), BENCH_CHART_REPS (default 5),
 * BENCH_CHART_VERBOSE=1 (per-run timings), BENCH_CHART_PROFILE=1 (CPU profile of one
 * pipeline paint: heaviest functions and their callers; keeps the built page),
 * BENCH_CHART_PROFILE_SCRIPT=es6 (with PROFILE: inclusive time of that script's functions, e.g. recharts' chunk),
 * BENCH_CHART_QUICK=1 (pipeline first paint only, nothing written: for iterating).
 */
import { createServer } from 'node:http'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { lttb, minMaxBuckets } from '../src/core/series/downsample'
import { bestPoint, metricDirection } from '../src/core/series/best'
import { smoothedSeries, viewSeries } from '../src/core/series/pipeline'
import { emaDebiased, gaussian, runningAverage, twema } from '../src/core/series/smoothing'
import { columnsFromWire, seriesFromColumns, type Series } from '../src/core/series/values'
import type { HistoryColumns } from '../src/shared/types'
import { median } from './lib/stats'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..')
const STEPS = Number(process.env['BENCH_CHART_STEPS'] ?? 100_000)
const REPS = Number(process.env['BENCH_CHART_REPS'] ?? 5)
const METRICS = ['train/loss', 'val/loss', 'train/acc', 'val/acc']
/** BENCH_CHART_QUICK=1: only the pipeline's first paint (no Node part, no recharts baselines), results not written. */
const QUICK = Boolean(process.env['BENCH_CHART_QUICK'])

function timeIt(fn: () => void, reps = 7): number {
  fn() // warm-up (JIT)
  const times: number[] = []
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

function series(n: number, seed: number): Series {
  let s = seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x[i] = i
    y[i] = Math.exp(-i / (n / 5)) + (rand() - 0.5) * 0.2
  }
  return { x, y }
}

interface NodeResult {
  name: string
  ms: number
  mpointsPerSec: number
}

function nodeBench(): NodeResult[] {
  const s = series(STEPS, 7)
  const out: NodeResult[] = []
  const add = (name: string, points: number, fn: () => void): void => {
    const ms = timeIt(fn)
    out.push({ name, ms: Number(ms.toFixed(3)), mpointsPerSec: Number((points / 1e6 / (ms / 1000)).toFixed(1)) })
  }
  add('TensorBoard EMA (debiased)', STEPS, () => void emaDebiased(s.y, 0.6))
  add('W&B time-weighted EMA', STEPS, () => void twema(s.x, s.y, 0.6))
  add('Gaussian, 3 box passes (p = 0.6)', STEPS, () => void gaussian(s.x, s.y, 0.6))
  add('Running average (p = 0.6)', STEPS, () => void runningAverage(s.y, 0.6))
  add('LTTB → 2000 points', STEPS, () => void lttb(s.x, s.y, 2000))
  add('Min/max buckets → ~2000 points', STEPS, () => void minMaxBuckets(s.x, s.y, 999))
  const lines = METRICS.map((_, i) => series(STEPS, 11 + i))
  for (const l of lines) smoothedSeries(l, 'ema', 0.6)
  let zoomAt = 0
  add(`Zoom: cut + LTTB, 4 × ${STEPS} (smoothing cached)`, 4 * STEPS, () => {
    zoomAt = (zoomAt + 997) % (STEPS / 2)
    for (const l of lines) viewSeries(l, smoothedSeries(l, 'ema', 0.6), { range: [zoomAt, zoomAt + STEPS / 2], maxPoints: 1200, allFinite: true })
  })
  // What TrainingChart does with a fresh history (as in the browser part): the runs:history reply's columns
  // (HistoryColumns) read into typed arrays, then per metric the series, best point, smoothing and LTTB to one point per pixel.
  const wire: HistoryColumns = { steps: Array.from({ length: STEPS }, (_, i) => i), columns: {} }
  wire.columns['_runtime'] = Array.from({ length: STEPS }, (_, i) => i * 0.05)
  METRICS.forEach((m, k) => (wire.columns[m] = Array.from(lines[k]!.y)))
  add(`Read x + 4 metrics from the wire columns (${STEPS} steps)`, 4 * STEPS, () => {
    const column = columnsFromWire(wire)
    for (const key of ['_step', ...METRICS]) column(key)
  })
  add(`First view: columns + series + best + smooth + LTTB, 4 × ${STEPS}`, 4 * STEPS, () => {
    const column = columnsFromWire(wire)
    for (const m of METRICS) {
      const { series: s, stats } = seriesFromColumns(column('_step').values, column(m))
      bestPoint(s.x, s.y, metricDirection(m))
      viewSeries(s, smoothedSeries(s, 'ema', 0.6), { range: null, maxPoints: 1200, allFinite: stats.nonFinite === 0 })
    }
  })
  return out
}

// ---------------------------------------------------------------- browser

const PAGE_ENTRY = `
import { createRoot } from 'react-dom/client'
import { createElement as h } from 'react'

const STEPS = Number(new URLSearchParams(location.search).get('steps') ?? 100000)
const MODE = new URLSearchParams(location.search).get('mode') ?? 'pipeline'
const METRICS = ${JSON.stringify(METRICS)}

function rows() {
  let s = 12345
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647
  const out = new Array(STEPS)
  for (let i = 0; i < STEPS; i++) {
    const row = { _step: i, _runtime: i * 0.05, _timestamp: 1763900000 + i * 0.05 }
    METRICS.forEach((m, k) => (row[m] = Math.exp(-i / (STEPS / (3 + k))) + (rand() - 0.5) * 0.2))
    out[i] = row
  }
  return out
}

// The runs:history reply (HistoryColumns): what the host sends, as the decoded JSON arrives.
function columns(rows) {
  const out = { steps: rows.map((r) => r._step), columns: {} }
  for (const key of ['_runtime', '_timestamp', ...METRICS]) out.columns[key] = rows.map((r) => r[key])
  return out
}

const data = rows()
const wire = columns(data)
const run = { id: 'big', name: 'big run', source: 'jsonl', metrics: METRICS, steps: STEPS, config: {}, summary: {}, warnings: [] }
// An in-memory host: the real TrainingChart calls api['runs:history'] through window.demodeck.
window.demodeck = {
  host: 'electron',
  on: () => () => undefined,
  'runs:history': async () => {
    window.__historyAt = performance.now()
    return wire
  },
  'runs:list': async () => [run]
}

function waitForPaths(n) {
  return new Promise((resolve) => {
    const check = () => document.querySelectorAll('svg.recharts-surface path.recharts-line-curve').length >= n
    if (check()) return resolve()
    const mo = new MutationObserver(() => {
      if (check()) {
        mo.disconnect()
        resolve()
      }
    })
    mo.observe(document.body, { subtree: true, childList: true, attributes: true })
  })
}

async function main() {
  const recharts = await import('recharts')
  const { TrainingChart } = await import(${JSON.stringify(join(repo, 'src/renderer/src/features/charts/TrainingChart.tsx'))})
  await new Promise((r) => setTimeout(r, 50))
  const root = createRoot(document.getElementById('root'))
  const PROFILE = new URLSearchParams(location.search).has('profile')
  if (PROFILE) console.profile('paint')
  const t0 = performance.now()
  if (MODE === 'pipeline') {
    root.render(h('div', { style: { width: '1200px' } }, h(TrainingChart, {
      runs: [run], metrics: METRICS, initial: { x: '_step', smoothing: 0.6, algorithm: 'ema', log: false, ignoreOutliers: true },
      overrides: {}, size: 'page'
    })))
    await waitForPaths(METRICS.length * 2)
  } else {
    const { LineChart, Line, XAxis, YAxis, CartesianGrid } = recharts
    root.render(h(LineChart, { width: 1200, height: 520, data },
      h(CartesianGrid, { strokeDasharray: '3 3' }),
      h(XAxis, { dataKey: '_step', type: 'number', domain: ['dataMin', 'dataMax'] }),
      h(YAxis, null),
      ...METRICS.map((m, i) => h(Line, { key: m, dataKey: m, dot: false, isAnimationActive: false, stroke: ['#42affa', '#ff8a5b', '#3ccf7a', '#f5b942'][i] }))))
    await waitForPaths(METRICS.length)
  }
  const inDom = performance.now() - t0
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
  const ms = performance.now() - t0
  if (PROFILE) console.profileEnd('paint')
  const points = [...document.querySelectorAll('path.recharts-line-curve')].reduce((n, p) => n + (p.getAttribute('d') || '').split('L').length, 0)
  // The chart measured is a recharts chart: its surface holds the lines and both recharts axes.
  const surface = document.querySelector('svg.recharts-surface')
  const inRecharts = Boolean(surface && surface.querySelector('.recharts-xAxis') && surface.querySelector('.recharts-yAxis') && surface.querySelectorAll('path.recharts-line-curve').length === document.querySelectorAll('path.recharts-line-curve').length)
  window.__result = { ms, inDom, historyAt: window.__historyAt - t0, points, paths: document.querySelectorAll('path.recharts-line-curve').length, recharts: inRecharts }
}
main().catch((e) => (window.__result = { error: String(e && e.stack || e) }))
`

async function buildPage(): Promise<string> {
  const { build } = await import('vite')
  const react = (await import('@vitejs/plugin-react')).default
  // Inside the repo so bare imports resolve from node_modules; bench/results/*.tmp is git-ignored.
  const root = join(here, 'results', 'charts-page.tmp')
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="background:#191919;color:#eee"><div id="root"></div><script type="module" src="./entry.tsx"></script></body></html>'
  )
  writeFileSync(join(root, 'entry.tsx'), PAGE_ENTRY)
  await build({
    root,
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    resolve: { alias: {} },
    server: { fs: { allow: [repo, root] } },
    build: {
      outDir: join(root, 'dist'),
      emptyOutDir: true,
      minify: !process.env['BENCH_CHART_PROFILE'],
      rollupOptions: { input: join(root, 'index.html') }
    }
  })
  return join(root, 'dist')
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

async function browserBench(): Promise<{
  pipeline: number[]
  raw: number[]
  floor: number[]
  pipelinePoints: number
  rawPoints: number
  chromium: string
  load: number[][]
}> {
  const dist = await buildPage()
  const server = createServer((req, res) => {
    const path = join(dist, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '/').split('?')[0]!)
    if (!path.startsWith(dist) || !existsSync(path)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  const { launchChromium } = await import('./lib/chromium')
  const browser = await launchChromium()
  const measure = async (
    mode: string,
    steps = STEPS
  ): Promise<{ ms: number; inDom: number; historyAt?: number; points: number; recharts: boolean }> => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 800 } })
    await page.goto(`http://127.0.0.1:${port}/?mode=${mode}&steps=${steps}`)
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout: 300_000 })
    const result = (await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as {
      ms: number
      inDom: number
      historyAt?: number
      points: number
      recharts: boolean
      error?: string
    }
    await page.close()
    if (result.error) throw new Error(`${mode}: ${result.error}`)
    if (!result.recharts) throw new Error(`${mode}: the lines are not inside a recharts chart with its axes`)
    return result
  }
  if (process.env['BENCH_CHART_PROFILE']) await profile(browser, `http://127.0.0.1:${port}/?mode=pipeline&steps=${STEPS}`)
  const pipeline: number[] = []
  const raw: number[] = []
  const floor: number[] = []
  // Load averages (1, 5, 15 min) before and after: other work on a small machine shows in every number.
  const load = [loadavg().map((v) => Number(v.toFixed(2)))]
  let pipelinePoints = 0
  let rawPoints = 0
  for (let i = 0; i < REPS; i++) {
    const p = await measure('pipeline')
    if (process.env['BENCH_CHART_VERBOSE'])
      console.log(
        `pipeline: history asked for at ${p.historyAt?.toFixed(1)} ms, paths in DOM ${p.inDom.toFixed(1)} ms, next frame ${p.ms.toFixed(1)} ms`
      )
    pipeline.push(p.ms)
    pipelinePoints = p.points
    if (QUICK) continue
    const r = await measure('raw')
    raw.push(r.ms)
    rawPoints = r.points
    floor.push((await measure('raw', 2000)).ms)
  }
  load.push(loadavg().map((v) => Number(v.toFixed(2))))
  const version = browser.version()
  await browser.close()
  server.close()
  if (!process.env['BENCH_CHART_PROFILE']) rmSync(dirname(dist), { recursive: true, force: true })
  return { pipeline, raw, floor, pipelinePoints, rawPoints, chromium: version, load }
}

/**
 * BENCH_CHART_PROFILE=1: a CPU profile of exactly the measured window of one pipeline
 * first paint (console.profile around render() → next frame), printed as the functions
 * with the most self time, the most inclusive time, and the callers of the heaviest ones.
 */
async function profile(browser: import('@playwright/test').Browser, url: string): Promise<void> {
  interface ProfNode {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }
  interface Prof {
    nodes: ProfNode[]
    samples: number[]
    timeDeltas: number[]
  }
  // One warm-up load (disk cache, compile cache), then the profiled one.
  for (let round = 0; round < 2; round++) {
    const page = await browser.newPage({ viewport: { width: 1300, height: 800 } })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    const finished = new Promise<Prof>((r) => cdp.on('Profiler.consoleProfileFinished', (e) => r((e as unknown as { profile: Prof }).profile)))
    await page.goto(`${url}&profile=1`)
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout: 300_000 })
    const prof = await finished
    const result = await page.evaluate(() => JSON.stringify((window as unknown as { __result: unknown }).__result))
    await page.close()
    if (round === 0) continue
    console.log('profiled paint:', result)
    const byId = new Map(prof.nodes.map((n) => [n.id, n]))
    const parent = new Map<number, number>()
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
    const label = (n: ProfNode): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    const self = new Map<string, number>()
    const total = new Map<string, number>()
    let all = 0
    prof.samples.forEach((id, i) => {
      const ms = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000
      all += ms
      const n = byId.get(id)!
      self.set(label(n), (self.get(label(n)) ?? 0) + ms)
      const seen = new Set<string>()
      for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
        const k = label(byId.get(p)!)
        if (seen.has(k)) continue
        seen.add(k)
        total.set(k, (total.get(k) ?? 0) + ms)
      }
    })
    const byScript = new Map<string, number>()
    prof.samples.forEach((id, i) => {
      const k =
        byId
          .get(id)!
          .callFrame.url.split('/')
          .pop()
          ?.replace(/-[\w-]{8}\.js$/, '.js') || byId.get(id)!.callFrame.functionName
      byScript.set(k, (byScript.get(k) ?? 0) + (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000)
    })
    console.log(
      'self time by script:',
      [...byScript]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
        .join(', ')
    )
    if (process.env['BENCH_CHART_PROFILE_SCRIPT']) {
      // Inclusive time of the functions of one script (e.g. es6 = recharts' chunk), top 40.
      const only = new Map<string, number>()
      prof.samples.forEach((id, i) => {
        const ms = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000
        const seen = new Set<string>()
        for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
          const n = byId.get(p)!
          if (!n.callFrame.url.includes(process.env['BENCH_CHART_PROFILE_SCRIPT']!)) continue
          const k = label(n)
          if (seen.has(k)) continue
          seen.add(k)
          only.set(k, (only.get(k) ?? 0) + ms)
        }
      })
      for (const [k, v] of [...only].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), 'ms', k)
    }
    console.log(`sampled ${all.toFixed(1)} ms; self time:`)
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), 'ms', k)
    console.log('inclusive time:')
    for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(v.toFixed(1).padStart(8), 'ms', k)
    const top = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k]) => k)
    for (const name of top) {
      const chains = new Map<string, number>()
      prof.samples.forEach((id, i) => {
        if (label(byId.get(id)!) !== name) return
        const chain: string[] = []
        for (let p = parent.get(id); p !== undefined && chain.length < 7; p = parent.get(p))
          chain.push(byId.get(p)!.callFrame.functionName || '(anon)')
        const key = chain.join(' < ')
        chains.set(key, (chains.get(key) ?? 0) + (prof.timeDeltas[i + 1] ?? 0) / 1000)
      })
      console.log(`callers of ${name}:`)
      for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log('   ', v.toFixed(1), 'ms', k)
    }
  }
}

async function main(): Promise<void> {
  if (QUICK) {
    const b = await browserBench()
    console.log(
      `pipeline first paint: median ${median(b.pipeline).toFixed(1)} ms; all ${b.pipeline.map((v) => v.toFixed(1)).join(', ')}; load ${b.load.map((l) => l.join('/')).join(' → ')}`
    )
    return
  }
  const node = nodeBench()
  for (const r of node) console.log(`${r.name.padEnd(58)} ${r.ms.toFixed(2).padStart(9)} ms  ${String(r.mpointsPerSec).padStart(7)} Mpts/s`)
  let browser: Awaited<ReturnType<typeof browserBench>> | null = null
  let browserError: string | null = null
  try {
    browser = await browserBench()
  } catch (error) {
    browserError = String(error instanceof Error ? error.message : error)
    console.error('browser part failed:', browserError)
  }
  const firstPaint = browser
    ? {
        steps: STEPS,
        metrics: METRICS.length,
        reps: REPS,
        chromium: browser.chromium,
        pipelineMs: Number(median(browser.pipeline).toFixed(1)),
        rawMs: Number(median(browser.raw).toFixed(1)),
        floorMs: Number(median(browser.floor).toFixed(1)),
        speedup: Number((median(browser.raw) / median(browser.pipeline)).toFixed(1)),
        pipelinePathPoints: browser.pipelinePoints,
        rawPathPoints: browser.rawPoints,
        pipelineAllMs: browser.pipeline.map((v) => Number(v.toFixed(1))),
        rawAllMs: browser.raw.map((v) => Number(v.toFixed(1))),
        floorAllMs: browser.floor.map((v) => Number(v.toFixed(1))),
        loadBefore: browser.load[0],
        loadAfter: browser.load[1],
        goal: 'pipeline ≤ 200 ms and ≥ 20× faster than raw'
      }
    : null
  if (firstPaint) console.log(`first paint: pipeline ${firstPaint.pipelineMs} ms, raw recharts ${firstPaint.rawMs} ms (${firstPaint.speedup}×)`)
  const result = {
    bench: 'charts',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    node,
    firstPaint,
    ...(browserError ? { browserError } : {})
  }
  const dir = join(here, 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'charts.json'), JSON.stringify(result, null, 2) + '\n')
  const md = [
    '# Training charts benchmark',
    '',
    `${result.date} · ${result.machine.cpus} CPUs (${result.machine.cpu}) · Node ${result.machine.node}`,
    '',
    `## First paint, ${STEPS.toLocaleString('en')} steps × ${METRICS.length} metrics (real Chromium, median of ${REPS})`,
    '',
    firstPaint
      ? [
          '| | first paint | points in the SVG paths |',
          '|---|---:|---:|',
          `| demodeck pipeline (TrainingChart, a recharts ComposedChart: recharts draws the frame, axes, grid and best markers (non-overlapping labels) from explicit domains and a two-row dataset; the lines are precomputed SVG paths inside its surface, placed with its scales. Before that: the history's wire columns read into typed arrays, the full series smoothed, LTTB to one point per pixel (≤ 2000), y range decided per series; raw + smoothed lines) | ${firstPaint.pipelineMs} ms | ${firstPaint.pipelinePathPoints.toLocaleString('en')} |`,
          `| recharts fed the raw rows (LineChart, 4 <Line>s, dot={false}, no animation) | ${firstPaint.rawMs} ms | ${firstPaint.rawPathPoints.toLocaleString('en')} |`,
          `| floor: the same bare LineChart with only 2,000 rows | ${firstPaint.floorMs} ms | 8,000 |`,
          '',
          `Speed-up: **${firstPaint.speedup}×** (goal: ≤ 200 ms and ≥ 20×). Chromium ${firstPaint.chromium}. All runs: pipeline ${firstPaint.pipelineAllMs.join(', ')} ms; raw ${firstPaint.rawAllMs.join(', ')} ms; floor ${firstPaint.floorAllMs.join(', ')} ms.`,
          `Load average (1/5/15 min) ${firstPaint.loadBefore.join('/')} before the browser runs, ${firstPaint.loadAfter.join('/')} after (2 CPUs).`,
          'Fetching and JSON-parsing the history are not included (the same for both): an in-memory host hands the pipeline page the 100k-step history as columns (and the raw baseline the row objects).',
          'The floor row is what recharts costs when its <Line>s are fed even the downsampled points, before any of the 100k-row work; TrainingChart',
          'gives recharts no points at all (see [Note: recharts frame, precomputed paths] in TrainingChart.tsx), so its time is the 100k-row work',
          '(columns, series, best points, smoothing, LTTB, y range) plus mounting the recharts chart with the paths in it.'
        ].join('\n')
      : `Browser part failed: ${browserError}`,
    '',
    `## Node throughput (${STEPS.toLocaleString('en')}-point series, median of 7)`,
    '',
    '| operation | time | throughput |',
    '|---|---:|---:|',
    ...node.map((r) => `| ${r.name} | ${r.ms} ms | ${r.mpointsPerSec} M points/s |`),
    ''
  ].join('\n')
  writeFileSync(join(dir, 'charts.md'), md)
  console.log(`wrote ${join(dir, 'charts.json')} and charts.md`)
}

await main()
