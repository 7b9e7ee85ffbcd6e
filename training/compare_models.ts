/**
 * Compares two models of a deck on a labelled JSONL set through demodeck's own host (real inference
 * workers): accuracy of each and agreement (the `compare:set` channel), and the latency of each in its
 * worker, measured one prediction at a time, alternating the models so both see the same machine load.
 * Prints one JSON object. Used by quantize_tweets.py; run: npx tsx training/compare_models.ts DECK A B SET.jsonl
 */
import { readFileSync } from 'node:fs'
import { createHost } from '../src/host/create-host'
import { forkSourceWorker } from '../src/host/models/node-worker'
import { percentile } from '../src/core/compare/ab'
import type { AbSetReport, Prediction, SetItem } from '../src/shared/types'

async function main(): Promise<void> {
  const [deck, a, b, setFile] = process.argv.slice(2)
  if (!deck || !a || !b || !setFile) throw new Error('usage: compare_models.ts DECK MODEL_A MODEL_B SET.jsonl')
  const items = readFileSync(setFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SetItem)
  const host = createHost({ deckRoot: deck, spawnWorker: () => forkSourceWorker(), emit: () => undefined, watch: false, wakeEndpoints: false })
  try {
    const report = (await host.dispatch('compare:set', { id: a, other: b, set: { items } })) as AbSetReport
    // Latency: one at a time, A then B on each item, after the set run above warmed both workers.
    const latency: Record<string, number[]> = { [a]: [], [b]: [] }
    for (const item of items) {
      const input = { text: (item as { text: string }).text }
      for (const id of [a, b]) latency[id]!.push(((await host.dispatch('models:predict', { id, input })) as Prediction).latencyMs)
    }
    const stats = (values: number[]): { p50: number; p95: number; mean: number } => ({
      p50: percentile(values, 0.5),
      p95: percentile(values, 0.95),
      mean: values.reduce((x, y) => x + y, 0) / values.length
    })
    const la = stats(latency[a]!)
    const lb = stats(latency[b]!)
    console.log(
      JSON.stringify({
        items: items.length,
        accuracy: { [a]: report.a.accuracy, [b]: report.b.accuracy },
        agreement: report.agreement,
        largestDiff: report.largestDiff,
        bytes: { [a]: report.a.fileSizeBytes, [b]: report.b.fileSizeBytes },
        latencyMs: { [a]: la, [b]: lb },
        speedupP50: la.p50 / lb.p50,
        speedupMean: la.mean / lb.mean
      })
    )
  } finally {
    host.dispose()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
