/** The drift report's headline, row order and figures as the slide shows them. */
import { describe, expect, it } from 'vitest'
import { driftHeadline, driftRows, formatStat, meansText } from '../../../../../src/renderer/src/features/compare/drift-format'
import type { ColumnDrift, DriftReport } from '../../../../../src/shared/types'

const column = (name: string, drifted: boolean, psi: number): ColumnDrift => ({
  name,
  kind: 'numeric',
  drifted,
  psi: { test: 'psi', value: psi, threshold: 0.1, drifted: psi >= 0.1 },
  ks: { test: 'ks', value: drifted ? 0.001 : 0.5, statistic: 0.3, threshold: 0.05, drifted },
  referenceMean: 12.97,
  currentMean: 13.812,
  missing: { reference: 0, current: 0 },
  histogram: { bins: ['a'], reference: [1], current: [1] }
})

const report = (features: ColumnDrift[], confidence = false): DriftReport => ({
  model: 'wine',
  task: 'tabular-classification',
  reference: { name: 'ref', size: 142 },
  current: { name: 'cur', size: 36 },
  features,
  confidence: column('confidence', confidence, 0.05),
  predictedClass: { ...column('predicted class', false, 0.02), kind: 'categorical' },
  dataset: features.length
    ? {
        driftedFeatures: features.filter((f) => f.drifted).length,
        features: features.length,
        share: 0,
        driftShare: 0.5,
        drifted: features.filter((f) => f.drifted).length / features.length >= 0.5
      }
    : null,
  notes: [],
  elapsedMs: 1
})

describe('driftRows', () => {
  it('lists the model outputs first, then drifted features, then the rest by PSI', () => {
    const rows = driftRows(report([column('ash', false, 0.3), column('alcohol', true, 0.2), column('hue', false, 0.9)]))
    expect(rows.map((r) => r.column.name)).toEqual(['confidence', 'predicted class', 'alcohol', 'hue', 'ash'])
    expect(rows.map((r) => r.output)).toEqual([true, true, false, false, false])
  })
})

describe('driftHeadline', () => {
  it("counts drifted features against Evidently's half-of-the-columns rule and mentions the outputs", () => {
    expect(driftHeadline(report([column('alcohol', true, 1), column('ash', false, 0), column('hue', false, 0)]))).toEqual({
      drift: false,
      text: "1 of 3 features drifted — no dataset drift (at least half must drift); the model's answers did not shift"
    })
    expect(driftHeadline(report([column('alcohol', true, 1)], true)).text).toBe(
      '1 of 1 features drifted — dataset drift (at least half must drift); the confidence shifted'
    )
  })
  it("speaks of the model's answers alone for text and image models", () => {
    expect(driftHeadline(report([], true))).toEqual({ drift: true, text: "The model's confidence shifted" })
    expect(driftHeadline(report([]))).toEqual({ drift: false, text: "The model's answers did not shift" })
  })
})

describe('figures', () => {
  it('prints p-values and PSI readably, and the means of both sets', () => {
    expect(formatStat(0.7166)).toBe('0.72')
    expect(formatStat(0.0137)).toBe('0.014')
    expect(formatStat(1.58e-6)).toBe('2e-6')
    expect(formatStat(0)).toBe('0')
    expect(formatStat(1e-15)).toBe('<1e-12')
    expect(formatStat(0.00996)).toBe('0.01')
    expect(formatStat(13.4)).toBe('13')
    expect(meansText(column('alcohol', true, 1))).toBe('13.0 → 13.8')
  })
  it('adds digits near the threshold until the printed figure compares like the real one', () => {
    // KS: drift when p ≤ 0.05.
    expect(formatStat(0.0504, 0.05)).toBe('0.0504')
    expect(formatStat(0.0496, 0.05)).toBe('0.0496')
    expect(formatStat(0.05, 0.05)).toBe('0.05')
    expect(formatStat(0.050000001, 0.05)).toBe('0.050000001')
    expect(formatStat(0.7166, 0.05)).toBe('0.72')
    // PSI: drift when ≥ 0.1.
    expect(formatStat(0.09996, 0.1)).toBe('0.09996')
    expect(formatStat(0.1004, 0.1)).toBe('0.1004')
    expect(formatStat(0.00996, 0.01)).toBe('0.00996')
    expect(formatStat(9.96e-4, 1e-3)).toBe('9.96e-4')
    expect(formatStat(13.4, 0.1)).toBe('13')
    expect(formatStat(0, 0.05)).toBe('0')
  })
})
