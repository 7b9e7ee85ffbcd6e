/** The two-sample KS test against SciPy's ks_2samp (tests/fixtures/drift/expected.json, written by make_expected.py). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ksTwoSample } from '../../../../src/core/drift/ks'

interface NumericCase {
  name: string
  reference: number[]
  current: number[]
  ks: { statistic: number; pValue: number }
  psi: number
}
const expected = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/drift/expected.json'), 'utf8')) as { numeric: NumericCase[] }

describe('ksTwoSample matches SciPy (exact mode)', () => {
  for (const c of expected.numeric) {
    it(c.name, () => {
      const r = ksTwoSample(c.reference, c.current)
      expect(r.statistic).toBeCloseTo(c.ks.statistic, 12)
      // Relative agreement for p-values SciPy resolves; both read "0" below ~1e-12.
      if (c.ks.pValue > 1e-10) expect(Math.abs(r.pValue - c.ks.pValue) / c.ks.pValue).toBeLessThan(1e-6)
      else expect(r.pValue).toBeLessThan(1e-9)
    })
  }
})

describe('ksTwoSample', () => {
  it('gives p = 1 and D = 0 for identical samples', () => {
    expect(ksTwoSample([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ statistic: 0, pValue: 1 })
  })
  it('steps over ties together (D is the CDF gap, not an ordering artefact)', () => {
    expect(ksTwoSample([1, 1, 1, 2], [1, 2, 2, 2]).statistic).toBeCloseTo(0.5, 12)
  })
  it('ignores non-finite values and refuses an empty sample', () => {
    expect(ksTwoSample([1, 2, Number.NaN], [1, 2]).statistic).toBe(0)
    expect(() => ksTwoSample([], [1])).toThrow(/at least one number in each set/)
  })
})
