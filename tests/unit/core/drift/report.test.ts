/** The drift report: per-feature tests for tabular models, confidence and predicted class for every kind, Evidently's dataset drift. */
import { describe, expect, it } from 'vitest'
import { buildDriftReport, type ScoredSet } from '../../../../src/core/drift/report'
import type { TabularFeature } from '../../../../src/shared/types'

const features: TabularFeature[] = [
  { name: 'alcohol', type: 'number', min: 11, max: 15 },
  { name: 'ash', type: 'number', min: 1, max: 4 },
  { name: 'region', type: 'category', categories: ['north', 'south'] }
]
const labels = ['Barolo', 'Grignolino', 'Barbera']

/** A deterministic pseudo-random stream, so the sets are the same on every run. */
function stream(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

function set(name: string, n: number, shift: number, seed: number): ScoredSet {
  const r = stream(seed)
  return {
    name,
    items: Array.from({ length: n }, (_, k) => ({
      item: { features: { alcohol: 13 + shift + r() - 0.5, ash: 2 + r() - 0.5, region: r() < 0.5 ? 'north' : 'south' } },
      top: { label: labels[k % (shift > 0 ? 1 : 3)]!, score: shift > 0 ? 0.5 + r() * 0.2 : 0.8 + r() * 0.2 }
    }))
  }
}

describe('buildDriftReport', () => {
  it('flags the shifted feature by KS, keeps the others, and reports PSI beside it', () => {
    const report = buildDriftReport(
      { id: 'wine', task: 'tabular-classification', labels, features },
      set('train', 120, 0, 1),
      set('new', 80, 1, 2),
      12
    )
    const byName = Object.fromEntries(report.features.map((f) => [f.name, f]))
    expect(byName['alcohol']).toMatchObject({ kind: 'numeric', drifted: true })
    expect(byName['alcohol']!.ks!.value).toBeLessThan(0.05)
    expect(byName['alcohol']!.psi.value).toBeGreaterThan(0.1)
    expect(byName['alcohol']!.currentMean! - byName['alcohol']!.referenceMean!).toBeCloseTo(1, 0)
    expect(byName['ash']!.drifted).toBe(false)
    expect(byName['region']).toMatchObject({ kind: 'categorical' })
    expect(byName['region']!.ks).toBeUndefined()
    expect(byName['region']!.histogram.bins).toEqual(['north', 'south'])
    expect(report.dataset).toMatchObject({ driftedFeatures: 1, features: 3, driftShare: 0.5, drifted: false })
    expect(report.notes).toEqual([])
  })
  it('shows the confidence falling and the predicted classes collapsing onto one label', () => {
    const report = buildDriftReport(
      { id: 'wine', task: 'tabular-classification', labels, features },
      set('train', 120, 0, 1),
      set('new', 80, 1, 2),
      0
    )
    expect(report.confidence.drifted).toBe(true)
    expect(report.confidence.currentMean!).toBeLessThan(report.confidence.referenceMean!)
    expect(report.predictedClass.histogram.bins).toEqual(labels)
    expect(report.predictedClass.histogram.current).toEqual([1, 0, 0])
    expect(report.predictedClass.drifted).toBe(true)
  })
  it('says when the sets are too small for the tests to mean much', () => {
    const report = buildDriftReport(
      { id: 'wine', task: 'tabular-classification', labels, features },
      set('examples', 3, 0, 1),
      set('copy', 3, 0, 1),
      0
    )
    expect(report.notes[0]).toMatch(/smaller set has 3 items: with fewer than 30 per set the tests only detect large shifts/)
    expect(report.features.every((f) => !f.drifted)).toBe(true)
  })
  it('counts missing values and leaves a feature with none out, saying so', () => {
    const ref = set('train', 40, 0, 1)
    const cur = set('new', 40, 0, 3)
    for (const s of cur.items) (s.item as { features: Record<string, unknown> }).features['ash'] = null
    const report = buildDriftReport({ id: 'wine', task: 'tabular-classification', labels, features }, ref, cur, 0)
    expect(report.features.map((f) => f.name)).toEqual(['alcohol', 'region'])
    expect(report.notes.join(' ')).toMatch(/feature "ash" left out: "ash" has no usable value in the current set/)
  })
  it('reports only confidence and class for a text model (no features, no dataset verdict)', () => {
    const text = (name: string, score: number): ScoredSet => ({
      name,
      items: Array.from({ length: 40 }, (_, k) => ({
        item: { text: `tweet ${k}` },
        top: { label: k % 2 ? 'disaster' : 'not disaster', score: score + (k % 7) / 100 }
      }))
    })
    const report = buildDriftReport(
      { id: 'tweets', task: 'text-classification', labels: ['not disaster', 'disaster'] },
      text('a', 0.9),
      text('b', 0.6),
      0
    )
    expect(report.features).toEqual([])
    expect(report.dataset).toBeNull()
    expect(report.confidence.drifted).toBe(true)
    expect(report.predictedClass.drifted).toBe(false)
  })
})
