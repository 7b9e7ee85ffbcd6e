/** Where a bench leaves its figures: bench/results/<name>.json (all of it) and <name>.md (the README's table rows). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { root } from './app'

/** Writes bench/results/<name>.json and <name>.md. */
export function writeResults(name: string, result: unknown, md: string): void {
  const dir = join(root, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(join(dir, `${name}.md`), md)
}

/** The machine a result was measured on; the load average is kept because the bench machine is shared. */
export function machine(): { node: string; cpu: string; cores: number; loadAvg1m: number; date: string } {
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAvg1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString()
  }
}
