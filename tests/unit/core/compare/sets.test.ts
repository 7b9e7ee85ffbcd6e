/** Set files (CSV, JSONL, TXT) for the drift check and the A/B, and the checks that keep a set fitting its model. */
import { describe, expect, it } from 'vitest'
import { checkSet, describeItem, fitToForm, parseSetFile, SetError } from '../../../../src/core/compare/sets'
import { MAX_SET_ITEMS } from '../../../../src/shared/limits'
import type { TabularFeature } from '../../../../src/shared/types'

const features: TabularFeature[] = [
  { name: 'alcohol', type: 'number', min: 11, max: 15, default: 13 },
  { name: 'region', type: 'category', categories: ['north', 'south'], default: 'north' }
]

describe('parseSetFile', () => {
  it('reads a tabular CSV by feature name, the label column as the truth, blanks and NaN as missing', () => {
    const items = parseSetFile('new.csv', 'alcohol,region,extra,label\n13.5,south,x,Barolo\nNaN,,y,Barbera\n', 'tabular-classification', features)
    expect(items).toEqual([
      { features: { alcohol: 13.5, region: 'south' }, label: 'Barolo' },
      { features: { alcohol: null, region: null }, label: 'Barbera' }
    ])
  })
  it('names the features when a CSV has none of them', () => {
    expect(() => parseSetFile('x.csv', 'a,b\n1,2\n', 'tabular-classification', features)).toThrow(
      /none of the model's features as columns: name them "alcohol", "region"/
    )
  })
  it('reads a text CSV (text column, or the only column), TXT lines and JSONL rows', () => {
    expect(parseSetFile('t.csv', 'id,text,target\n1,"Forest fire, near town",1\n', 'text-classification')).toEqual([
      { text: 'Forest fire, near town', label: '1' }
    ])
    expect(parseSetFile('t.csv', 'tweet\nhello\n', 'text-classification')).toEqual([{ text: 'hello' }])
    expect(parseSetFile('t.txt', 'one\n\ntwo\n', 'text-classification')).toEqual([{ text: 'one' }, { text: 'two' }])
    expect(parseSetFile('t.jsonl', '{"text":"a","label":"disaster"}\n{"image":"0.png","label":0}\n', 'text-classification')).toEqual([
      { text: 'a', label: 'disaster' },
      { image: '0.png', label: '0' }
    ])
  })
  it('refuses what it cannot read, saying what to give', () => {
    expect(() => parseSetFile('t.csv', 'a,b\n1,2\n', 'text-classification')).toThrow(/needs a "text" column/)
    expect(() => parseSetFile('t.jsonl', '{"text": 1}\n', 'text-classification')).toThrow(/line 1 has no "text", "image" or "features"/)
    expect(() => parseSetFile('t.jsonl', 'nope\n', 'text-classification')).toThrow(/line 1 is not JSON/)
    expect(() => parseSetFile('t.xlsx', '', 'text-classification')).toThrow(/a set file is .csv, .jsonl or .txt/)
    expect(() => parseSetFile('t.txt', 'a\n', 'tabular-classification')).toThrow(SetError)
    expect(() => parseSetFile('t.csv', 'a\n', 'image-classification')).toThrow(/image sets are folders/)
    expect(() => parseSetFile('t.csv', 'text\n', 'text-classification')).toThrow(/no rows under its header/)
  })
})

describe('checkSet', () => {
  it('refuses an empty set, a set over the limit and items of another kind, naming the set', () => {
    expect(() => checkSet([], 'text-classification', 'current', 'tweets')).toThrow(/the current set is empty/)
    const many = Array.from({ length: 10_000 }, () => ({ text: 'x' }))
    expect(() => checkSet(many, 'text-classification', 'current', 'tweets')).toThrow(
      `the current set has 10,000 items; a set holds at most ${MAX_SET_ITEMS.toLocaleString('en')}: take a random sample of it`
    )
    expect(() => checkSet([{ features: {} }, { text: 'x' }], 'tabular-classification', 'reference', 'wine')).toThrow(
      'the reference set holds texts (item 2) but model "wine" is a tabular classification model: give it feature rows'
    )
    expect(() => checkSet([{ text: 'x' }], 'image-classification', 'A/B', 'digits')).toThrow(/is an image classification model: give it images/)
  })
})

describe('fitToForm', () => {
  it('moves out-of-range numbers to the range end and fills missing values with the default, listing both', () => {
    expect(fitToForm(features, { alcohol: 16.2, region: null })).toEqual({
      values: { alcohol: 15, region: 'north' },
      clamped: ['alcohol'],
      filled: ['region'],
      unknown: []
    })
    expect(fitToForm(features, { alcohol: 12, region: 'south', colour: 'red' })).toEqual({
      values: { alcohol: 12, region: 'south' },
      clamped: [],
      filled: [],
      unknown: ['colour']
    })
  })
})

describe('describeItem', () => {
  it('summarises each kind in a short line', () => {
    expect(describeItem({ text: 'x'.repeat(100) })).toHaveLength(60)
    expect(describeItem({ image: 'data:image/png;base64,AAAA' })).toBe('image')
    expect(describeItem({ features: { alcohol: 13, region: null } })).toBe('alcohol 13, region —')
  })
})
