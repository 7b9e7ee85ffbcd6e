/** Model A/B figures: agreement on one input, accuracy of each model and agreement over a set. */
import { describe, expect, it } from 'vitest'
import { agreementOf, buildSetReport, percentile } from '../../../../src/core/compare/ab'
import type { Prediction } from '../../../../src/shared/types'

const p = (top: string, score: number, latencyMs = 1): Prediction => ({
  predictions: [
    { label: top, score },
    { label: top === 'disaster' ? 'not disaster' : 'disaster', score: 1 - score }
  ],
  latencyMs
})

describe('agreementOf', () => {
  it('compares top labels and the largest probability gap over every label', () => {
    expect(agreementOf(p('disaster', 0.9), p('disaster', 0.85))).toEqual({ sameTop: true, maxDiff: expect.closeTo(0.05, 12) })
    expect(agreementOf(p('disaster', 0.55), p('not disaster', 0.6))).toEqual({ sameTop: false, maxDiff: expect.closeTo(0.15, 12) })
  })
})

describe('percentile', () => {
  it('interpolates between closest ranks as NumPy does', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(percentile([5], 0.95)).toBe(5)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBeCloseTo(9.55, 12)
  })
})

describe('buildSetReport', () => {
  const labels = ['not disaster', 'disaster']
  const items = [{ text: 'a', label: 'disaster' }, { text: 'b', label: 'not disaster' }, { text: 'c', label: 'Disaster' }, { text: 'd' }]
  const a = [p('disaster', 0.9, 1), p('not disaster', 0.8, 2), p('disaster', 0.6, 3), p('disaster', 0.7, 4)]
  const b = [p('disaster', 0.88, 0.5), p('disaster', 0.52, 0.5), p('not disaster', 0.55, 0.5), p('disaster', 0.69, 0.5)]
  const report = buildSetReport(
    'val',
    items,
    { model: 'fp32', name: 'fp32', labels, fileSizeBytes: 400, predictions: a },
    { model: 'int8', name: 'int8', labels, fileSizeBytes: 100, predictions: b },
    7
  )

  it('scores each model on the labelled items (labels matched without case)', () => {
    expect(report.set).toEqual({ name: 'val', size: 4, labelled: 3 })
    expect(report.a.accuracy).toBe(1)
    expect(report.b.accuracy).toBeCloseTo(1 / 3, 12)
  })
  it('gives the agreement rate and lists the disagreements with their truth', () => {
    expect(report.agreement).toBe(0.5)
    expect(report.disagreements).toEqual([
      { index: 1, input: 'b', a: 'not disaster', b: 'disaster', label: 'not disaster' },
      { index: 2, input: 'c', a: 'disaster', b: 'not disaster', label: 'Disaster' }
    ])
    expect(report.largestDiff).toBeCloseTo(0.32, 12)
  })
  it("keeps each model's latency and size", () => {
    expect(report.a.latency).toEqual({ p50: 2.5, p95: expect.closeTo(3.85, 12), mean: 2.5 })
    expect(report.b.latency.p50).toBe(0.5)
    expect([report.a.fileSizeBytes, report.b.fileSizeBytes]).toEqual([400, 100])
  })
  it('has no accuracy when no item carries a label the models know', () => {
    const r = buildSetReport(
      'x',
      [{ text: 'a', label: 'cat' }],
      { model: 'a', name: 'a', labels, fileSizeBytes: null, predictions: [a[0]!] },
      { model: 'b', name: 'b', labels, fileSizeBytes: null, predictions: [b[0]!] },
      0
    )
    expect(r.a.accuracy).toBeNull()
    expect(r.set.labelled).toBe(0)
  })
})
