import { startFakeWandb } from './tests/support/fake-wandb'
import { RunsService } from './src/host/runs/runs-service'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
const fake = await startFakeWandb()
const deck = mkdtempSync(tmpdir() + '/deck-')
const svc = new RunsService(deck, { env: { WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key }, homeDir: deck })
console.log(await svc.status())
const info = await svc.sync('https://wandb.ai/demo-entity/exam-project/runs/abc12345?workspace=x#y')
console.log(JSON.stringify(info).slice(0, 600))
const h = await svc.history(info.id, ['val/acc'], 5)
console.log(h)
console.log(readFileSync(deck + '/runs/wandb/demo-entity__exam-project__abc12345/history.jsonl', 'utf8').split('\n').slice(149, 152))
const full = await svc.sync('demo-entity/exam-project/abc12345', true)
console.log(full.steps, fake.requests.length)
await fake.close()
