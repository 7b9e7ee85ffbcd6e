/** The generated tabular form's defaults and its conversion to the API's features. */
import { describe, expect, it } from 'vitest'
import type { TabularFeature } from '../../../../../src/shared/types'
import { defaultValue, niceStep, toFeatures } from '../../../../../src/renderer/src/features/demo/tabular-form'

const alcohol: TabularFeature = { name: 'alcohol', type: 'number', min: 11, max: 15, default: 13 }
const ash: TabularFeature = { name: 'ash', type: 'number', min: 1, max: 3 }
const hue: TabularFeature = { name: 'hue', type: 'number', mean: 0.96 }
const colour: TabularFeature = { name: 'colour', type: 'category', categories: ['red', 'white'] }

describe('defaultValue', () => {
  it('prefers the default, then the middle of the range, then the mean, then the first category', () => {
    expect(defaultValue(alcohol)).toBe('13')
    expect(defaultValue(ash)).toBe('2')
    expect(defaultValue(hue)).toBe('0.96')
    expect(defaultValue(colour)).toBe('red')
    expect(defaultValue({ name: 'x', type: 'number' })).toBe('0')
  })
})

describe('niceStep', () => {
  it('gives about 200 slider positions on a 1-2-5 grid', () => {
    expect(niceStep(11, 15)).toBe(0.02)
    expect(niceStep(0, 1680)).toBe(10)
    expect(niceStep(0, 1)).toBeCloseTo(0.005)
    expect(niceStep(3, 3)).toBe(1)
  })
})

describe('toFeatures', () => {
  const features = [alcohol, colour]
  it('parses numbers and keeps categories as text', () => {
    expect(toFeatures(features, { alcohol: '13.5', colour: 'white' })).toEqual({ alcohol: 13.5, colour: 'white' })
  })
  it('sends null for an empty number, so the host can say which feature is missing', () => {
    expect(toFeatures(features, { alcohol: ' ', colour: 'red' })).toEqual({ alcohol: null, colour: 'red' })
  })
  it('refuses a half-typed number instead of sending nonsense', () => {
    expect(toFeatures(features, { alcohol: '1e', colour: 'red' })).toBeUndefined()
  })
})
