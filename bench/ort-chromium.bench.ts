/**
 * onnxruntime-node (what demodeck uses) against onnxruntime-web (wasm) in the
 * same Chromium, on the example text model with identical token inputs:
 * single-prediction latency and batch-64 throughput. Also the HTTP API's
 * end-to-end latency through browser mode (POST /api/models/<id>/predict).
 * Writes bench/results/ort-chromium.json and .md.
 */
import { createServer } from 'node:http'
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import { launchChromium } from './lib/chromium'
import { intraOpThreads } from '../src/core/models/session-options'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modelPath = join(root, 'models', 'disaster-tweets', 'model.onnx')
const SEQ = 32
const BATCH = 64
const SINGLE_RUNS = 300
const BATCH_RUNS = 40
/** Batch timing rounds; the best round counts (least disturbed by the shared machine). */
const ROUNDS = 7

function tokens(batch: number, seed: number): { ids: bigint[]; mask: bigint[] } {
  let s = seed
  const ids: bigint[] = []
  const mask: bigint[] = []
  for (let i = 0; i < batch * SEQ; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    ids.push(BigInt(5 + (s % 5000)))
    mask.push(1n)
  }
  return { ids, mask }
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Intra-op threads demodeck's worker gives this model (src/host/models/worker-runtime.ts). */
const APP_THREADS = intraOpThreads(readFileSync(modelPath).length, availableParallelism(), process.env['DEMODECK_ORT_THREADS'])

async function nodeSide(threads?: number): Promise<{ singleP50: number; singleP95: number; batchPerSec: number; threads: string }> {
  // threads undefined: ONNX Runtime's own default pool (one thread per core), shown for comparison.
  const session = await ort.InferenceSession.create(modelPath, { graphOptimizationLevel: 'all', ...(threads ? { intraOpNumThreads: threads } : {}) })
  const feed = (batch: number, seed: number) => {
    const { ids, mask } = tokens(batch, seed)
    return {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [batch, SEQ]),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask), [batch, SEQ])
    }
  }
  for (let i = 0; i < 20; i++) await session.run(feed(1, i))
  const single: number[] = []
  for (let i = 0; i < SINGLE_RUNS; i++) {
    const f = feed(1, i)
    const t = performance.now()
    await session.run(f)
    single.push(performance.now() - t)
  }
  const batchFeed = feed(BATCH, 7)
  await session.run(batchFeed)
  let best = Infinity
  for (let round = 0; round < ROUNDS; round++) {
    const t = performance.now()
    for (let i = 0; i < BATCH_RUNS; i++) await session.run(batchFeed)
    best = Math.min(best, performance.now() - t)
  }
  const batchPerSec = (BATCH * BATCH_RUNS) / (best / 1000)
  return { singleP50: pct(single, 50), singleP95: pct(single, 95), batchPerSec, threads: threads ? String(threads) : 'default' }
}

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import * as ort from '/ort/ort.wasm.min.mjs'
ort.env.wasm.wasmPaths = '/ort/'
const SEQ = ${SEQ}, BATCH = ${BATCH}
function tokens(batch, seed) {
  let s = seed; const ids = new BigInt64Array(batch * SEQ); const mask = new BigInt64Array(batch * SEQ)
  for (let i = 0; i < batch * SEQ; i++) { s = (s * 1103515245 + 12345) % 2147483648; ids[i] = BigInt(5 + (s % 5000)); mask[i] = 1n }
  return { input_ids: new ort.Tensor('int64', ids, [batch, SEQ]), attention_mask: new ort.Tensor('int64', mask, [batch, SEQ]) }
}
try {
  const session = await ort.InferenceSession.create('/model.onnx', { executionProviders: ['wasm'] })
  for (let i = 0; i < 20; i++) await session.run(tokens(1, i))
  const single = []
  for (let i = 0; i < ${SINGLE_RUNS}; i++) { const f = tokens(1, i); const t = performance.now(); await session.run(f); single.push(performance.now() - t) }
  const bf = tokens(BATCH, 7); await session.run(bf)
  let best = Infinity
  for (let round = 0; round < ${ROUNDS}; round++) {
    const t = performance.now()
    for (let i = 0; i < ${BATCH_RUNS}; i++) await session.run(bf)
    best = Math.min(best, performance.now() - t)
  }
  window.result = { single, batchMs: best, threads: ort.env.wasm.numThreads }
} catch (e) { window.result = { error: String(e) } }
</script>`

async function chromiumSide(): Promise<{ singleP50: number; singleP95: number; batchPerSec: number; threads: number; version: string }> {
  const ortDir = join(root, 'node_modules', 'onnxruntime-web', 'dist')
  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    try {
      if (url === '/') return void res.writeHead(200, { 'content-type': 'text/html', ...headers }).end(PAGE)
      if (url === '/model.onnx')
        return void res.writeHead(200, { 'content-type': 'application/octet-stream', ...headers }).end(readFileSync(modelPath))
      if (url.startsWith('/ort/')) {
        const file = join(ortDir, url.slice(5).replace(/\.\./g, ''))
        const type = extname(file) === '.wasm' ? 'application/wasm' : 'text/javascript'
        return void res.writeHead(200, { 'content-type': type, ...headers }).end(readFileSync(file))
      }
    } catch {
      // fall through to 404
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const port = (server.address() as { port: number }).port
  const browser = await launchChromium(['--disable-component-update', '--disable-quic', '--disable-sync'])
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, null, { timeout: 180_000 })
    const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as {
      single?: number[]
      batchMs?: number
      threads?: number
      error?: string
    }
    if (result.error || !result.single || result.batchMs === undefined) throw new Error(`onnxruntime-web failed in Chromium: ${result.error}`)
    return {
      singleP50: pct(result.single, 50),
      singleP95: pct(result.single, 95),
      batchPerSec: (BATCH * BATCH_RUNS) / (result.batchMs / 1000),
      threads: result.threads ?? 1,
      version: browser.version()
    }
  } finally {
    await browser.close()
    server.close()
  }
}

async function apiSide(): Promise<{ p50: number; p95: number; serverP50: number }> {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'server.js'), '--deck', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /ready at (\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.on('exit', () => reject(new Error('server exited')))
  })
  try {
    const texts = [
      'Forest fire near La Ronge Sask. Canada',
      'I love this song, it is fire',
      'Flood warning for the river valley tonight',
      'my mixtape is 🔥'
    ]
    const call = async (text: string) => {
      const response = await fetch(`${url}api/models/disaster-tweets/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text })
      })
      return (await response.json()) as { latencyMs: number }
    }
    for (let i = 0; i < 20; i++) await call(texts[i % texts.length]!)
    const total: number[] = []
    const server: number[] = []
    for (let i = 0; i < SINGLE_RUNS; i++) {
      const t = performance.now()
      const result = await call(`${texts[i % texts.length]} ${i}`)
      total.push(performance.now() - t)
      server.push(result.latencyMs)
    }
    return { p50: pct(total, 50), p95: pct(total, 95), serverP50: pct(server, 50) }
  } finally {
    child.kill('SIGTERM')
  }
}

