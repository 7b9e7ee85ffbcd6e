/**
 * The inference worker's environment: onnxruntime telemetry off, no secret
 * inherited, and no name resolved by the worker's JavaScript while it loads
 * and runs a model (real worker process, real onnxruntime-node).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { workerEnv } from '../../../../src/host/models/worker-env'
import { fixtures, makeDeck } from './deck-helpers'

const deck = makeDeck(['text-hf', 'tabular'])
const scratch = mkdtempSync(join(tmpdir(), 'demodeck-probe-'))
afterAll(() => {
  deck.cleanup()
  rmSync(scratch, { recursive: true, force: true })
})
const probe = (out: string): string => `${pathToFileURL(join(fixtures, 'worker-probe.mjs')).href}?out=${encodeURIComponent(out)}`
type ProbeLine = { env?: Record<string, string>; lookup?: string }
const readProbe = (file: string): ProbeLine[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ProbeLine)

describe('worker environment', () => {
  it('keeps the basics, drops secrets and always turns telemetry off', () => {
    const env = workerEnv({ PATH: '/usr/bin', LANG: 'C.UTF-8', WANDB_API_KEY: 'k'.repeat(40), AWS_SECRET_ACCESS_KEY: 's', GITHUB_TOKEN: 't', ORT_DISABLE_TELEMETRY: '0', DEMODECK_ORT_THREADS: '2' })
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8', DEMODECK_ORT_THREADS: '2', ORT_DISABLE_TELEMETRY: '1', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' })
  })

  it('asks glibc for huge pages for big image buffers unless the parent tunes glibc itself', () => {
    expect(workerEnv({})['GLIBC_TUNABLES']).toBe('glibc.malloc.hugetlb=1')
    expect(workerEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })['GLIBC_TUNABLES']).toBe('glibc.malloc.arena_max=2')
  })

  it('the probe sees what a worker resolves (so an empty list below means something)', () => {
    const out = join(scratch, 'sanity.jsonl')
    execFileSync(process.execPath, ['--import', probe(out), '-e', "require('node:dns').lookup('localhost', () => {})"], { env: { PATH: process.env['PATH'] ?? '' } })
    expect(readProbe(out).map((l) => l.lookup).filter(Boolean)).toEqual(['localhost'])
  })

  it('a real worker runs with telemetry off, without the host\'s W&B key, and resolves no name while it loads and predicts', async () => {
    const out = join(scratch, 'worker.jsonl')
    const saved = process.env['WANDB_API_KEY']
    process.env['WANDB_API_KEY'] = 'fa4e0000000000000000000000000000000000a1'
    const s = new ModelService(deck.root, () => forkSourceWorker({ execArgv: ['--import', probe(out)] }))
    try {
      expect((await s.predict('text-hf', { text: 'storm and flood' })).predictions[0]!.label).toBe('disaster')
      expect((await s.parity('text-hf')).ok).toBe(true)
    } finally {
      s.dispose()
      if (saved === undefined) delete process.env['WANDB_API_KEY']
      else process.env['WANDB_API_KEY'] = saved
    }
    const [first, ...rest] = readProbe(out)
    expect(first!.env!['ORT_DISABLE_TELEMETRY']).toBe('1')
    expect(Object.keys(first!.env!)).not.toContain('WANDB_API_KEY')
    expect(JSON.stringify(first!.env)).not.toContain('fa4e0000')
    // JavaScript-level lookups only: onnxruntime's native telemetry resolves through libc, which this probe
    // cannot see; what stops that is ORT_DISABLE_TELEMETRY=1 above (strace showed no lookup with it set).
    expect(rest.filter((l) => l.lookup)).toEqual([])
  })
})
