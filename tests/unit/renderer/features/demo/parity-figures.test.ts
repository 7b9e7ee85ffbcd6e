/** The model card's parity lines: real figures as numbers, a shape mismatch in words. */
import { describe, expect, it } from 'vitest'
import { exportParityLine, preprocessingParityLine } from '../../../../../src/renderer/src/features/demo/parity-figures'
import type { ParityReport } from '../../../../../src/shared/types'

const report = (over: Partial<ParityReport>): ParityReport => ({
  samples: 3,
  maxAbsDiff: 3e-7,
  tolerance: 1e-4,
  ok: true,
  checkedAt: '2026-01-01T00:00:00Z',
  message: 'Parity OK',
  status: 'ok',
  exportParity: { maxAbsDiff: 3e-7, ok: true, samples: 3 },
  findings: [],
  ...over
})

describe('parity lines', () => {
  it('print the measured figures beside the tolerance', () => {
    expect(exportParityLine(report({}))).toBe('Export parity: max abs diff 3e-7 ≤ 1e-4 over 3 samples')
    expect(exportParityLine(report({ exportParity: { maxAbsDiff: 0.3, ok: false, samples: 1 } }))).toBe(
      'Export parity: max abs diff 0.3 > 1e-4 over 1 sample'
    )
    const pre = { samples: 3, maxFeedDiff: 0.002, maxScoreDiff: 0.0012, scoreTolerance: 0.01, sameTop: true, ok: false }
    expect(preprocessingParityLine(report({ preprocessingParity: pre }))).toBe(
      'Preprocessing parity: inputs within 0.002, scores within 0.12 pt, same top label on every sample'
    )
    expect(preprocessingParityLine(report({}))).toBeNull()
  })

  it('say "shape mismatch" for the unmeasurable difference (sent as Number.MAX_VALUE), never 1.8e308 or Infinity pt', () => {
    const line = exportParityLine(report({ status: 'failed', ok: false, exportParity: { maxAbsDiff: Number.MAX_VALUE, ok: false, samples: 2 } }))
    expect(line).toContain('shape mismatch')
    expect(line).not.toMatch(/e308|Infinity/)
    const pre = { samples: 2, maxFeedDiff: Number.MAX_VALUE, maxScoreDiff: Number.MAX_VALUE, scoreTolerance: 0.01, sameTop: false, ok: false }
    const preLine = preprocessingParityLine(report({ preprocessingParity: pre }))!
    expect(preLine).toBe('Preprocessing parity: shape mismatch in the inputs, shape mismatch in the scores, a different top label')
  })
})