const node = await nodeSide(APP_THREADS)
const nodeDefault = await nodeSide()
const web = await chromiumSide()
const api = await apiSide()
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
  chromium: web.version,
  model: 'disaster-tweets',
  sequenceLength: SEQ,
  batch: BATCH,
  node,
  nodeDefaultThreads: nodeDefault,
  web,
  api,
  batchSpeedup: node.batchPerSec / web.batchPerSec,
  batchSpeedupDefaults: nodeDefault.batchPerSec / web.batchPerSec
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
writeFileSync(join(root, 'bench', 'results', 'ort-chromium.json'), JSON.stringify(results, null, 2))
const f = (n: number) => n.toFixed(3)
writeFileSync(
  join(root, 'bench', 'results', 'ort-chromium.md'),
  `## onnxruntime-node vs onnxruntime-web (wasm) in Chromium

Model \`disaster-tweets\`, ${SEQ} tokens, identical inputs; each runtime with the settings an app gets: onnxruntime-node as demodeck's worker creates it (${APP_THREADS} intra-op thread${APP_THREADS === 1 ? '' : 's'} for this model, see src/core/models/session-options.ts; all graph optimizations), onnxruntime-web with its defaults (wasm, SIMD; the page is cross-origin isolated so it may use threads). ${results.machine}; Chromium ${web.version}; ${results.date}.

| runtime | single p50 ms | single p95 ms | batch ${BATCH} throughput (texts/s, best of ${ROUNDS} rounds) |
| --- | ---: | ---: | ---: |
| onnxruntime-node (in process, demodeck's settings) | ${f(node.singleP50)} | ${f(node.singleP95)} | ${node.batchPerSec.toFixed(0)} |
| onnxruntime-node with its default thread pool (one thread per core, ${availableParallelism()} here) | ${f(nodeDefault.singleP50)} | ${f(nodeDefault.singleP95)} | ${nodeDefault.batchPerSec.toFixed(0)} |
| onnxruntime-web, wasm, in Chromium (its default: ${web.threads} thread${web.threads === 1 ? '' : 's'} here) | ${f(web.singleP50)} | ${f(web.singleP95)} | ${web.batchPerSec.toFixed(0)} |

Batch throughput ratio node / web: **${results.batchSpeedup.toFixed(1)}×** with demodeck's settings (goal ≥ 5×); ${results.batchSpeedupDefaults.toFixed(1)}× with each runtime's default thread pool.

HTTP API end to end (browser mode, \`POST /api/models/disaster-tweets/predict\`, tokenize + worker + JSON): p50 ${f(api.p50)} ms, p95 ${f(api.p95)} ms; host-side latency p50 ${f(api.serverP50)} ms.
`
)
console.log(readFileSync(join(root, 'bench', 'results', 'ort-chromium.md'), 'utf8'))
