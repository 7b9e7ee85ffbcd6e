import { describe, expect, it } from 'vitest'
import { emaDebiased, gaussian, runningAverage, smooth, twema } from '../../../../src/core/series/smoothing'

describe('emaDebiased (TensorBoard)', () => {
  it('follows the debiased formula step by step', () => {
    const w = 0.6
    const out = emaDebiased([1, 2, 3], w)
    // last1 = 0.4, /0.4 = 1; last2 = 0.24+0.8 = 1.04, /(1-0.36) = 1.625; last3 = 0.624+1.2 = 1.824, /(1-0.216)
    expect(out[0]).toBeCloseTo(1, 12)
    expect(out[1]).toBeCloseTo(1.04 / 0.64, 12)
    expect(out[2]).toBeCloseTo(1.824 / 0.784, 12)
  })

  it('leaves a constant series unchanged', () => {
    const out = emaDebiased(new Array(50).fill(0.7), 0.9)
    for (const v of out) expect(v).toBeCloseTo(0.7, 12)
  })

  it('passes non-finite values through without counting them', () => {
    const withNaN = emaDebiased([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], 0.6)
    const without = emaDebiased([1, 2, 3], 0.6)
    expect(withNaN[1]).toBeNaN()
    expect(withNaN[3]).toBe(Number.POSITIVE_INFINITY)
    expect(withNaN[0]).toBeCloseTo(without[0]!, 12)
    expect(withNaN[2]).toBeCloseTo(without[1]!, 12)
    expect(withNaN[4]).toBeCloseTo(without[2]!, 12)
  })

  it('is the identity at weight 0 and keeps finite output at weight 1', () => {
    expect([...emaDebiased([3, 1, 4], 0)]).toEqual([3, 1, 4])
    expect([...emaDebiased([3, 1, 4], 1)].every(Number.isFinite)).toBe(true)
  })
})

describe('smoothing shortcuts give the same values as the plain formulas', () => {
  function noisy(n: number): Float64Array {
    let s = 3
    return Float64Array.from({ length: n }, (_, i) => Math.exp(-i / 300) + ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2)
  }

  it('emaDebiased stops calling Math.pow once 1 − wⁿ is 1, bit for bit', () => {
    const y = noisy(5000)
    y[10] = Number.NaN
    for (const w of [0, 0.3, 0.6, 0.9, 0.99, 0.999]) {
      const out = emaDebiased(y, w)
      let last = 0
      let n = 0
      for (let i = 0; i < y.length; i++) {
        const v = y[i]!
        if (!Number.isFinite(v)) {
          expect(out[i]).toBeNaN()
          continue
        }
        last = w * last + (1 - w) * v
        n++
        const debias = 1 - Math.pow(w, n)
        expect(out[i]).toBe(debias === 0 ? v : last / debias)
      }
    }
  })

  it('twema reuses the decay of a repeated x step, bit for bit', () => {
    const y = noisy(3000)
    const x = Float64Array.from({ length: y.length }, (_, i) => (i < 2000 ? i : 2000 + (i - 2000) * 3))
    const p = 0.7
    const out = twema(x, y, p)
    const w = Math.min(Math.sqrt(p), 0.999)
    const rangeX = x[x.length - 1]! - x[0]!
    let num = 0
    let den = 0
    for (let i = 0; i < y.length; i++) {
      const a = Math.pow(w, ((i === 0 ? 0 : x[i]! - x[i - 1]!) / rangeX) * 1000)
      num = a * num + y[i]!
      den = a * den + 1
      expect(out[i]).toBe(num / den)
    }
  })
})

describe('twema (W&B)', () => {
  it('equals a plain debiased EMA with w = sqrt(p)^(1000/(n-1)) on evenly spaced x', () => {
    const n = 11
    const x = Array.from({ length: n }, (_, i) => i)
    const y = x.map((i) => Math.sin(i) + i * 0.1)
    const p = 0.8
    const out = twema(x, y, p)
    const a = Math.pow(Math.sqrt(p), 1000 / (n - 1))
    let num = 0
    let den = 0
    y.forEach((v, i) => {
      num = (i === 0 ? 1 : a) * num + v
      den = (i === 0 ? 1 : a) * den + 1
      // first point: a = w^0 = 1
      expect(out[i]).toBeCloseTo(num / den, 12)
    })
  })

  it('weights by x distance: a big gap forgets more than a small one', () => {
    const y = [0, 0, 0, 10]
    const near = twema([0, 1, 2, 3], y, 0.9)[3]!
    const far = twema([0, 1, 2, 900], y, 0.9)[3]!
    expect(far).toBeGreaterThan(near)
  })

  it('keeps constants, passes NaN through and is identity at 0', () => {
    const x = [0, 1, 5, 6, 7]
    const c = twema(x, [2, 2, 2, 2, 2], 0.99)
    for (const v of c) expect(v).toBeCloseTo(2, 12)
    const nan = twema(x, [1, Number.NaN, 3, 4, 5], 0.5)
    expect(nan[1]).toBeNaN()
    expect(nan.filter((v) => !Number.isFinite(v)).length).toBe(1)
    expect([...twema(x, [1, 2, 3, 4, 5], 0)]).toEqual([1, 2, 3, 4, 5])
  })
})

describe('gaussian and running average', () => {
  it('keep constants and reduce noise', () => {
    const x = Array.from({ length: 200 }, (_, i) => i)
    const y = x.map((i) => (i % 2 === 0 ? 1 : -1))
    for (const fn of [(yy: number[]) => gaussian(x, yy, 0.5), (yy: number[]) => runningAverage(yy, 0.5)]) {
      const flat = fn(x.map(() => 3))
      for (const v of flat) expect(v).toBeCloseTo(3, 10)
      const smoothed = fn(y)
      const amplitude = Math.max(...smoothed.slice(100).map(Math.abs))
      expect(amplitude).toBeLessThan(0.2)
    }
  })

  it('running average over k = 1 + round(p*99) trailing points', () => {
    const out = runningAverage([1, 2, 3, 4], 2 / 99) // k = 3
    expect([...out]).toEqual([1, 1.5, 2, 3])
  })
})

describe('smooth dispatcher', () => {
  it('routes to each algorithm', () => {
    const x = [0, 1, 2]
    const y = [1, 2, 3]
    expect([...smooth(x, y, 'ema', 0.6)]).toEqual([...emaDebiased(y, 0.6)])
    expect([...smooth(x, y, 'twema', 0.6)]).toEqual([...twema(x, y, 0.6)])
  })
})

describe('gaussian details', () => {
  it('approximates a Gaussian bump and passes NaN through', () => {
    const n = 1001
    const x = Array.from({ length: n }, (_, i) => i)
    const impulse = x.map((i) => (i === 500 ? 1 : 0))
    const out = gaussian(x, impulse, 0.5) // σ = 10 points
    // Symmetric, peaked at the impulse, and sums to ~1 (mass kept).
    expect(out[490]).toBeCloseTo(out[510]!, 12)
    expect(out[500]!).toBeGreaterThan(out[490]!)
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    // Standard deviation close to the requested σ.
    const variance = out.reduce((a, v, i) => a + v * (i - 500) ** 2, 0)
    expect(Math.sqrt(variance)).toBeGreaterThan(9)
    expect(Math.sqrt(variance)).toBeLessThan(11)
    const withNaN = gaussian(x.slice(0, 5), [1, Number.NaN, 1, 1, 1], 1)
    expect(withNaN[1]).toBeNaN()
    expect(withNaN[0]).toBe(1)
  })
})
