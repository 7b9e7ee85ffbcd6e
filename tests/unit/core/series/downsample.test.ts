import { describe, expect, it } from 'vitest'
import { lttb, minMaxBuckets, visibleRange } from '../../../../src/core/series/downsample'
import { mergeLines, smoothedSeries, viewSeries } from '../../../../src/core/series/pipeline'
import { emaDebiased } from '../../../../src/core/series/smoothing'
import type { Series } from '../../../../src/core/series/values'

function noisy(n: number, seed = 1): Series {
  let s = seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x[i] = i
    y[i] = 2 * Math.exp(-i / (n / 4)) + (rand() - 0.5) * 0.5
  }
  return { x, y }
}

describe('visibleRange', () => {
  it('finds the points inside, widened by one on each side', () => {
    const x = [0, 10, 20, 30, 40, 50]
    expect(visibleRange(x, 15, 35)).toEqual({ start: 1, end: 5 })
    expect(visibleRange(x, -5, 100)).toEqual({ start: 0, end: 6 })
    expect(visibleRange(x, 20, 30)).toEqual({ start: 1, end: 5 })
  })
})

describe('lttb', () => {
  it('keeps first and last, returns ascending indices, respects the threshold', () => {
    const s = noisy(10_000)
    const idx = lttb(s.x, s.y, 500)
    expect(idx.length).toBe(500)
    expect(idx[0]).toBe(0)
    expect(idx[idx.length - 1]).toBe(9_999)
    for (let k = 1; k < idx.length; k++) expect(idx[k]!).toBeGreaterThan(idx[k - 1]!)
  })

  it('keeps a single spike', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i)
    const y = x.map((i) => (i === 637 ? 100 : 0))
    expect(lttb(x, y, 50)).toContain(637)
  })

  it('returns everything when under the threshold and keeps one marker per NaN run', () => {
    const y = [1, Number.NaN, Number.NaN, 2, 3]
    expect(lttb([0, 1, 2, 3, 4], y, 100)).toEqual([0, 1, 3, 4])
  })
})

describe('lttb with allFinite', () => {
  it('picks the same points as the scan for non-finite values', () => {
    const s = noisy(20_000, 5)
    for (const [start, end] of [
      [0, 20_000],
      [3_000, 11_000],
      [10, 40]
    ] as const) {
      for (const threshold of [2, 500, 1_200, 50_000]) {
        expect(lttb(s.x, s.y, threshold, start, end, true)).toEqual(lttb(s.x, s.y, threshold, start, end))
      }
    }
  })
})

describe('minMaxBuckets', () => {
  it('keeps the min and max of every bucket', () => {
    const s = noisy(5000, 7)
    const idx = minMaxBuckets(s.x, s.y, 100)
    expect(idx.length).toBeLessThanOrEqual(202)
    const kept = new Set(idx)
    // global min and max survive
    let minI = 0
    let maxI = 0
    s.y.forEach((v, i) => {
      if (v < s.y[minI]!) minI = i
      if (v > s.y[maxI]!) maxI = i
    })
    expect(kept.has(minI)).toBe(true)
    expect(kept.has(maxI)).toBe(true)
  })
})

describe('pipeline: smooth the full series, then downsample (tensorflow/tensorboard#6829)', () => {
  it('gives every x the same smoothed value at every zoom level', () => {
    const s = noisy(100_000, 3)
    const sm = smoothedSeries(s, 'ema', 0.9)
    const full = viewSeries(s, sm, { range: null, maxPoints: 2000 })
    const zoomed = viewSeries(s, sm, { range: [40_000, 41_000], maxPoints: 2000 })
    expect(zoomed.visibleCount).toBe(1003)
    const fullByX = new Map<number, number>()
    full.x.forEach((x, k) => fullByX.set(x, full.smooth[k]!))
    let shared = 0
    zoomed.x.forEach((x, k) => {
      expect(zoomed.smooth[k]).toBe(sm[x]) // straight from the full smoothed series
      const f = fullByX.get(x)
      if (f !== undefined) {
        shared++
        expect(zoomed.smooth[k]).toBe(f)
      }
    })
    expect(zoomed.x.length).toBe(1003)
    expect(shared).toBeGreaterThan(0)
    // A wide zoom that still needs downsampling keeps the same values too.
    const wide = viewSeries(s, sm, { range: [10_000, 60_000], maxPoints: 2000 })
    expect(wide.x.length).toBe(2000)
    wide.x.forEach((x, k) => expect(wide.smooth[k]).toBe(sm[x]))
  })

  it('differs from smoothing after downsampling (the anchor flaw this avoids)', () => {
    const s = noisy(100_000, 3)
    const sm = smoothedSeries(s, 'ema', 0.9)
    const zoomed = viewSeries(s, sm, { range: [40_000, 41_000], maxPoints: 2000 })
    // What TensorBoard does: smooth only the points it displays.
    const flawed = emaDebiased(zoomed.raw, 0.9)
    expect(Math.abs(flawed[0]! - zoomed.smooth[0]!)).toBeGreaterThan(1e-3)
  })

  it('caches smoothing per (series, algorithm, weight)', () => {
    const s = noisy(1000)
    expect(smoothedSeries(s, 'ema', 0.5)).toBe(smoothedSeries(s, 'ema', 0.5))
    expect(smoothedSeries(s, 'ema', 0.5)).not.toBe(smoothedSeries(s, 'twema', 0.5))
    expect(smoothedSeries(s, 'ema', 0)).toBe(s.y)
  })

  it('merges lines into rows by x with gaps for non-finite and non-positive-on-log values', () => {
    const a: Series = { x: Float64Array.from([0, 1, 2]), y: Float64Array.from([1, Number.NaN, 3]) }
    const b: Series = { x: Float64Array.from([1, 3]), y: Float64Array.from([-1, 4]) }
    const va = viewSeries(a, a.y, { range: null })
    const vb = viewSeries(b, b.y, { range: null })
    const rows = mergeLines(
      [
        { id: 'a', view: va },
        { id: 'b', view: vb }
      ],
      { log: true }
    )
    expect(rows.map((r) => r.x)).toEqual([0, 1, 2, 3])
    expect(rows[1]).toEqual({ x: 1, a: null, 'a~raw': null, b: null, 'b~raw': null })
    expect(rows[3]).toEqual({ x: 3, b: 4, 'b~raw': 4 })
  })
})

describe('downsample edge cases', () => {
  it('handles all-equal x (no x span) by equal counts, and tiny inputs', () => {
    const x = new Array(1000).fill(5)
    const y = x.map((_, i) => Math.sin(i))
    const idx = minMaxBuckets(x, y, 10)
    expect(idx.length).toBeGreaterThan(2)
    expect(idx.length).toBeLessThanOrEqual(22)
    expect(lttb([0], [1], 2000)).toEqual([0])
    expect(lttb([], [], 2000)).toEqual([])
    expect(minMaxBuckets([0, 1], [Number.NaN, Number.NaN], 10)).toEqual([0])
  })
})
