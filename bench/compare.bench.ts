/**
 * fp32 vs int8 and the drift check, timed. The tweets model and its dynamic int8 copy (written by
 * `python -m demodeck_export quantize`, needs onnx + numpy) are run one prediction at a time through the
 * host's inference workers, alternating models so both see the same machine load: inference time in
 * the worker (tokenize + ONNX run + softmax) and the round trip through the model service, plus file
 * sizes and agreement. The inputs are the validation tweets when ../shared/data is present, else the
 * model's 8 examples repeated. Then the drift report: the wine sets (142 vs 36 rows) end to end, a
 * 5,000 × 5,000-row tabular report (the largest sets allowed), and the exact KS test alone on 5,000 × 5,000.
 * Run: npx tsx bench/compare.bench.ts  → bench/results/compare.{json,md}
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { createHost } from '../src/host/create-host'
import { forkSourceWorker } from '../src/host/models/node-worker'
import { percentile } from '../src/core/compare/ab'
import { ksTwoSample } from '../src/core/drift/ks'
import type { AbSetReport, DriftReport, ModelInfo, Prediction } from '../src/shared/types'
import { PYTHON, pythonMissing } from '../tests/support/python'
import { parseCsvRows } from '../src/core/metrics/csv'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const ITER = Number(process.env['BENCH_ITER'] ?? 1522)
const stats = (v: number[]) => ({ n: v.length, p50: percentile(v, 0.5), p95: percentile(v, 0.95), mean: v.reduce((a, b) => a + b, 0) / v.length })
const ms = (v: number) => `${v.toFixed(3)} ms`

function tweets(): { texts: string[]; source: string } {
  const file = join(root, '..', 'shared', 'data', 'disaster-tweets', 'train.csv')
  if (!existsSync(file)) return { texts: [], source: "the model's 8 examples, repeated" }
  const rows = parseCsvRows(readFileSync(file, 'utf8'))
  const at = rows[0]!.indexOf('text')
  return {
    texts: rows
      .slice(1)
      .map((r) => r[at] ?? '')
      .filter(Boolean),
    source: 'tweets of train.csv (the first ones; any tweets serve for timing)'
  }
}

async function main(): Promise<void> {
  const results = join(root, 'bench/results')
  mkdirSync(results, { recursive: true })
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-bench-compare-'))
  mkdirSync(join(deck, 'slides'))
  writeFileSync(join(deck, 'slides/deck.md'), '# bench\n')
  for (const id of ['disaster-tweets', 'wine'])
    cpSync(join(root, 'models', id), join(deck, 'models', id), { recursive: true, filter: (p) => !p.includes('/runs') })
  const missing = pythonMissing('onnx', 'numpy')
  let quantize: string | null = missing
  if (!missing) {
    const run = spawnSync(
      PYTHON,
      ['-m', 'demodeck_export', 'quantize', join(deck, 'models/disaster-tweets'), join(deck, 'models/disaster-tweets-int8')],
      {
        env: { ...process.env, PYTHONPATH: join(root, 'python/src') },
        encoding: 'utf8'
      }
    )
    quantize = run.status === 0 ? null : run.stderr
  }
  const host = createHost({ deckRoot: deck, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false, wakeEndpoints: false })
  const out: Record<string, unknown> = { machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, loadAverageAtStart: loadavg()[0] }
  const lines: string[] = ['## fp32 vs int8 and the drift check', '']
  try {
    if (!quantize) {
      const { texts: all, source } = tweets()
      const examples = ((await host.dispatch('models:list', {})) as ModelInfo[]).find((m) => m.id === 'disaster-tweets')!.examples.map((e) => e.text!)
      const texts = (all.length ? all : examples).slice(0, ITER)
      while (texts.length < Math.min(ITER, 400)) texts.push(...examples)
      const inWorker: Record<string, number[]> = { fp32: [], int8: [] }
      const roundTrip: Record<string, number[]> = { fp32: [], int8: [] }
      const ids = { fp32: 'disaster-tweets', int8: 'disaster-tweets-int8' } as const
      for (const id of Object.values(ids))
        for (let i = 0; i < 20; i++) await host.dispatch('models:predict', { id, input: { text: texts[i % texts.length]! } })
      for (const text of texts) {
        for (const [name, id] of Object.entries(ids)) {
          const t = performance.now()
          const p = (await host.dispatch('models:predict', { id, input: { text } })) as Prediction
          roundTrip[name]!.push(performance.now() - t)
          inWorker[name]!.push(p.latencyMs)
        }
      }
      const set = (await host.dispatch('compare:set', {
        id: ids.fp32,
        other: ids.int8,
        set: { items: texts.slice(0, 1000).map((text) => ({ text })) }
      })) as AbSetReport
      const size = (id: string) => statSync(join(deck, 'models', id, 'model.onnx')).size
      const fp32 = { inWorker: stats(inWorker['fp32']!), roundTrip: stats(roundTrip['fp32']!), bytes: size(ids.fp32) }
      const int8 = { inWorker: stats(inWorker['int8']!), roundTrip: stats(roundTrip['int8']!), bytes: size(ids.int8) }
      out['tweets'] = {
        inputs: texts.length,
        source,
        fp32,
        int8,
        speedupP50: fp32.inWorker.p50 / int8.inWorker.p50,
        agreement: set.agreement,
        largestDiff: set.largestDiff
      }
      lines.push(
        `Tweets model, ${texts.length} texts (${source}), one at a time, models alternating:`,
        '',
        '| | fp32 | int8 (dynamic) |',
        '| --- | --- | --- |',
        `| ONNX file | ${(fp32.bytes / 1e6).toFixed(1)} MB | ${(int8.bytes / 1e6).toFixed(1)} MB |`,
        `| in the worker, p50 / p95 | ${ms(fp32.inWorker.p50)} / ${ms(fp32.inWorker.p95)} | ${ms(int8.inWorker.p50)} / ${ms(int8.inWorker.p95)} |`,
        `| through the host (model service → worker → back), p50 / p95 | ${ms(fp32.roundTrip.p50)} / ${ms(fp32.roundTrip.p95)} | ${ms(int8.roundTrip.p50)} / ${ms(int8.roundTrip.p95)} |`,
        `| int8 speed-up (p50 in the worker) | | ${(fp32.inWorker.p50 / int8.inWorker.p50).toFixed(2)}× |`,
        `| same top label (first 1,000 texts) | | ${(set.agreement * 100).toFixed(1)} % (largest probability difference ${(set.largestDiff * 100).toFixed(2)} pp) |`,
        ''
      )
    } else {
      lines.push(`fp32 vs int8 skipped: ${quantize}`, '')
    }
    // Drift: the deck's wine sets end to end, then the largest sets allowed.
    const timeDrift = async (payload: Record<string, unknown>, n: number) => {
      const times: number[] = []
      let report: DriftReport | null = null
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        report = (await host.dispatch('drift:report', payload)) as DriftReport
        times.push(performance.now() - t)
      }
      return { ...stats(times), report: report! }
    }
    const wine = await timeDrift(
      { id: 'wine', reference: { file: 'models/wine/sets/reference.csv' }, current: { file: 'models/wine/sets/shifted.csv' } },
      10
    )
    const rows = readFileSync(join(root, 'models/wine/sets/reference.csv'), 'utf8').trim().split('\n')
    const header = rows[0]!
    const body = rows.slice(1)
    const big = (shift: number) =>
      [
        header,
        ...Array.from({ length: 5000 }, (_, k) =>
          body[k % body.length]!.split(',')
            .map((v, j) => (j === 0 ? String(Number(v) + shift + (k % 7) / 100) : v))
            .join(',')
        )
      ].join('\n')
    writeFileSync(join(deck, 'big-ref.csv'), big(0))
    writeFileSync(join(deck, 'big-cur.csv'), big(0.3))
    const large = await timeDrift({ id: 'wine', reference: { file: 'big-ref.csv' }, current: { file: 'big-cur.csv' } }, 3)
    const a = Array.from({ length: 5000 }, (_, k) => Math.sin(k) * 10)
    const b = Array.from({ length: 5000 }, (_, k) => Math.cos(k) * 10 + 0.1)
    const ksTimes: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      ksTwoSample(a, b)
      ksTimes.push(performance.now() - t)
    }
    out['drift'] = {
      wine: { ...wine, report: undefined, drifted: wine.report.features.filter((f) => f.drifted).map((f) => f.name) },
      large: { ...large, report: undefined },
      ks5000: stats(ksTimes)
    }
    lines.push(
      '| drift report (through the host: read, predict both sets in the worker, test) | p50 |',
      '| --- | --- |',
      `| wine, reference.csv (142) vs shifted.csv (36), 13 features | ${ms(wine.p50)} |`,
      `| wine, 5,000 vs 5,000 rows (the most allowed) | ${ms(large.p50)} |`,
      `| exact KS test alone, 5,000 vs 5,000 values | ${ms(percentile(ksTimes, 0.5))} |`,
      '',
      `Load average at the start: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`
    )
  } finally {
    host.dispose()
    rmSync(deck, { recursive: true, force: true })
  }
  writeFileSync(join(results, 'compare.json'), JSON.stringify(out, null, 2) + '\n')
  writeFileSync(join(results, 'compare.md'), lines.join('\n') + '\n')
  console.log(lines.join('\n'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
