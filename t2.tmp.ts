import { readFileSync } from 'node:fs'
import { readWandbLog } from './src/core/metrics/wandb-file'
import protobuf from 'protobufjs'
const b = readFileSync('../shared/fixtures/real/wandb-runs/helenyaben__dtu_mlops_project/wandb/run-20230113_150431-sfsipfga/run-sfsipfga.wandb')
const counts: Record<string, number> = {}
readWandbLog(b, (p) => {
  const r = protobuf.Reader.create(p); const fields=[]
  while (r.pos < r.len) { const tag = r.uint32(); fields.push(tag>>>3); r.skipType(tag&7) }
  counts[fields.join(',')] = (counts[fields.join(',')]??0)+1
  if (!fields.includes(2) && !fields.includes(7)) console.log(fields, Buffer.from(p).toString('hex').slice(0,120))
}, console.log)
console.log(counts)
