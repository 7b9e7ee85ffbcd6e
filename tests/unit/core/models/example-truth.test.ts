import { describe, expect, it } from 'vitest'
import { exampleTruth } from '../../../../src/core/models/example-truth'

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
const tweets = ['not a disaster', 'disaster']
const wines = ['Barolo', 'Grignolino', 'Barbera']

describe('exampleTruth: the label an example stands for, one reading for the probe, drift and A/B', () => {
  it.each([
    ['7', digits, '7'],
    ['a 3', digits, '3'],
    ['digit 3', digits, '3'],
    ['a 7 (held-out row 1)', digits, '7'],
    ['a Barolo (held-out row 14)', wines, 'Barolo'],
    ['barbera', wines, 'Barbera'],
    ['mixtape (not a disaster)', tweets, 'not a disaster'],
    ['a real disaster', tweets, 'disaster'],
    ['disaster', tweets, 'disaster']
  ])('%s → %s', (name, labels, truth) => {
    expect(exampleTruth(name, labels)).toBe(truth)
  })

  it.each([
    ['a 13', digits],
    ['earthquake news', tweets],
    ['3 or 8', digits],
    ['', digits],
    [undefined, digits]
  ])('%s names no label (or two equally)', (name, labels) => {
    expect(exampleTruth(name, labels)).toBeNull()
  })
})
