import { describe, expect, it } from 'vitest'
import { crc32, crc32c, maskedCrc32c } from '../../../../src/core/metrics/crc'
import { fastNumber, parseTolerantJson, parseValueJson } from '../../../../src/core/metrics/tolerant-json'
import { wireNumber, wireValue } from '../../../../src/core/metrics/types'

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('crc', () => {
  it('matches the standard check values for "123456789"', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926)
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283)
  })

  it('gives the same CRC over ranges, with a seed, and across the 8-byte fast path', () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff)
    const whole = crc32(data)
    expect(crc32(data, 500, 1000, crc32(data, 0, 500))).toBe(whole)
    expect(crc32c(data.subarray(3, 997))).toBe(crc32c(data, 3, 997))
  })

  it('masks CRC-32C as TFRecord does', () => {
    // empty input: crc32c = 0 → rotate = 0 → + 0xa282ead8
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8)
  })
})

describe('tolerant JSON', () => {
  it('accepts bare NaN, Infinity and -Infinity outside strings only', () => {
    const v = parseTolerantJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN here", "d": 1e-3}') as Record<string, unknown>
    expect(Number.isNaN(v['a'])).toBe(true)
    expect(v['b']).toEqual([Infinity, -Infinity])
    expect(v['c']).toBe('NaN here')
    expect(v['d']).toBe(0.001)
  })

  it('keeps escaped quotes inside strings intact', () => {
    expect(parseTolerantJson('{"s": "say \\"NaN\\"", "n": NaN}')).toMatchObject({ s: 'say "NaN"' })
  })

  it('still rejects text that is not JSON', () => {
    expect(() => parseTolerantJson('{"a": nope}')).toThrow(SyntaxError)
    expect(() => parseTolerantJson('{"a": NaN')).toThrow(SyntaxError)
  })

  it('reads value_json numbers on the fast path and objects tolerantly', () => {
    expect(fastNumber('1.742e+09')).toBe(1.742e9)
    expect(fastNumber('-Infinity')).toBe(-Infinity)
    expect(fastNumber('"x"')).toBeUndefined()
    expect(parseValueJson('{"_type":"histogram","values":[NaN]}')).toMatchObject({ _type: 'histogram' })
    expect(parseValueJson('not json')).toBeUndefined()
  })

  it('turns non-finite numbers into wire strings, deeply', () => {
    expect(wireNumber(NaN)).toBe('NaN')
    expect(wireNumber(-Infinity)).toBe('-Infinity')
    expect(wireValue({ a: [Infinity, 1], b: { c: NaN } })).toEqual({ a: ['Infinity', 1], b: { c: 'NaN' } })
  })
})
