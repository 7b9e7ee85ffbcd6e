import { readFileSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { parseWandbFile } from './src/core/metrics/wandb-file'
for (const f of execSync('ls ../shared/fixtures/real/wandb-runs/*/wandb/*/*.wandb').toString().trim().split('\n')) {
  const r = parseWandbFile(readFileSync(f))
  console.log(f, r.name, r.runId, r.project, r.entity, r.group, r.state, r.rows.length, r.metrics, JSON.stringify(r.config).slice(0,300), JSON.stringify(r.summary).slice(0,300), r.warnings)
  console.log(JSON.stringify(r.rows[0]), JSON.stringify(r.rows.at(-1)))
}
