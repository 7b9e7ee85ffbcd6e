/** The app's one percentile (NumPy's default linear interpolation). */
import { describe, expect, it } from 'vitest'
import { percentile } from '../../../../src/core/stats/percentile'

describe('percentile', () => {
  it('interpolates between the closest ranks, as numpy.percentile does by default', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) → [1, 1.75, 2.5, 3.7, 4]
    expect([0, 0.25, 0.5, 0.9, 1].map((q) => percentile([4, 1, 3, 2], q))).toEqual([1, 1.75, 2.5, expect.closeTo(3.7, 10), 4])
    expect(percentile([42], 0.95)).toBe(42)
    expect(percentile([], 0.5)).toBeNaN()
  })
})
