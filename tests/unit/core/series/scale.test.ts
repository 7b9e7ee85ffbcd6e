import { describe, expect, it } from 'vitest'
import { linearScale, logScale, logTicks, nearestIndex, pointsNear, yAxisFor } from '../../../../src/core/series/scale'
import { yRange } from '../../../../src/core/series/y-range'
import { formatExact } from '../../../../src/core/series/x-axis'

describe('scales', () => {
  it('maps linearly both ways, a flipped range included (y grows downwards)', () => {
    const s = linearScale([0, 10], [100, 0])
    expect(s(0)).toBe(100)
    expect(s(10)).toBe(0)
    expect(s(2.5)).toBe(75)
    expect(s.invert(75)).toBe(2.5)
    expect(s.domain).toEqual([0, 10])
  })

  it('maps a zero-width domain to the middle of the range', () => {
    const s = linearScale([3, 3], [0, 100])
    expect(s(3)).toBe(50)
    expect(s.invert(80)).toBe(3)
  })

  it('maps decades evenly on a log scale, and non-positive values to NaN', () => {
    const s = logScale([0.01, 100], [0, 400])
    expect(s(0.01)).toBeCloseTo(0, 9)
    expect(s(1)).toBeCloseTo(200, 9)
    expect(s(100)).toBeCloseTo(400, 9)
    expect(s.invert(300)).toBeCloseTo(10, 9)
    expect(s(0)).toBeNaN()
    expect(s(-1)).toBeNaN()
  })
})

describe('logTicks', () => {
  it('uses powers of ten across decades, thinned when there are many', () => {
    expect(logTicks(0.003, 40, 5)).toEqual([0.01, 0.1, 1, 10])
    expect(logTicks(1e-6, 1e6, 5)).toEqual([1e-6, 1e-3, 1, 1e3, 1e6])
  })

  it('falls back to 1·2·5 steps, then to linear ticks, on narrow ranges', () => {
    expect(logTicks(0.15, 0.9, 5)).toEqual([0.2, 0.5])
    const narrow = logTicks(0.41, 0.47, 5)
    expect(narrow.length).toBeGreaterThanOrEqual(2)
    for (const t of narrow) expect(t >= 0.41 && t <= 0.47).toBe(true)
  })

  it('gives nothing for a range that is not positive', () => {
    expect(logTicks(0, 10)).toEqual([])
    expect(logTicks(-1, 10)).toEqual([])
  })
})

describe('yAxisFor', () => {
  /** The axis over every value of one series, as the chart asks for it. */
  const axisOf = (y: ArrayLike<number>, log: boolean): ReturnType<typeof yAxisFor> =>
    yAxisFor(yRange([{ x: Array.from({ length: y.length }, (_, i) => i), y, label: 's' }], { log, ignoreOutliers: false })?.domain ?? null, log, 5)

  it('encloses every finite value in nice ticks on a linear axis', () => {
    const axis = axisOf([0.13, Number.NaN, 0.92, 0.5, Number.POSITIVE_INFINITY], false)!
    expect(axis.domain[0]).toBeLessThanOrEqual(0.13)
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.92)
    expect(axis.ticks[0]).toBe(axis.domain[0])
    expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.domain[1])
  })

  it('uses the positive extent on a log axis and returns null with nothing to draw', () => {
    expect(axisOf([-1, 0, 0.5, 20], true)!.domain).toEqual([0.5, 20])
    expect(axisOf([-1, 0], true)).toBeNull()
    expect(axisOf([Number.NaN], false)).toBeNull()
  })

  it('pads a constant series', () => {
    const axis = yAxisFor([2, 2], false, 5)!
    expect(axis.domain[0]).toBeLessThan(2)
    expect(axis.domain[1]).toBeGreaterThan(2)
  })

  it('gives at least two ticks even when asked for few', () => {
    expect(yAxisFor([0.21, 0.97], false, 2)!.ticks.length).toBeGreaterThanOrEqual(2)
  })
})

describe('the tooltip lookup', () => {
  it('finds the nearest index (the earlier one on ties) inside a range', () => {
    const x = [0, 10, 20, 30]
    expect(nearestIndex(x, 14)).toBe(1)
    expect(nearestIndex(x, 15)).toBe(1)
    expect(nearestIndex(x, 16)).toBe(2)
    expect(nearestIndex(x, 99)).toBe(3)
    expect(nearestIndex(x, 99, 0, 2)).toBe(1)
    expect(nearestIndex(x, 5, 2, 2)).toBe(-1)
  })

  it('gives each line its point nearest to x within the domain, headed by the nearest x overall', () => {
    const a = { name: 'a', x: new Float64Array([0, 1, 2, 3, 4, 5]) }
    const b = { name: 'b', x: new Float64Array([0, 5, 10]) }
    const c = { name: 'c', x: new Float64Array([8, 9]) }
    const hit = pointsNear([a, b, c], 3.2, [0, 6])!
    expect(hit.x).toBe(3)
    expect(hit.points.map((p) => [p.line.name, p.line.x[p.index]])).toEqual([
      ['a', 3],
      ['b', 5]
    ])
    expect(pointsNear([c], 3, [0, 6])).toBeNull()
  })

  it('writes logged values to 8 significant digits', () => {
    expect(formatExact(0.6853852868080139)).toBe('0.68538529')
    expect(formatExact(2)).toBe('2')
    expect(formatExact(1.5e-9)).toBe('1.5e-9')
    expect(formatExact(Number.NaN)).toBe('NaN')
  })
})
