import { describe, expect, it } from 'vitest'
import { runsIndexFindings } from '../../../../src/core/preflight/runs-warnings'
import type { RunInfo } from '../../../../src/shared/types'

const missing = {
  code: 'runs/missing-path',
  message: 'runs/runs.yaml lists "runs/x.jsonl", which does not exist (paths are relative to the deck folder).',
  file: 'runs/runs.yaml'
}
const entry = {
  code: 'runs/yaml-entry',
  message: 'Entry 2 of runs/runs.yaml needs exactly one of "path" or "wandb" (plus optional name, group); ignored.',
  file: 'runs/runs.yaml'
}

function run(id: string, warnings: RunInfo['warnings']): RunInfo {
  return { id, name: id, source: 'jsonl', metrics: ['loss'], steps: 3, config: {}, summary: {}, warnings }
}

describe('runsIndexFindings', () => {
  it('reports each runs.yaml problem once although the index attaches it to every run', () => {
    const f = runsIndexFindings([run('a', [missing, entry]), run('b', [missing, entry])])
    expect(f).toEqual([
      { severity: 'warning', code: 'runs/missing-path', message: missing.message, file: 'runs/runs.yaml' },
      { severity: 'warning', code: 'runs/yaml-entry', message: entry.message, file: 'runs/runs.yaml' }
    ])
  })

  it("names the run of a run's own problem and where to fix it; a W&B key in the deck is an error", () => {
    const f = runsIndexFindings([
      run('a', [{ code: 'runs/bad-row', message: '3 rows are not JSON', file: 'runs/a.jsonl' }]),
      run('b', [{ code: 'security/wandb-key', message: '.env seems to contain a W&B API key.', file: '.env' }]),
      run('c', [{ code: 'wandb/not-synced', message: 'not synced' }])
    ])
    expect(f.map((x) => [x.severity, x.code, x.message])).toEqual([
      ['warning', 'runs/bad-row', 'Run "a": 3 rows are not JSON. Fix it in runs/a.jsonl.'],
      ['error', 'security/wandb-key', 'Run "b": .env seems to contain a W&B API key.']
    ])
  })
})
