import { readFileSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { parseTfEvents } from './src/core/metrics/tfevents'
for (const f of execSync('find ../shared/fixtures/real/tfevents -type f -name "*tfevents*"').toString().trim().split('\n')) {
  const r = parseTfEvents([{ name: f.split('/').pop()!, bytes: readFileSync(f) }], { name: 'x' })
  const counts: Record<string, number> = {}
  for (const row of r.rows) for (const k in row) counts[k] = (counts[k] ?? 0) + 1
  console.log(f.split('/').slice(-3).join('/'), r.rows.length, counts, r.warnings)
  console.log(JSON.stringify(r.rows[0]), JSON.stringify(r.rows.at(-1)))
}
