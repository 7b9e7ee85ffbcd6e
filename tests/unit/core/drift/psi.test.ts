/** PSI with Evidently's binning and zero filling, against a NumPy re-expression of it (tests/fixtures/drift/make_expected.py). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { histogramShares, psi, PSI_THRESHOLD, sturgesEdges } from '../../../../src/core/drift/psi'

const expected = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/drift/expected.json'), 'utf8')) as {
  numeric: Array<{ name: string; reference: number[]; current: number[]; psi: number }>
  categorical: Array<{ name: string; reference: string[]; current: string[]; psi: number }>
}

describe('psi matches Evidently', () => {
  for (const c of expected.numeric) {
    it(c.name, () => expect(psi(c.reference, c.current, true).psi).toBeCloseTo(c.psi, 9))
  }
  for (const c of expected.categorical) {
    it(c.name, () => expect(psi(c.reference, c.current, false).psi).toBeCloseTo(c.psi, 9))
  }
})

describe('binning', () => {
  it("uses NumPy's sturges rule: ceil(log2 n) + 1 equal bins over both sets", () => {
    const values = Array.from({ length: 100 }, (_, k) => k)
    const edges = sturgesEdges(values)
    expect(edges).toHaveLength(9) // 100 values: log2(100) + 1 = 7.64 → 8 bins
    expect(edges[0]).toBe(0)
    expect(edges.at(-1)).toBe(99)
  })
  it('counts like numpy.histogram: half-open bins, the last one closed', () => {
    expect(histogramShares([0, 1, 2, 3, 4], [0, 2, 4])).toEqual([0.4, 0.6])
  })
  it('bins a column with few distinct values by value, and says how it binned', () => {
    const r = psi([1, 2, 2, 3], [1, 1, 2, 3], true)
    expect(r.bins.kind).toBe('categorical')
    expect(r.bins.categories).toEqual(['1', '2', '3'])
  })
  it("flags drift at Evidently's threshold, 0.1", () => {
    expect(PSI_THRESHOLD).toBe(0.1)
    const same = psi(['a', 'b', 'a', 'b'], ['b', 'a', 'b', 'a'], false)
    expect(same).toMatchObject({ psi: 0, drifted: false })
    expect(psi(['a', 'a', 'a', 'b'], ['b', 'b', 'b', 'a'], false).drifted).toBe(true)
  })
  it('leaves missing values out and refuses a set without values', () => {
    expect(psi([1, null, 2], [1, 2, Number.NaN], false).psi).toBe(0)
    expect(() => psi([null], [1], true)).toThrow(/at least one value in each set/)
  })
})
