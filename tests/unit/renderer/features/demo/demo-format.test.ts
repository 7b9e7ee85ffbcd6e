/** The demo's pure formatting helpers: what the audience reads on the slide. */
import { describe, expect, it } from 'vitest'
import {
  abbreviateInput,
  curlCommand,
  describeInput,
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatSci,
  formatShape,
  intAttribute,
  percentile,
  shellQuote,
  snippet
} from '../../../../../src/renderer/src/features/demo/demo-format'
import { percentile as abPercentile } from '../../../../../src/core/compare/ab'

describe('formatPercent', () => {
  it('shows one decimal and keeps extremes honest', () => {
    expect(formatPercent(0.9731)).toBe('97.3%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(0.0001)).toBe('<0.1%')
    expect(formatPercent(0.99999)).toBe('>99.9%')
    expect(formatPercent(Number.NaN)).toBe('—')
  })
})

describe('percentile', () => {
  it('interpolates between ranks like the A/B set report, and ignores input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(percentile(values, 50)).toBe(5.5)
    expect(percentile(values, 50)).toBe(abPercentile(values, 0.5))
    expect(percentile(values, 95)).toBeCloseTo(9.55, 10)
    expect(percentile(values, 100)).toBe(10)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([42], 95)).toBe(42)
    expect(percentile([], 50)).toBeNaN()
    expect(values[0]).toBe(5) // not sorted in place
  })
})

describe('human numbers', () => {
  it('formats parameter counts', () => {
    expect(formatCount(812)).toBe('812')
    expect(formatCount(12_345)).toBe('12.3 k')
    expect(formatCount(1_234_567)).toBe('1.2 M')
    expect(formatCount(2_000_000)).toBe('2 M')
    expect(formatCount(729_858)).toBe('730 k')
    expect(formatCount(3.4e9)).toBe('3.4 B')
  })
  it('formats file sizes in binary units', () => {
    expect(formatBytes(698)).toBe('698 B')
    expect(formatBytes(9688)).toBe('9.5 KiB')
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB')
    expect(formatBytes(-1)).toBe('—')
  })
  it('formats latencies', () => {
    expect(formatMs(0.333)).toBe('0.33 ms')
    expect(formatMs(3.14)).toBe('3.1 ms')
    expect(formatMs(127.6)).toBe('128 ms')
    expect(formatMs(1234)).toBe('1.2 s')
  })
  it('formats tolerances the way the card prints them', () => {
    expect(formatSci(3e-7)).toBe('3e-7')
    expect(formatSci(0.0001)).toBe('1e-4')
    expect(formatSci(1.5e-5)).toBe('1.5e-5')
    expect(formatSci(0)).toBe('0')
    expect(formatSci(7.3127)).toBe('7.3')
    expect(formatSci(0.0123)).toBe('0.012')
  })
  it('shows symbolic dimensions by name', () => {
    expect(formatShape(['batch_size', 1, 28, 28])).toBe('[batch_size, 1, 28, 28]')
    expect(formatShape([null, 4])).toBe('[?, 4]')
  })
})

describe('curlCommand', () => {
  it('targets the local API with the exact JSON body', () => {
    expect(curlCommand('http://127.0.0.1:5317', 'disaster-tweets', { text: 'Forest fire' })).toBe(
      `curl -s -X POST http://127.0.0.1:5317/api/models/disaster-tweets/predict -H 'content-type: application/json' -d '{"text":"Forest fire"}'`
    )
  })
  it('uses a PORT placeholder without an HTTP origin (Electron)', () => {
    expect(curlCommand(null, 'wine', { features: { alcohol: 13 } })).toContain('http://127.0.0.1:PORT/api/models/wine/predict')
  })
  it('quotes single quotes for the shell', () => {
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`)
    expect(curlCommand('http://h', 'm', { text: "don't" })).toContain(`-d '{"text":"don'\\''t"}'`)
  })
  it('abbreviates long inputs for display only', () => {
    const long = { image: `data:image/png;base64,${'A'.repeat(500)}` }
    const short = abbreviateInput(long, 40)
    expect('image' in short && short.image.length).toBe(41)
    expect(abbreviateInput({ text: 'hi' })).toEqual({ text: 'hi' })
    expect(abbreviateInput({ text: 'x'.repeat(280) })).toEqual({ text: 'x'.repeat(280) })
    expect(abbreviateInput({ text: 'x'.repeat(1000) }, 80, 100)).toEqual({ text: `${'x'.repeat(100)}…` })
  })
})

describe('snippets and attributes', () => {
  it('flattens whitespace and cuts with an ellipsis', () => {
    expect(snippet('a\n  b   c')).toBe('a b c')
    expect(snippet('x'.repeat(60), 10)).toBe(`${'x'.repeat(9)}…`)
  })
  it('describes every kind of input for the history', () => {
    expect(describeInput({ text: 'hello' })).toBe('“hello”')
    expect(describeInput({ text: '  ' })).toBe('(empty text)')
    expect(describeInput({ image: 'data:image/png;base64,AAAA' })).toBe('image')
    expect(describeInput({ features: { alcohol: 13.2, colour: 'red', ash: null } })).toBe('alcohol=13.2, colour=red, ash=∅')
  })
  it('parses integer attributes with a fallback and clamps them', () => {
    expect(intAttribute('5', 3)).toBe(5)
    expect(intAttribute(undefined, 3)).toBe(3)
    expect(intAttribute('five', 3)).toBe(3)
    expect(intAttribute('2.5', 3)).toBe(3)
    expect(intAttribute('500', 3, 1, 100)).toBe(100)
    expect(intAttribute('0', 3, 1)).toBe(1)
  })
})
