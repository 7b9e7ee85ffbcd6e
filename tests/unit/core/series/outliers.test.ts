import { describe, expect, it } from 'vitest'
import { lttb } from '../../../../src/core/series/downsample'
import { strideSample } from '../../../../src/core/series/pipeline'
import { yAxisFor, yDomain } from '../../../../src/core/series/scale'
import { emaDebiased } from '../../../../src/core/series/smoothing'
import { parseChartSpec } from '../../../../src/core/series/chart-spec'

/** A noisy loss curve falling from ~0.7 to ~0.25 over `n` steps, with single-batch spikes at `spikes`. */
function loss(n: number, spikes: Record<number, number> = {}, seed = 7): Float64Array {
  let s = seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) y[i] = spikes[i] ?? 0.25 + 0.45 * Math.exp(-i / (n / 3)) + (rand() - 0.5) * 0.05
  return y
}

const extent = (y: ArrayLike<number>): [number, number] => {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < y.length; i++) {
    lo = Math.min(lo, y[i]!)
    hi = Math.max(hi, y[i]!)
  }
  return [lo, hi]
}

describe('yDomain: ignoring outliers in y scaling', () => {
  it('shows everything when outliers are not ignored', () => {
    const y = loss(200, { 90: 61.7 })
    expect(yDomain([y], { log: false })).toEqual({ domain: extent(y), clipped: 0 })
    expect(yDomain([y], { log: false, ignoreOutliers: false })!.domain[1]).toBe(61.7)
  })

  it('leaves out a single-batch spike (a 61 amid ~0.5) and its smoothed echo, and counts what it clips', () => {
    const raw = loss(200, { 90: 61.7 })
    const smooth = emaDebiased(raw, 0.6)
    // Percentiles of the logged values: the smoothed echo alone is 2 % of these 400 drawn values.
    expect(yDomain([raw, smooth], { log: false, ignoreOutliers: true })!.domain[1]).toBeGreaterThan(2)
    const { domain, clipped } = yDomain([raw, smooth], { log: false, ignoreOutliers: true, sample: [raw] })!
    expect(domain[1]).toBeLessThan(1.2)
    expect(domain[0]).toBeCloseTo(extent(raw.filter((v) => v < 2))[0], 10)
    // The spike, and the few smoothed points it drags up (0.4 × 61.7 ≈ 25, then decaying) are outside.
    expect(clipped).toBeGreaterThanOrEqual(2)
    expect(clipped).toBeLessThan(12)
  })

  it('keeps every value of a curve without outliers, its steep start included', () => {
    const y = loss(1000)
    expect(yDomain([y], { log: false, ignoreOutliers: true })).toEqual({ domain: extent(y), clipped: 0 })
    // A clean exponential decay: the top 1 % is the start of training, still well inside the fence.
    const decay = Float64Array.from({ length: 500 }, (_, i) => 0.3 + 0.5 * Math.exp(-i / 60))
    expect(yDomain([decay], { log: false, ignoreOutliers: true })!.clipped).toBe(0)
  })

  it('leaves out downward outliers too', () => {
    const y = loss(300, { 40: -50 })
    const { domain, clipped } = yDomain([y], { log: false, ignoreOutliers: true })!
    expect(domain[0]).toBeGreaterThan(0.2)
    expect(clipped).toBe(1)
  })

  it('takes the percentiles from the sample: LTTB keeps every spike, so the drawn points over-represent them', () => {
    // 100 spikes in 100k steps are 0.1 % of the data; LTTB to 2,000 points keeps each of them (5 % of the drawn points).
    const n = 100_000
    const spikes: Record<number, number> = {}
    for (let k = 0; k < 100; k++) spikes[500 + k * 997] = 40 + (k % 7)
    const y = loss(n, spikes)
    const x = Float64Array.from({ length: n }, (_, i) => i)
    const drawn = Float64Array.from(lttb(x, y, 2000), (i) => y[i]!)
    expect(drawn.filter((v) => v > 30).length).toBeGreaterThan(40)
    // Percentiles of the drawn points alone would count the spikes in.
    expect(yDomain([drawn], { log: false, ignoreOutliers: true })!.domain[1]).toBeGreaterThan(30)
    // An even sample of the full series does not.
    const sample = strideSample(y, 0, n, 1024)
    expect(sample.length).toBe(1024)
    const { domain } = yDomain([drawn], { log: false, ignoreOutliers: true, sample: [sample] })!
    expect(domain[1]).toBeLessThan(1)
  })

  it('works in log10 space on a log axis and skips values that cannot be drawn there', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => Math.pow(10, -3 * (i / 399)))
    y[100] = 1e6
    y[101] = 0
    y[102] = -4
    const { domain, clipped } = yDomain([y], { log: true, ignoreOutliers: true })!
    expect(domain[1]).toBe(1)
    expect(domain[0]).toBeCloseTo(1e-3, 12)
    expect(clipped).toBe(1)
  })

  it('cannot tell an outlier among a handful of values, and keeps them all', () => {
    expect(yDomain([[0.5, 0.52, 0.49, 61]], { log: false, ignoreOutliers: true })).toEqual({ domain: [0.49, 61], clipped: 0 })
  })

  it('ignores non-finite values and returns null with nothing to show', () => {
    expect(yDomain([[Number.NaN, 1, Number.POSITIVE_INFINITY, 3]], { log: false, ignoreOutliers: true })!.domain).toEqual([1, 3])
    expect(yDomain([[Number.NaN]], { log: false, ignoreOutliers: true })).toBeNull()
    expect(yDomain([[-1, 0]], { log: true, ignoreOutliers: true })).toBeNull()
  })
})

describe('yAxisFor with outliers ignored', () => {
  it('puts nice ticks around the robust range and reports the clipped values', () => {
    const raw = loss(200, { 90: 61.7 })
    const axis = yAxisFor([raw], false, 5, { ignoreOutliers: true })!
    expect(axis.domain[1]).toBeLessThanOrEqual(1)
    expect(axis.domain[0]).toBeLessThanOrEqual(extent(raw.filter((v) => v < 2))[0])
    expect(axis.ticks[0]).toBe(axis.domain[0])
    expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.domain[1])
    expect(axis.clipped).toBe(1)
    expect(yAxisFor([raw], false, 5)!.domain[1]).toBeGreaterThanOrEqual(61.7)
  })

  it('gives at least two ticks even when asked for few', () => {
    const axis = yAxisFor([[0.21, 0.97]], false, 2)!
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2)
  })
})

describe('strideSample', () => {
  it('returns the range itself when it is short, else an even sample of it', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => i)
    expect(Array.from(strideSample(y, 10, 20, 50))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    expect(Array.from(strideSample(y, 0, 100, 4))).toEqual([0, 25, 50, 75])
    expect(Array.from(strideSample([5, 6, 7], 1, 3, 10))).toEqual([6, 7])
    expect(strideSample(y, 5, 5, 10).length).toBe(0)
  })
})

describe('the outliers attribute', () => {
  it('defaults to ignoring outliers; outliers="show" draws the full extent', () => {
    expect(parseChartSpec({}).ignoreOutliers).toBe(true)
    expect(parseChartSpec({ outliers: 'show' }).ignoreOutliers).toBe(false)
    expect(parseChartSpec({ outliers: 'Ignore' }).ignoreOutliers).toBe(true)
    const bad = parseChartSpec({ outliers: 'sometimes' })
    expect(bad.ignoreOutliers).toBe(true)
    expect(bad.warnings[0]).toContain('outliers="sometimes"')
  })
})
