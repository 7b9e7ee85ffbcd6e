/** The parity verdict: export vs preprocessing parity, and a headline that never contradicts its numbers. */
import { describe, expect, it } from 'vitest'
import { judgeParity, maxAbsDiff, type SampleMeasure } from '../../../../src/core/models/parity'

const sample = (index: number, extra: Partial<SampleMeasure> = {}): SampleMeasure => ({
  index,
  name: `\`s${index}.png\``,
  exportDiff: 1e-6,
  feedDiff: 1e-7,
  scoreDiff: 1e-7,
  top: { ours: 'cat', theirs: 'cat' },
  ...extra
})
const at = new Date('2026-01-01T00:00:00Z')

describe('maxAbsDiff', () => {
  it('measures the largest absolute difference', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2.9])).toBeCloseTo(0.5, 12)
    expect(maxAbsDiff([1], [1, 2])).toBe(Infinity)
    expect(maxAbsDiff([Number.NaN], [Number.NaN])).toBe(0)
  })
})

describe('judgeParity', () => {
  it('passes when both parities hold, and says so with both figures', () => {
    const r = judgeParity({ samples: [sample(1), sample(2)], tolerance: 1e-4, scoreTolerance: 0.01, producer: 'torch 1.13.1', checkedAt: at })
    expect(r.status).toBe('ok')
    expect(r.ok).toBe(true)
    expect(r.message).toBe("Parity OK: ONNX Runtime matches torch 1.13.1 on 2 samples (max abs diff 1.0e-6 ≤ 1.0e-4); demodeck's preprocessing reproduces the reference inputs (max 1.0e-7).")
    expect(r.exportParity).toEqual({ maxAbsDiff: 1e-6, ok: true, samples: 2 })
    expect(r.preprocessingParity?.ok).toBe(true)
    expect(r.findings).toEqual([])
  })

  it("turns the issue's false alarm into a warning with its cause (export 3.3e-5 ≤ 1e-4, JPEG decoded differently)", () => {
    const jpeg = sample(3, {
      name: '`Rubroboletus.png`',
      exportDiff: 3.3e-5,
      feedDiff: 0.45,
      scoreDiff: 0.001,
      difference: { stage: 'decode', detail: 'JPEG decoded differently at 214 pixels, max 29/255' }
    })
    const r = judgeParity({ samples: [sample(1), sample(2), jpeg], tolerance: 1e-4, scoreTolerance: 0.01, producer: 'torch 1.13.1' })
    expect(r.status).toBe('warning')
    expect(r.ok).toBe(true)
    expect(r.message).not.toMatch(/FAILED/)
    expect(r.message).toContain('3.3e-5 ≤ 1.0e-4')
    expect(r.findings).toEqual(['sample 3 (`Rubroboletus.png`) decode: JPEG decoded differently at 214 pixels, max 29/255, scores agree to 0.1 pt'])
    expect(r.message).toContain(r.findings[0])
    expect(r.maxAbsDiff).toBe(3.3e-5)
  })

  it('fails the export with the failing figure, naming the sample', () => {
    const r = judgeParity({ samples: [sample(1), sample(2, { exportDiff: 0.03 })], tolerance: 1e-4, scoreTolerance: 0.01, producer: 'torch 1.13.1' })
    expect(r.status).toBe('failed')
    expect(r.message).toMatch(/^Export parity FAILED: on sample 2 \(`s2.png`\) ONNX Runtime's outputs differ from torch 1.13.1: max abs diff 3.0e-2 > 1.0e-4 \(the tolerance\)/)
    expect(r.message).toContain('re-export')
  })

  it('fails the preprocessing when the top label changes, naming the sample and the stage', () => {
    const r = judgeParity({
      samples: [sample(1), sample(2, { feedDiff: 2.1, scoreDiff: 0.4, top: { ours: 'dog', theirs: 'cat' }, difference: { stage: 'resize', detail: 'after resize and crop 900 of 50176 pixels differ, max 80/255' } })],
      tolerance: 1e-4,
      scoreTolerance: 0.01
    })
    expect(r.status).toBe('failed')
    expect(r.message).toMatch(/^Preprocessing parity FAILED on sample 2 \(`s2.png`\): the top label is "dog" instead of "cat"; sample 2 .* resize: after resize and crop 900/)
    expect(r.message).toContain('The export itself is fine (1.0e-6 ≤ 1.0e-4)')
  })

  it('fails the preprocessing when scores move more than the score tolerance, even with the same top label', () => {
    const r = judgeParity({ samples: [sample(1, { feedDiff: 0.2, scoreDiff: 0.05, difference: { stage: 'normalize', detail: 'x' } })], tolerance: 1e-4, scoreTolerance: 0.01 })
    expect(r.status).toBe('failed')
    expect(r.message).toContain('scores differ by 5 pt (over 1 pt)')
  })

  it('says when a sample without feeds cannot separate the export from the preprocessing', () => {
    const r = judgeParity({ samples: [sample(1, { exportDiff: 0.5, ownFeeds: true, feedDiff: null })], tolerance: 1e-4, scoreTolerance: 0.01 })
    expect(r.status).toBe('failed')
    expect(r.message).toContain('cannot be told apart')
  })

  it('fails when no sample could be run: no evidence is not "OK"', () => {
    const r = judgeParity({
      samples: [sample(1, { exportDiff: null, feedDiff: null, scoreDiff: null, skipped: 'the demo refuses its input: the text is empty' })],
      tolerance: 1e-4,
      scoreTolerance: 0.01
    })
    expect(r.status).toBe('failed')
    expect(r.ok).toBe(false)
    expect(r.message).toBe(
      'Parity not checked: none of the 1 sample of reference.json could be run (sample 1, `s1.png`: the demo refuses its input: the text is empty). Give the samples inputs the demo accepts, or their model feeds ("feeds"), and check again.'
    )
  })

  it('names the sample that breaks agreement even when its own inputs match', () => {
    const r = judgeParity({
      samples: [
        sample(1, { feedDiff: 0.3, scoreDiff: 0.001, difference: { stage: 'resize', detail: 'x' } }),
        sample(2, { feedDiff: 5e-5, scoreDiff: 0.2, top: { ours: 'dog', theirs: 'cat' } })
      ],
      tolerance: 1e-4,
      scoreTolerance: 0.01
    })
    expect(r.status).toBe('failed')
    expect(r.message).toMatch(/^Preprocessing parity FAILED on sample 2 \(`s2.png`\): the top label is "dog" instead of "cat"/)
    expect(r.message).not.toMatch(/scores differ by 0\.1 pt/)
  })

  it('claims no agreement it could not measure', () => {
    const r = judgeParity({ samples: [sample(1, { feedDiff: 0.3, scoreDiff: null, top: undefined, difference: { stage: 'normalize', detail: 'x' } })], tolerance: 1e-4, scoreTolerance: 0.01 })
    expect(r.status).toBe('warning')
    expect(r.message).not.toContain('The predictions still agree')
    expect(r.message).toContain('Whether the predictions still agree could not be measured on sample 1 (no scores to compare).')
  })

  it('reports a shape mismatch without Infinity in JSON', () => {
    const r = judgeParity({ samples: [sample(1, { exportDiff: Infinity })], tolerance: 1e-4, scoreTolerance: 0.01 })
    expect(r.maxAbsDiff).toBe(Number.MAX_VALUE)
    expect(r.message).toContain('a shape mismatch')
    expect(JSON.parse(JSON.stringify(r)).exportParity.maxAbsDiff).toBe(Number.MAX_VALUE)
  })

  it('never writes a comparison its numbers contradict (grid over figures and tolerances)', () => {
    const figures = [0, 3.3e-5, 9.9e-5, 1e-4, 1.01e-4, 3e-3, 0.5]
    for (const exportDiff of figures) {
      for (const feedDiff of figures) {
        for (const scoreDiff of [0, 0.001, 0.02]) {
          const r = judgeParity({ samples: [sample(1, { exportDiff, feedDiff, scoreDiff })], tolerance: 1e-4, scoreTolerance: 0.01 })
          for (const m of r.message.matchAll(/(\d\.\d+e[-+]\d+) (≤|>) (\d\.\d+e[-+]\d+)/g)) {
            const [a, b] = [Number(m[1]), Number(m[3])]
            expect(m[2] === '≤' ? a <= b : a > b, `${r.message}`).toBe(true)
          }
          expect(r.message.includes('FAILED')).toBe(r.status === 'failed')
          expect(r.ok).toBe(exportDiff <= 1e-4 && (feedDiff <= 1e-4 || scoreDiff <= 0.01))
        }
      }
    }
  })
})
