/**
 * The robustness probe end to end: a 20-step sweep through a real
 * browser-mode server (HTTP POST from Node → host → the model's inference
 * worker → back), for the tweets model (text perturbations) and the digits
 * model (image perturbations, the example PNG sent as base64 as the demo
 * sends it), and the digits examples swept as a set. Goal (issue #14):
 * ≤ 200 ms per 20-step sweep on this machine.
 * Run: npx tsx bench/probe.bench.ts (after `npm run build`) → bench/results/probe.{json,md}
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProbeResult, ProbeSetResult } from '../src/shared/probe-types'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const ITER = Number(process.env['BENCH_ITER'] ?? 30)

interface Stats {
  n: number
  p50: number
  p95: number
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { n: s.length, p50: at(0.5), p95: at(0.95) }
}
const ms = (v: number): string => `${v.toFixed(1)} ms`

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'out/main/server.js'), '--deck', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /demodeck ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const data = (await response.json()) as T & { error?: { message: string } }
  if (!response.ok) throw new Error(data.error?.message ?? `HTTP ${response.status}`)
  return data
}

interface Row {
  model: string
  perturbation: string
  wall: Stats
  worker: Stats
  batches: number
}

async function sweep(url: string, model: string, perturbation: string, inputs: object[]): Promise<Row> {
  const endpoint = new URL(`api/models/${model}/probe`, url).href
  const walls: number[] = []
  const workers: number[] = []
  let batches = 0
  for (let i = 0; i < ITER + 3; i++) {
    const t0 = performance.now()
    const result = await post<ProbeResult>(endpoint, { input: inputs[i % inputs.length], perturbation, steps: 20, seed: i })
    const wall = performance.now() - t0
    if (result.points.length !== 20) throw new Error(`expected 20 points, got ${result.points.length}`)
    if (i < 3) continue // warm-up: the first call loads the model in its worker
    walls.push(wall)
    workers.push(result.latencyMs)
    batches = Math.max(batches, result.batches)
  }
  return { model, perturbation, wall: stats(walls), worker: stats(workers), batches }
}

async function main(): Promise<void> {
  const results = join(root, 'bench/results')
  mkdirSync(results, { recursive: true })
  if (!existsSync(join(root, 'out/main/server.js'))) throw new Error('build first: npm run build')
  const server = await startServer()
  try {
    const tweets = (
      JSON.parse(readFileSync(join(root, 'models/disaster-tweets/demodeck.json'), 'utf8')) as { examples: Array<{ text: string }> }
    ).examples.map((e) => ({ text: e.text }))
    const digits = Array.from({ length: 10 }, (_, d) => ({
      image: `data:image/png;base64,${readFileSync(join(root, `models/digits/examples/${d}.png`)).toString('base64')}`
    }))
    const rows: Row[] = []
    for (const p of ['typos', 'word-dropout', 'noise-tokens']) rows.push(await sweep(server.url, 'disaster-tweets', p, tweets))
    for (const p of ['gaussian-noise', 'blur', 'rotation', 'occlusion', 'jpeg']) rows.push(await sweep(server.url, 'digits', p, digits))
    const sets: number[] = []
    for (let i = 0; i < Math.max(5, Math.floor(ITER / 3)); i++) {
      const t0 = performance.now()
      const result = await post<ProbeSetResult>(new URL('api/models/digits/probe-set', server.url).href, {
        perturbation: 'gaussian-noise',
        steps: 20,
        seed: i
      })
      if (result.items !== 10) throw new Error('expected 10 examples')
      sets.push(performance.now() - t0)
    }
    const set = stats(sets)
    const load = loadavg()[0]!.toFixed(1)
    const data = { machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, loadAverage: Number(load), iterations: ITER, rows, set }
    writeFileSync(join(results, 'probe.json'), JSON.stringify(data, null, 2) + '\n')
    const worst = Math.max(...rows.map((r) => r.wall.p50))
    writeFileSync(
      join(results, 'probe.md'),
      `## Robustness probe: a 20-step sweep end to end\n\n` +
        `\`POST /api/models/<id>/probe\` from Node to a browser-mode server on 127.0.0.1 (host → the model's inference worker, batched → back); ` +
        `${ITER} sweeps each after 3 warm-up ones, a different seed each time; ${data.machine}, load average ${load} when measured. ` +
        `"worker" is the time inside the worker (perturb, preprocess, ONNX Runtime, rank).\n\n` +
        `| model | perturbation | end to end p50 / p95 | worker p50 / p95 | ONNX runs |\n| --- | --- | --- | --- | --- |\n` +
        rows
          .map(
            (r) =>
              `| ${r.model} | ${r.perturbation} | ${ms(r.wall.p50)} / ${ms(r.wall.p95)} | ${ms(r.worker.p50)} / ${ms(r.worker.p95)} | ${r.batches} |`
          )
          .join('\n') +
        `\n| digits | the 10 examples × 20 strengths (\`probe-set\`) | ${ms(set.p50)} / ${ms(set.p95)} | — | 10 |\n\n` +
        `Goal ≤ 200 ms per 20-step sweep: ${worst <= 200 ? 'met' : 'not met'} (slowest p50 ${ms(worst)}). ` +
        `Text sweeps run one ONNX batch per distinct token length (no padding beyond a single prediction's, so the batch gives exactly the single-input scores).\n`
    )
    console.log(readFileSync(join(results, 'probe.md'), 'utf8'))
  } finally {
    server.stop()
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
