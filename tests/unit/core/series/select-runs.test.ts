import { describe, expect, it } from 'vitest'
import { selectRuns, wandbRunId } from '../../../../src/core/series/select-runs'

describe('selectRuns and W&B run ids', () => {
  // A run synced from W&B (via /runs or a "- wandb:" line in runs.yaml) gets the deck id entity__project__runId.
  const synced = { id: 'dtu__tweets__abc12345', name: 'tweets/abc12345', path: 'dtu/tweets/abc12345' }
  const local = { id: 'run-20240101_120000-k9x8y7z6', name: 'fine-sun-3', url: 'https://wandb.ai/dtu/tweets/runs/k9x8y7z6' }
  const plain = { id: 'baseline', name: 'baseline' }

  it('a chart names a synced run by the W&B run id the student knows', () => {
    expect(selectRuns([plain, synced, local], 'abc12345')).toEqual({ runs: [synced], unmatched: [] })
    expect(selectRuns([plain, synced, local], 'K9X8Y7Z6, baseline').runs).toEqual([plain, local])
    expect(selectRuns([plain, synced, local], 'dtu__tweets__abc12345').runs).toEqual([synced])
  })

  it('a run id that no run has is still unmatched', () => {
    expect(selectRuns([plain, synced], 'zzz99999').unmatched).toEqual(['zzz99999'])
  })

  it('reads the W&B run id from the path or the page address', () => {
    expect(wandbRunId(synced)).toBe('abc12345')
    expect(wandbRunId(local)).toBe('k9x8y7z6')
    expect(wandbRunId({ id: 'a', name: 'a', url: 'https://wandb.ai/e/p/runs/r1?workspace=user' })).toBe('r1')
    expect(wandbRunId(plain)).toBeUndefined()
  })
})
