import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTfEvents } from '../../../../src/core/metrics/tfevents'
import { parseWandbFile } from '../../../../src/core/metrics/wandb-file'
import { parseChartSpec } from '../../../../src/core/series/chart-spec'
import { extractColumns, seriesFromColumns, type Series } from '../../../../src/core/series/values'
import { yRange, type YRangeSeries } from '../../../../src/core/series/y-range'
import { hasReal, realPath, SKIP_REASON } from '../metrics/real-fixtures'

/** A noisy loss curve falling from ~0.7 to ~0.25 over `n` steps, with single-batch spikes at `spikes`. */
function loss(n: number, spikes: Record<number, number> = {}, seed = 7): Float64Array {
  let s = seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) y[i] = spikes[i] ?? 0.25 + 0.45 * Math.exp(-i / (n / 3)) + (rand() - 0.5) * 0.05
  return y
}

const steps = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i)
const line = (y: ArrayLike<number>, label = 'run · loss', x: ArrayLike<number> = steps(y.length)): YRangeSeries => ({ x, y, label })

const extent = (y: ArrayLike<number>): [number, number] => {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) continue
    lo = Math.min(lo, y[i]!)
    hi = Math.max(hi, y[i]!)
  }
  return [lo, hi]
}

describe('yRange: the y range with outliers ignored, decided per series', () => {
  it('shows everything when outliers are not ignored', () => {
    const y = loss(200, { 90: 61.7 })
    expect(yRange([line(y)], { log: false, ignoreOutliers: false })).toEqual({ domain: extent(y), outside: [], clipped: 0 })
  })

  it('leaves out a single-batch spike (a 61 amid ~0.5) and says which points are outside', () => {
    const y = loss(200, { 90: 61.7 })
    const r = yRange([line(y)], { log: false, ignoreOutliers: true })!
    expect(r.domain[1]).toBeLessThan(1.2)
    expect(r.domain[0]).toBe(extent(y)[0])
    expect(r.clipped).toBe(1)
    expect(r.outside).toEqual([{ label: 'run · loss', x: [90], above: [true] }])
  })

  it('keeps every value of a curve without outliers, its steep start included', () => {
    const y = loss(1000)
    expect(yRange([line(y)], { log: false, ignoreOutliers: true })!.domain).toEqual(extent(y))
    const decay = Float64Array.from({ length: 500 }, (_, i) => 0.3 + 0.5 * Math.exp(-i / 60))
    expect(yRange([line(decay)], { log: false, ignoreOutliers: true })!.clipped).toBe(0)
  })

  it('leaves out downward spikes too', () => {
    const r = yRange([line(loss(300, { 40: -50 }))], { log: false, ignoreOutliers: true })!
    expect(r.domain[0]).toBeGreaterThan(0.2)
    expect(r.outside[0]!.above).toEqual([false])
  })

  it('leaves out 100 isolated spikes in 100k steps (taken from the full series, not the drawn points)', () => {
    const spikes: Record<number, number> = {}
    for (let k = 0; k < 100; k++) spikes[500 + k * 997] = 40 + (k % 7)
    const r = yRange([line(loss(100_000, spikes))], { log: false, ignoreOutliers: true })!
    expect(r.domain[1]).toBeLessThan(1)
    expect(r.clipped).toBe(100)
  })

  it('never flattens a run whose loss falls to exactly 0: its learning phase is data, not outliers', () => {
    // 4,000 steps: the loss falls from 2.3 to 0 within 60 steps and stays at 0 (a real student's degenerate run).
    const y = Float64Array.from({ length: 4000 }, (_, i) => (i < 60 ? 2.3 * (1 - i / 60) ** 2 : i % 97 === 0 ? 0.0011 : 0))
    const r = yRange([line(y)], { log: false, ignoreOutliers: true })!
    expect(r.domain).toEqual([0, 2.3])
    expect(r.clipped).toBe(0)
  })

  it('never hides a whole run valued 1.0–1.3 next to one valued 0.003–0.024', () => {
    const big = Float64Array.from({ length: 200 }, (_, i) => 1.3 - 0.3 * (i / 199))
    const small = Float64Array.from({ length: 20_000 }, (_, i) => 0.024 - 0.021 * (i / 19_999))
    const r = yRange([line(big, 'a · loss'), line(small, 'b · loss')], { log: false, ignoreOutliers: true })!
    expect(r.domain[0]).toBeCloseTo(0.003, 12)
    expect(r.domain[1]).toBeCloseTo(1.3, 12)
    expect(r.clipped).toBe(0)
  })

  it('keeps a burst of bad steps (a divergence is data), and leaves a series whose outliers would be many at its full range', () => {
    const burst = loss(1000)
    for (let i = 500; i < 510; i++) burst[i] = 9
    expect(yRange([line(burst)], { log: false, ignoreOutliers: true })!.domain[1]).toBe(9)
    // 40 isolated spikes among 1,000 points (4 %) are too many to call outliers.
    const many: Record<number, number> = {}
    for (let k = 0; k < 40; k++) many[10 + k * 24] = 30
    const r = yRange([line(loss(1000, many))], { log: false, ignoreOutliers: true })!
    expect(r.domain[1]).toBe(30)
    expect(r.clipped).toBe(0)
  })

  it('counts a spike as outside only when it is outside every series kept range', () => {
    // The spike of run a (1.2) is inside run b's range (1.0–1.3): nothing is outside.
    const a = loss(300, { 100: 1.2 })
    const b = Float64Array.from({ length: 300 }, (_, i) => 1.3 - 0.3 * (i / 299))
    expect(yRange([line(a, 'a'), line(b, 'b')], { log: false, ignoreOutliers: true })!.clipped).toBe(0)
  })

  it('works in log10 space on a log axis and skips values that cannot be drawn there', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => Math.pow(10, -3 * (i / 399)))
    y[100] = 1e6
    y[101] = 0
    y[102] = -4
    const r = yRange([line(y)], { log: true, ignoreOutliers: true })!
    expect(r.domain[1]).toBe(1)
    expect(r.domain[0]).toBeCloseTo(1e-3, 12)
    expect(r.clipped).toBe(1)
  })

  it('cannot tell an outlier among a handful of values, and keeps them all', () => {
    expect(yRange([line([0.5, 0.52, 0.49, 61])], { log: false, ignoreOutliers: true })!.domain).toEqual([0.49, 61])
  })

  it('ignores non-finite values and returns null with nothing to show', () => {
    expect(yRange([line([Number.NaN, 1, Number.POSITIVE_INFINITY, 3])], { log: false, ignoreOutliers: true })!.domain).toEqual([1, 3])
    expect(yRange([line([Number.NaN])], { log: false, ignoreOutliers: true })).toBeNull()
    expect(yRange([line([-1, 0])], { log: true, ignoreOutliers: true })).toBeNull()
    expect(yRange([], { log: false, ignoreOutliers: true })).toBeNull()
  })
})

