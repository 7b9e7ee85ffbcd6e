/**
 * A 12-megapixel phone photo, bytes in → prediction out, with a 224×224 RGB
 * photo classifier (tests/fixtures/models/image-photo: torchvision-style
 * Resize((224, 224)) with PIL bilinear, ImageNet normalisation). Stages in
 * process as the worker runs them (JPEG decode with sharp to the stored
 * pixels, PIL-exact resize read through the EXIF orientation + normalize, ONNX
 * run), the old order for comparison (decode turned upright, then resize), then
 * the whole request through the inference worker process as the demo sends it
 * (base64 in, ranked labels out). Goal: ≤ 300 ms. Runs itself again with the
 * worker's glibc tuning (see [Note: huge pages for big image buffers] in
 * src/host/models/worker-env.ts) so the in-process rows cost what the worker's do.
 * Run: npx tsx bench/photo.bench.ts → bench/results/photo.{json,md}
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { preprocessImage } from '../src/core/models/image'
import { decodeImage } from '../src/host/models/image-decode'
import { loadModels } from '../src/host/models/model-folder'
import { ModelService } from '../src/host/models/model-service'
import { forkNodeWorker, forkSourceWorker } from '../src/host/models/node-worker'
import { WORKER_ENV_DEFAULTS } from '../src/host/models/worker-env'
import { InferenceRuntime } from '../src/host/models/worker-runtime'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const ITER = Number(process.env['BENCH_ITER'] ?? 15)
const WIDTH = 4032
const HEIGHT = 3024

/** A phone-like 4032×3024 JPEG (4:2:0, quality 90, EXIF orientation 6 as a phone held upright writes it). */
async function phonePhoto(): Promise<Buffer> {
  const noise = await sharp({
    create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 120, sigma: 40 } }
  })
    .blur(3)
    .raw()
    .toBuffer()
  return sharp(noise, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 90, chromaSubsampling: '4:2:0', mozjpeg: false })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

interface Stats {
  n: number
  p50: number
  p95: number
  mean: number
  /** Median CPU time of this process (all its threads) per call: what the machine's load cannot inflate much. */
  cpuP50?: number
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length }
}
async function time(n: number, fn: () => Promise<unknown> | unknown): Promise<Stats> {
  for (let i = 0; i < 2; i++) await fn() // warm-up
  const out: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
  }
  return { ...stats(out), cpuP50: stats(cpu).p50 }
}

async function main(): Promise<void> {
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-photo-bench-'))
  try {
    mkdirSync(join(deck, 'models'), { recursive: true })
    cpSync(join(root, 'tests/fixtures/models/image-photo'), join(deck, 'models/image-photo'), { recursive: true })
    const resolved = (await loadModels(deck)).find((m) => m.info.id === 'image-photo')
    const spec = resolved?.spec
    if (!spec?.image) throw new Error(`bench model cannot run: ${JSON.stringify(resolved?.info.errors)}`)
    const image = spec.image
    const photo = await phonePhoto()
    const base64 = photo.toString('base64')

    const loadBefore = loadavg()[0]!
    const decode = await time(ITER, () => decodeImage(photo, { upright: false }))
    const stored = await decodeImage(photo, { upright: false })
    const preprocess = await time(ITER, () => preprocessImage(stored, image.pipeline, image.layout))
    const decodeUpright = await time(ITER, () => decodeImage(photo))
    const upright = await decodeImage(photo)
    const preprocessUpright = await time(ITER, () => preprocessImage(upright, image.pipeline, image.layout))
    const runtime = new InferenceRuntime()
    const inProcess = await time(ITER, () => runtime.predict(spec, { image: base64 }))

    const built = join(root, 'out/main/inference.worker.js')
    const service = new ModelService(deck, () => (existsSync(built) ? forkNodeWorker(built) : forkSourceWorker()), { timeoutMs: 30_000 })
    const worker = await time(ITER, () => service.predict('image-photo', { image: base64 }))
    service.dispose()

    const cpu = cpus()[0]?.model ?? 'unknown CPU'
    const result = {
      photo: { width: WIDTH, height: HEIGHT, bytes: photo.length, orientation: 6 },
      decode,
      preprocess,
      decodeUpright,
      preprocessUpright,
      inProcess,
      worker,
      goalMs: 300,
      loadAverage: [loadBefore, loadavg()[0]],
      glibcTunables: process.env['GLIBC_TUNABLES'] ?? null,
      node: process.version,
      cpus: cpus().length,
      cpu,
      date: new Date().toISOString()
    }
    mkdirSync(join(here, 'results'), { recursive: true })
    writeFileSync(join(here, 'results/photo.json'), JSON.stringify(result, null, 2) + '\n')
    const row = (what: string, s: Stats, cpu = true) =>
      `| ${what} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.mean.toFixed(1)} | ${cpu ? s.cpuP50!.toFixed(1) : '(other process)'} |`
    const md = [
      '# 12-megapixel photo benchmark',
      '',
      `A ${WIDTH}×${HEIGHT} JPEG (${(photo.length / 1e6).toFixed(1)} MB, 4:2:0, EXIF orientation 6) into a 224×224 RGB classifier (PIL bilinear resize, ImageNet normalisation). Node ${process.version}, ${cpus().length} CPUs (${cpu}). ${result.date}.`,
      '',
      '| what | n | p50 ms | p95 ms | mean ms | CPU p50 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('JPEG decode (sharp, Pillow-exact), pixels as stored', decode),
      row('PIL-exact resize to 224×224 read through the EXIF turn + normalize', preprocess),
      row('before: JPEG decode turned upright (full-size turn)', decodeUpright),
      row('before: PIL-exact resize of the upright image + normalize', preprocessUpright),
      row('in process: base64 → decode → preprocess → ONNX run → ranked labels', inProcess),
      row('through the inference worker process (what the demo waits for)', worker, false),
      '',
      `Goal: ≤ 300 ms end to end — ${worker.p50 <= 300 ? 'met' : 'not met'} (p50 ${worker.p50.toFixed(0)} ms wall; the in-process CPU time, ${inProcess.cpuP50!.toFixed(0)} ms, is what the work costs on an idle core). Load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} CPUs. GLIBC_TUNABLES=${process.env['GLIBC_TUNABLES'] ?? '(unset)'} (the worker's default).`,
      ''
    ].join('\n')
    writeFileSync(join(here, 'results/photo.md'), md)
    console.log(md)
  } finally {
    rmSync(deck, { recursive: true, force: true })
  }
}

if (process.env['GLIBC_TUNABLES'] === undefined) {
  // Again with the worker's environment: the in-process rows should cost what the worker's decode costs.
  const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...WORKER_ENV_DEFAULTS }
  })
  process.exit(again.status ?? 1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
