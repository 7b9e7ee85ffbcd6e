/** Tabular encoding: standardise, one-hot, index, and readable refusals. */
import { describe, expect, it } from 'vitest'
import { encodeFeatures, encodedLength } from '../../../../src/core/models/tabular'
import type { TabularFeature } from '../../../../src/shared/types'

const features: TabularFeature[] = [
  { name: 'alcohol', type: 'number', min: 10, max: 16, encoding: 'standardize', mean: 13, std: 0.8 },
  { name: 'ash', type: 'number' },
  { name: 'colour', type: 'category', categories: ['red', 'white', 'rose'] },
  { name: 'region', type: 'category', categories: ['north', 'south'], encoding: 'index' }
]

describe('encodeFeatures', () => {
  it('standardises, passes raw numbers, one-hots and indexes in manifest order', () => {
    expect(encodedLength(features)).toBe(6)
    const out = encodeFeatures(features, { alcohol: 13.8, ash: 2.5, colour: 'white', region: 'south' })
    expect(out[0]).toBeCloseTo(1, 6)
    expect(Array.from(out.slice(1))).toEqual([2.5, 0, 1, 0, 1])
  })
  it('accepts numeric strings', () => {
    expect(encodeFeatures(features, { alcohol: '13', ash: ' 1 ', colour: 'red', region: 'north' })[1]).toBe(1)
  })
  it.each([
    [{ ash: 1, colour: 'red', region: 'north' }, /"alcohol" is missing/],
    [{ alcohol: null, ash: 1, colour: 'red', region: 'north' }, /"alcohol" is missing/],
    [{ alcohol: 'NaN', ash: 1, colour: 'red', region: 'north' }, /finite number/],
    [{ alcohol: '', ash: 1, colour: 'red', region: 'north' }, /finite number/],
    [{ alcohol: 9, ash: 1, colour: 'red', region: 'north' }, /at least 10/],
    [{ alcohol: 13, ash: 1, colour: 'green', region: 'north' }, /must be one of "red", "white", "rose"/],
    [{ alcohol: 13, ash: 1, colour: 'red', region: 'north', extra: 1 }, /unknown feature "extra"/]
  ] as const)('refuses %j', (values, message) => {
    expect(() => encodeFeatures(features, values as Record<string, number | string | null>)).toThrow(message)
  })
})