describe('yRange after a zoom', () => {
  // A loss falling over five decades: 10 → 1e-4.
  const y = Float64Array.from({ length: 1000 }, (_, i) => 10 * Math.pow(10, -5 * (i / 999)))

  it('refits y to the zoomed x range on a log axis (and a linear one)', () => {
    for (const log of [true, false]) {
      const full = yRange([line(y)], { log, ignoreOutliers: true })!
      expect(full.domain[1]).toBe(10)
      const zoomed = yRange([line(y)], { log, ignoreOutliers: true, xRange: [800, 900] })!
      // Only the points between steps 800 and 900 (≈ 1e-3 … 1.0e-3.5), not the whole history, and no neighbour beyond.
      expect(zoomed.domain[1]).toBeCloseTo(y[800]!, 12)
      expect(zoomed.domain[0]).toBeCloseTo(y[900]!, 12)
    }
  })

  it('covers where a sparse line crosses the zoom edges', () => {
    // Two points only: at x 0 (1.0) and x 100 (0.0); zoomed to 40–60 the line runs from 0.6 to 0.4.
    const r = yRange([line([1, 0], 'sparse', [0, 100])], { log: false, ignoreOutliers: false, xRange: [40, 60] })!
    expect(r.domain[0]).toBeCloseTo(0.4, 12)
    expect(r.domain[1]).toBeCloseTo(0.6, 12)
  })
})

/** One metric of an imported run as a series against `_step`. */
function seriesOf(rows: Parameters<typeof extractColumns>[0], key: string): Series {
  const cols = extractColumns(rows, ['_step', key])
  return seriesFromColumns(cols.get('_step')!.values, cols.get(key)!).series
}

describe.skipIf(!hasReal)(`yRange on real runs (${SKIP_REASON})`, () => {
  it('shows both a crashed run (batch_loss ≈ 1) and a Lightning autoencoder (train/loss 0.003–0.025) on one chart', () => {
    const wandb = parseWandbFile(
      new Uint8Array(readFileSync(realPath('wandb-runs/helenyaben__dtu_mlops_project/wandb/run-20230113_150431-sfsipfga/run-sfsipfga.wandb')))
    )
    const dir = realPath('tfevents/DaniAlvarado19__Tarea3-IA/lightning_logs/version_0')
    const files = readdirSync(dir)
      .filter((f) => f.includes('tfevents'))
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }))
    const tb = parseTfEvents(files, { name: 'version_0' })
    const a = seriesOf(wandb.rows, 'batch_loss')
    const b = seriesOf(tb.rows, 'train/loss')
    const r = yRange(
      [
        { ...a, label: 'sfsipfga' },
        { ...b, label: 'version_0' }
      ],
      { log: false, ignoreOutliers: true }
    )!
    const [aLo, aHi] = extent(a.y)
    const [bLo] = extent(b.y)
    // Most of each run is inside the range: neither is hidden by the other's scale.
    expect(r.domain[0]).toBeLessThanOrEqual(bLo)
    const inside = (s: Series): number => s.y.filter((v) => v >= r.domain[0] && v <= r.domain[1]).length / s.y.length
    expect(inside(a)).toBeGreaterThan(0.98)
    expect(inside(b)).toBeGreaterThan(0.98)
    expect(r.domain[1]).toBeGreaterThanOrEqual(aLo)
    expect(aHi).toBeGreaterThan(0.5)
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
