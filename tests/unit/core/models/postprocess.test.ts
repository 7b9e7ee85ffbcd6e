/** Output postprocessing: softmax, exp, sigmoid, ranking. */
import { describe, expect, it } from 'vitest'
import { rankLabels, scoresFor, sigmoid, softmax } from '../../../../src/core/models/postprocess'

describe('softmax', () => {
  it('sums to 1 and matches the closed form', () => {
    const s = softmax([1, 2, 3])
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3)
    expect(s[2]).toBeCloseTo(Math.exp(3) / z, 12)
  })
  it('is stable for huge logits', () => {
    const s = softmax([1000, 1001])
    expect(s.every(Number.isFinite)).toBe(true)
    expect(s[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12)
  })
})

describe('scoresFor', () => {
  it('exponentiates log-probabilities', () => {
    const p = scoresFor('log-probabilities', [Math.log(0.2), Math.log(0.8)])
    expect(p[0]).toBeCloseTo(0.2, 12)
    expect(p[1]).toBeCloseTo(0.8, 12)
  })
  it('applies an independent sigmoid for multi-label heads', () => {
    expect(scoresFor('sigmoid', [0, 100, -800])).toEqual([0.5, sigmoid(100), sigmoid(-800)])
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0)
  })
  it('keeps probabilities as they are', () => {
    expect(scoresFor('probabilities', [0.3, 0.7])).toEqual([0.3, 0.7])
  })
})

describe('rankLabels', () => {
  it('returns every label, best first', () => {
    expect(rankLabels('logits', [0.5, 2, -1], ['a', 'b', 'c']).map((p) => p.label)).toEqual(['b', 'a', 'c'])
  })
  it('keeps class order on ties', () => {
    expect(rankLabels('probabilities', [0.5, 0.5], ['x', 'y']).map((p) => p.label)).toEqual(['x', 'y'])
  })
  it('refuses a label/score count mismatch and non-finite scores', () => {
    expect(() => rankLabels('logits', [1, 2, 3], ['a', 'b'])).toThrow(/3 scores but has 2 labels/)
    expect(() => rankLabels('probabilities', [Number.NaN, 1], ['a', 'b'])).toThrow(/non-finite/)
  })
})

