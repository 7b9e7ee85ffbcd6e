/**
 * Deployed vs local latency through the host, on loopback: the real FastAPI app
 * (tests/fixtures/endpoint/fastapi_app.py, serving the wine model's real weights)
 * called by the endpoint service, against the local ONNX model through the
 * inference worker. Also what a fallback costs when the endpoint refuses the
 * connection. Network latency to a real Cloud Run region comes on top.
 * Run: npx tsx bench/endpoint.bench.ts  → bench/results/endpoint.{json,md}
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ModelService } from '../src/host/models/model-service'
import { forkSourceWorker } from '../src/host/models/node-worker'
import { EndpointService } from '../src/host/endpoint/endpoint-service'
import { fastApiMissing, refusedUrl, startFastApi } from '../tests/fixtures/endpoint/servers'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const ITER = Number(process.env['BENCH_ITER'] ?? 200)

function stats(samples: number[]): { n: number; p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { n: s.length, p50: at(0.5), p95: at(0.95) }
}
async function time(n: number, fn: () => Promise<unknown>): Promise<{ n: number; p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return stats(out)
}
const ms = (v: number) => `${v.toFixed(2)} ms`

async function main(): Promise<void> {
  const results = join(root, 'bench/results')
  mkdirSync(results, { recursive: true })
  const missing = fastApiMissing()
  if (missing) {
    writeFileSync(join(results, 'endpoint.md'), `## Deployed endpoint vs local model\n\nSkipped: ${missing}\n`)
    return
  }
  const api = await startFastApi(root)
  const refused = await refusedUrl()
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-bench-endpoint-'))
  mkdirSync(join(deck, 'models'))
  for (const [id, url] of [
    ['wine', `${api.url}/predict`],
    ['wine-down', `${refused}/predict`]
  ] as const) {
    cpSync(join(root, 'models/wine'), join(deck, 'models', id), { recursive: true, filter: (p) => !p.includes('/runs') })
    const manifest = JSON.parse(readFileSync(join(root, 'models/wine/model.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(join(deck, 'models', id, 'model.json'), JSON.stringify({ ...manifest, endpoint: url }))
  }
  const models = new ModelService(deck, () => forkSourceWorker())
  const endpoints = new EndpointService({ deckRoot: deck, models })
  const features = (await models.list()).find((m) => m.id === 'wine')!.examples[0]!.features!
  await endpoints.wake('wine')
  const deployedOnly: number[] = []
  const local = await time(ITER, () => models.predict('wine', { features }))
  const both = await time(ITER, async () => {
    const answer = await endpoints.predict('wine', { features })
    if (!answer.deployed.ok) throw new Error(answer.deployed.detail)
    deployedOnly.push(answer.deployed.latencyMs)
  })
  const fallback = await time(Math.min(ITER, 100), async () => {
    const answer = await endpoints.predict('wine-down', { features })
    if (answer.source !== 'local') throw new Error('expected the local model')
  })
  const deployed = stats(deployedOnly)
  await endpoints.dispose()
  models.dispose()
  await api.stop()
  rmSync(deck, { recursive: true, force: true })

  const data = { machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, iterations: ITER, local, deployed, both, fallback }
  writeFileSync(join(results, 'endpoint.json'), JSON.stringify(data, null, 2) + '\n')
  writeFileSync(
    join(results, 'endpoint.md'),
    `## Deployed endpoint vs local model (wine, through the host, loopback)\n\n` +
      `FastAPI app (uvicorn, numpy forward pass of the same weights) on 127.0.0.1; ${ITER} calls each; ${data.machine}.\n\n` +
      `| path | p50 | p95 |\n| --- | --- | --- |\n` +
      `| local ONNX model through the worker (\`models:predict\`) | ${ms(local.p50)} | ${ms(local.p95)} |\n` +
      `| deployed call alone (host → FastAPI → host) | ${ms(deployed.p50)} | ${ms(deployed.p95)} |\n` +
      `| \`endpoint:predict\` (deployed and local at once, agreement) | ${ms(both.p50)} | ${ms(both.p95)} |\n` +
      `| fallback: endpoint refuses the connection → local answer | ${ms(fallback.p50)} | ${ms(fallback.p95)} |\n`
  )
  console.log(readFileSync(join(results, 'endpoint.md'), 'utf8'))
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
