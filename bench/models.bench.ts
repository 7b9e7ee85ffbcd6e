/**
 * Text-model latency and throughput: tokenize + run in-process
 * (onnxruntime-node), the same through the inference worker process (what the
 * demo pays per keystroke), a batch of 64, and the same model in
 * onnxruntime-web (WebAssembly, single thread) under Node.
 * Uses models/disaster-tweets when present, else the tiny test text model.
 * Run: npx tsx bench/models.bench.ts  → bench/results/models.{json,md}
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import * as ortWeb from 'onnxruntime-web'
import { loadModels } from '../src/host/models/model-folder'
import { ModelService } from '../src/host/models/model-service'
import { forkNodeWorker, forkSourceWorker } from '../src/host/models/node-worker'
import { InferenceRuntime } from '../src/host/models/worker-runtime'
import { rankLabels } from '../src/core/models/postprocess'
import { intraOpThreads } from '../src/core/models/session-options'
import { TextFeedEncoder } from '../src/core/models/text'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const ITER = Number(process.env['BENCH_ITER'] ?? 300)
const BATCH = 64

const SENTENCES = [
  'Magnitude 6.1 earthquake hits near the coast, buildings collapsed and people trapped',
  'Evacuation orders for 3 towns as the wildfire jumps the highway. Stay safe everyone',
  'my mixtape is fire',
  'Just made the best pancakes ever, sunday mornings are the best',
  'Flash flood warning in effect until 9pm, water rising fast on Main St #flood',
  'The forest is on fire! People evacuate the city',
  'A lovely sunny day with music and cake',
  'Train derailed outside the station, several injured, emergency crews on scene'
]

interface Stats {
  n: number
  p50: number
  p95: number
  mean: number
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length }
}
async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Stats> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i) // warm-up
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn(i)
    out.push(performance.now() - t)
  }
  return stats(out)
}

async function main(): Promise<void> {
  const realDeck = existsSync(join(root, 'models/disaster-tweets/model.onnx'))
  const deckRoot = realDeck ? root : mkdtempSync(join(tmpdir(), 'demodeck-bench-'))
  if (!realDeck) {
    mkdirSync(join(deckRoot, 'models'), { recursive: true })
    cpSync(join(root, 'tests/fixtures/models/text-hf'), join(deckRoot, 'models/text-hf'), { recursive: true })
  }
  const id = realDeck ? 'disaster-tweets' : 'text-hf'
  const resolved = (await loadModels(deckRoot)).find((m) => m.info.id === id)
  if (!resolved?.spec?.text) throw new Error(`bench model ${id} cannot run: ${JSON.stringify(resolved?.info.errors)}`)
  const spec = resolved.spec
  const text = spec.text!
  const inputNames = spec.inputs.map((i) => i.name)
  const encoder = new TextFeedEncoder(
    JSON.parse(readFileSync(text.tokenizerFile, 'utf8')) as object,
    text.tokenizerConfig,
    inputNames,
    text.maxLength,
    text.padTo
  )
  const pick = (i: number) => SENTENCES[i % SENTENCES.length]!

  // 1. tokenization alone
  const tokenize = await time(ITER * 3, (i) => encoder.encode(pick(i)))

  // 2. in-process: tokenize + run + softmax (InferenceRuntime, as the worker does it)
  const runtime = new InferenceRuntime()
  await runtime.load(spec)
  const inProcess = await time(ITER, (i) => runtime.predict(spec, { text: pick(i) }))

  // 3. through the worker process (round trip as the host sees it)
  const built = join(root, process.env['DEMODECK_OUT'] ?? 'out', 'main', 'inference.worker.js')
  const useBuilt = existsSync(built)
  const service = new ModelService(deckRoot, () => (useBuilt ? forkNodeWorker(built) : forkSourceWorker()), { timeoutMs: 30_000 })
  await service.predict(id, { text: 'warm up' })
  const worker = await time(ITER, (i) => service.predict(id, { text: pick(i) }))
  service.dispose()

  // 4. batch 64 in one run (padding to the longest), vs 64 single runs
  // The worker's settings (src/host/models/worker-runtime.ts).
  const session = await ort.InferenceSession.create(spec.modelFile, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: intraOpThreads(readFileSync(spec.modelFile).length, availableParallelism(), process.env['DEMODECK_ORT_THREADS'])
  })
  const batchTexts = Array.from({ length: BATCH }, (_, i) => pick(i))
  const runBatch = async () => {
    const encoded = batchTexts.map((t) => encoder.encode(t))
    const len = Math.max(...encoded.map((e) => e.length))
    const feeds: Record<string, ort.Tensor> = {}
    for (const name of inputNames) {
      const data = new BigInt64Array(BATCH * len)
      encoded.forEach((e, b) => data.set((e.feeds as Record<string, BigInt64Array>)[name]!, b * len))
      feeds[name] = new ort.Tensor('int64', data, [BATCH, len])
    }
    const out = await session.run(feeds, [spec.outputName])
    const values = out[spec.outputName]!.data as Float32Array
    const k = spec.labels.length
    for (let b = 0; b < BATCH; b++) rankLabels(spec.outputKind, values.subarray(b * k, b * k + k), spec.labels)
  }
  const batch = await time(Math.max(10, Math.round(ITER / 10)), runBatch)
  await session.release()

  // 5. onnxruntime-web (wasm, 1 thread) in Node: same tokenization, same model bytes
  ortWeb.env.wasm.numThreads = 1
  const webSession = await ortWeb.InferenceSession.create(readFileSync(spec.modelFile))
  const web = await time(ITER, async (i) => {
    const { feeds, length } = encoder.encode(pick(i))
    const webFeeds: Record<string, ortWeb.Tensor> = {}
    for (const [name, data] of Object.entries(feeds)) webFeeds[name] = new ortWeb.Tensor('int64', data, [1, length])
    const out = await webSession.run(webFeeds)
    rankLabels(spec.outputKind, out[spec.outputName]!.data as Float32Array, spec.labels)
  })
  await webSession.release()

  const result = {
    model: id,
    modelFile: spec.modelFile.slice(root.length + 1),
    maxLength: text.maxLength,
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      onnxruntimeNode: '1.30.0',
      onnxruntimeWeb: ortWeb.env.versions.web ?? '1.30.0'
    },
    workerEntry: useBuilt ? built.slice(root.length + 1) : 'src (tsx)',
    ms: {
      tokenize,
      inProcess,
      worker,
      batch64: batch,
      web
    },
    throughput: {
      singleInProcessPerSec: 1000 / inProcess.mean,
      batch64PerSec: (BATCH * 1000) / batch.mean,
      workerPerSec: 1000 / worker.mean,
      webPerSec: 1000 / web.mean
    },
    measuredAt: new Date().toISOString()
  }
  mkdirSync(join(here, 'results'), { recursive: true })
  writeFileSync(join(here, 'results/models.json'), JSON.stringify(result, null, 2) + '\n')
  const f = (x: number) => x.toFixed(3)
  const rows = [
    ['tokenize only', tokenize],
    ['in-process: tokenize + run + softmax (onnxruntime-node)', inProcess],
    [`through the worker process (${result.workerEntry})`, worker],
    [`batch of ${BATCH} in one run`, batch],
    ['onnxruntime-web (wasm, 1 thread) in Node', web]
  ] as const
  const md = [
    `# Model inference benchmark`,
    ``,
    `Model \`${id}\` (${result.modelFile}, max ${text.maxLength} tokens). Node ${process.version}, ${result.environment.cpus} CPUs (${result.environment.cpu}). ${result.measuredAt}.`,
    ``,
    `| what | n | p50 ms | p95 ms | mean ms |`,
    `| --- | ---: | ---: | ---: | ---: |`,
    ...rows.map(([name, s]) => `| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.mean)} |`),
    ``,
    `Throughput: single in-process ${result.throughput.singleInProcessPerSec.toFixed(0)}/s, batch 64 ${result.throughput.batch64PerSec.toFixed(0)} texts/s, via worker ${result.throughput.workerPerSec.toFixed(0)}/s, onnxruntime-web ${result.throughput.webPerSec.toFixed(0)}/s.`,
    ``,
    `The worker row is what a demo keystroke costs end to end on the host side (IPC both ways + tokenize + run). The Chromium-side onnxruntime-web number is not measured here.`,
    ``
  ].join('\n')
  writeFileSync(join(here, 'results/models.md'), md)
  console.log(md)
}

await main()
