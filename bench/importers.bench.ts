/**
 * Throughput of the binary importers on large synthetic files built in memory
 * (valid records written by tests/fixtures/runs/synth.ts): a .wandb log of
 * history rows (plus console output records, as real runs have), and
 * tfevents files in the PyTorch style (one simple_value per event: the
 * worst case, most framing per byte) and the TF2 style (tensor scalars).
 * Run: npx tsx bench/importers.bench.ts  → bench/results/importers.{json,md}
 */
import { historyColumns } from '../src/core/metrics/history-columns'
import { parseTfEvents } from '../src/core/metrics/tfevents'
import { parseWandbFile } from '../src/core/metrics/wandb-file'
import { eventRecord, historyRecord, outputRecord, tfRecord, WandbLogWriter } from '../tests/fixtures/runs/synth'
import { machine, writeResults } from './lib/results'

const TARGET = Number(process.env['BENCH_MB'] ?? 64) * 1024 * 1024

function buildWandb(): { bytes: Uint8Array; rows: number } {
  const w = new WandbLogWriter()
  let step = 0
  let size = 0
  while (size < TARGET) {
    const rec = historyRecord(step + 10, step, [
      { key: '_step', valueJson: String(step) },
      { key: '_runtime', valueJson: String(step * 0.137) },
      { key: '_timestamp', valueJson: String(1763900000 + step * 0.137) },
      { key: 'train/loss', valueJson: String(Math.exp(-step / 1e5) + Math.sin(step) * 0.01) },
      { key: 'train/acc', valueJson: String(1 - Math.exp(-step / 1e5)) },
      { key: 'lr', valueJson: '0.0003' },
      ...(step % 100 === 0 ? [{ key: 'val/loss', valueJson: String(Math.exp(-step / 1e5)) }] : [])
    ])
    w.add(rec)
    size += rec.length + 7
    if (step % 50 === 0) {
      const out = outputRecord(`epoch ${step}: loss ${Math.exp(-step / 1e5).toFixed(4)} ${'='.repeat(40)}`)
      w.add(out)
      size += out.length + 7
    }
    step++
  }
  return { bytes: w.finish(), rows: step }
}

function buildTfEvents(style: 'simple' | 'tensor'): { bytes: Uint8Array; values: number } {
  const parts: Uint8Array[] = [tfRecord(eventRecord({ wallTime: 1763900000, step: 0, fileVersion: 'brain.Event:2' }))]
  let size = parts[0]!.length
  let n = 0
  const tags = ['train/loss', 'train/acc', 'lr', 'val/loss']
  while (size < TARGET) {
    const step = Math.floor(n / tags.length)
    const tag = tags[n % tags.length]!
    const value = Math.exp(-step / 1e5)
    const rec = tfRecord(
      eventRecord({
        wallTime: 1763900000 + step * 0.1,
        step,
        values: [
          style === 'simple'
            ? { tag, simple: value }
            : { tag, tensor: { dtype: 1, as: 'float_val', value }, ...(step === 0 ? { plugin: 'scalars' } : {}) }
        ]
      })
    )
    parts.push(rec)
    size += rec.length
    n++
  }
  const out = new Uint8Array(size)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return { bytes: out, values: n }
}

interface Result {
  name: string
  mb: number
  records: number
  bestMs: number
  mbPerSec: number
  /** CPU time (user + system, all threads) of the best run: steadier than wall time on a shared machine. */
  bestCpuMs: number
  mbPerCpuSec: number
  rowsOut: number
}

function measure(name: string, bytes: Uint8Array, records: number, run: () => number): Result {
  run() // warm-up (JIT, protobufjs codegen)
  let best = Infinity
  let bestCpu = Infinity
  let rowsOut = 0
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    rowsOut = run()
    best = Math.min(best, performance.now() - t)
    const used = process.cpuUsage(c)
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000)
  }
  const mb = bytes.length / (1024 * 1024)
  return {
    name,
    mb: round(mb),
    records,
    bestMs: round(best),
    mbPerSec: round(mb / (best / 1000)),
    bestCpuMs: round(bestCpu),
    mbPerCpuSec: round(mb / (bestCpu / 1000)),
    rowsOut
  }
}

const round = (x: number): number => Math.round(x * 10) / 10

const wandb = buildWandb()
const simple = buildTfEvents('simple')
const tensor = buildTfEvents('tensor')
// "import" = parse into the columnar table (what runs:list needs); "+ wire columns" adds what one
// runs:history reply costs (every key as a column); "+ all rows" materialises every row object.
const tfA = (): ReturnType<typeof parseTfEvents> => parseTfEvents([{ name: 'a', bytes: simple.bytes }], { name: 'a' })
const results: Result[] = [
  measure('.wandb history (6–7 items/row + output records): import', wandb.bytes, wandb.rows, () => parseWandbFile(wandb.bytes).table!.length),
  measure('.wandb: import + wire columns (runs:history)', wandb.bytes, wandb.rows, () => historyColumns(parseWandbFile(wandb.bytes)).steps.length),
  measure('.wandb: import + all rows as objects', wandb.bytes, wandb.rows, () => parseWandbFile(wandb.bytes).rows.length),
  measure('tfevents simple_value (1 scalar/event): import', simple.bytes, simple.values, () => tfA().table!.length),
  measure('tfevents simple_value: import + wire columns', simple.bytes, simple.values, () => historyColumns(tfA()).steps.length),
  measure(
    'tfevents tensor scalars (TF2 float_val): import',
    tensor.bytes,
    tensor.values,
    () => parseTfEvents([{ name: 'b', bytes: tensor.bytes }], { name: 'b' }).table!.length
  )
]

// The load average is recorded because the bench machine is shared: MB/s scale with the CPU share we got.
const env = machine()
const md = [
  '# Importer throughput',
  '',
  `Goal: ≥ 100 MB/s for .wandb and tfevents. Synthetic files built in memory; best of 5 after a warm-up; MB/s by wall clock and by process CPU time. ${env.node}, ${env.cpu} (${env.cores} cores, shared; 1-min load average ${env.loadAvg1m} at the end), ${env.date}.`,
  '',
  '| file | MB | records | best ms | MB/s (wall) | MB/s (CPU time) | rows out |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.name} | ${r.mb} | ${r.records} | ${r.bestMs} | **${r.mbPerSec}** | ${r.mbPerCpuSec} | ${r.rowsOut} |`),
  ''
].join('\n')
writeResults('importers', { goalMBps: 100, env, results }, md)
console.log(md)
