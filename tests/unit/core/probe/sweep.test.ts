/** Reading sweeps: flip strength, confidence line, set curves (example labels: core/models/example-truth.test.ts). */
import { describe, expect, it } from 'vitest'
import { findFlip, setCurves, summarizeSweep } from '../../../../src/core/probe/sweep'

const ranked = (top: string, score: number, other: string): Array<{ label: string; score: number }> => [
  { label: top, score },
  { label: other, score: 1 - score }
]

describe('summarizeSweep', () => {
  it('finds the first strength where the top label changes and follows the clean label’s confidence', () => {
    const strengths = [0.1, 0.2, 0.3, 0.4]
    const rows = [ranked('7', 0.9, '1'), ranked('7', 0.6, '1'), ranked('1', 0.7, '7'), ranked('7', 0.55, '1')]
    const out = summarizeSweep(strengths, ranked('7', 0.97, '1'), rows, ['a', 'b', 'c', 'd'])
    expect(out.clean).toEqual({ label: '7', score: 0.97 })
    expect(out.points.map((p) => p.cleanScore.toFixed(2))).toEqual(['0.90', '0.60', '0.30', '0.55'])
    expect(out.points.map((p) => p.top.label)).toEqual(['7', '7', '1', '7'])
    expect(out.points[2]!.preview).toBe('c')
    expect(out.flip).toEqual({ strength: 0.3, after: 0.2, label: '1' })
  })

  it('reports no flip when the label holds over the whole sweep', () => {
    expect(findFlip('7', summarizeSweep([0.1], ranked('7', 0.9, '1'), [ranked('7', 0.8, '1')]).points)).toBeNull()
  })
})

describe('setCurves', () => {
  it('gives agreement with the clean labels and accuracy over the labelled inputs, per strength', () => {
    const out = setCurves(
      ['a', 'b', 'a'],
      [
        ['a', 'b'],
        ['b', 'b'],
        ['a', 'a']
      ],
      ['a', null, 'b'],
      2
    )
    expect(out.agreement).toEqual([1, 2 / 3])
    expect(out.accuracy).toEqual([0.5, 0])
    expect(out.labelled).toBe(2)
    expect(setCurves(['a'], [['a']], [null], 1).accuracy).toBeNull()
  })
})
