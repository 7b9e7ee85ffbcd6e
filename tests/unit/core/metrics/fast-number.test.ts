/**
 * parseDecimalBytes must be bit-identical to Number(text) whenever it answers
 * (and decline, returning undefined, otherwise): edge cases, ties, and many
 * random values in the shapes Python/JS print floats.
 */
import { describe, expect, it } from 'vitest'
import { parseDecimalBytes } from '../../../../src/core/metrics/fast-number'

const enc = new TextEncoder()

/** The fast path's answer for `s`, placed inside a larger buffer so offsets are exercised. */
function fast(s: string): number | undefined {
  const body = enc.encode(s)
  const buf = new Uint8Array(body.length + 6)
  buf.set(enc.encode('{"x":'), 0)
  buf.set(body, 5)
  buf[buf.length - 1] = 0x7d
  return parseDecimalBytes(buf, 5, 5 + body.length)
}

/** Fails with the offending text when the fast path answers and differs from Number() (Object.is: -0 and NaN count). */
function agrees(s: string): boolean {
  const v = fast(s)
  if (v === undefined) return false
  if (!Object.is(v, Number(s))) throw new Error(`fast path gives ${v} for "${s}", Number() gives ${Number(s)}`)
  return true
}

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('parseDecimalBytes', () => {
  it('matches Number() on edge cases and declines what it cannot prove', () => {
    const cases = [
      '0',
      '-0',
      '0.0',
      '-0.0',
      '00',
      '-000.000',
      '0e5',
      '-0e-5',
      '0e999999999',
      '1',
      '-1',
      '5.',
      '.5',
      '-.5',
      '0.5e1',
      '1e-7',
      '1e-07',
      '1E5',
      '1e+5',
      '-1e-22',
      '1e22',
      '1e23',
      '1e-23',
      '123456789012345',
      '1234567890123456',
      '12345678901234567',
      '123456789012345678',
      '0.1',
      '0.2',
      '0.3',
      String(0.1 + 0.2),
      '0.30000000000000004',
      '0.30000000000000005',
      '0.1234567890123456789',
      String(Number.MAX_SAFE_INTEGER),
      '9007199254740993',
      '9007199254740993.0',
      '4503599627370496.5',
      '4503599627370497.5',
      '4503599627370497.4999',
      '1763900000.1370001',
      '1763900000.137',
      '0.41100000000000003',
      '0.99999999999999994',
      '0.99999999999999995',
      '0.99999999999999997',
      '1.0000000000000001',
      '1.00000000000000011',
      '2.2250738585072014e-308',
      '5e-324',
      '1.7976931348623157e308',
      '1e400',
      '-1e400',
      '1e-400',
      '0.0003',
      '3e-4',
      '1.5e300',
      // Not plain decimals: must be declined (the caller then asks Number()).
      '',
      '.',
      '-',
      '-.',
      'e5',
      '.e5',
      '1e',
      '1e+',
      '1e-',
      '+1',
      '--1',
      '1.2.3',
      ' 1',
      '1 ',
      '0x10',
      '0b1',
      '1_0',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e5.5',
      '١'
    ]
    for (const s of cases) {
      const v = fast(s)
      if (v !== undefined) expect(Object.is(v, Number(s)), `"${s}"`).toBe(true)
    }
    // Some of these must be taken by the fast path (otherwise the test proves nothing)…
    for (const s of ['0', '-0', '-000.000', '1e-7', '0.1', '0.30000000000000004', '0.41100000000000003', '1763900000.1370001', '0.0003']) {
      expect(agrees(s), `"${s}" takes the fast path`).toBe(true)
    }
    // …and the rest must be declined: Number() is NaN, or the value is a tie / out of the proven range.
    for (const s of [
      '',
      '.',
      '-',
      '-.',
      'e5',
      '1e',
      '1e+',
      '+1',
      ' 1',
      '0x10',
      '1_0',
      'NaN',
      '-Infinity',
      '4503599627370496.5',
      '9007199254740993.0',
      '1e400',
      '123456789012345678'
    ]) {
      expect(fast(s), `"${s}" is declined`).toBeUndefined()
    }
  })

  it('matches Number() on 300 000 random values printed in the usual ways, and takes most 17-digit ones', () => {
    const rand = rng(20261123)
    let taken17 = 0
    let total17 = 0
    for (let i = 0; i < 50_000; i++) {
      const x = rand() * 10 ** (Math.floor(rand() * 24) - 12)
      const s = String(x)
      const ok = agrees(s)
      // Tier 2 covers 10^-22 ≤ 10^exp10; below ~1e-6 a 17-digit value needs more and is declined.
      if (x >= 1e-5 && s.replace(/^[-0.]+|\.|e.*$/g, '').length === 17) {
        total17++
        if (ok) taken17++
      }
      agrees(String(-x))
      agrees(x.toPrecision(16))
      agrees(x.toExponential(Math.floor(rand() * 17)))
      agrees(x.toFixed(Math.floor(rand() * 21)))
      agrees(String(1763900000 + i * 0.137))
    }
    expect(total17).toBeGreaterThan(5_000)
    expect(taken17 / total17).toBeGreaterThan(0.9)
  })

  it('matches Number() next to rounding boundaries (last of 17 digits nudged by ±3)', () => {
    const rand = rng(7)
    for (let i = 0; i < 40_000; i++) {
      const x = (1 + rand()) * 2 ** (Math.floor(rand() * 60) - 20)
      const [mant, exp] = x.toExponential(16).split('e') as [string, string]
      const digits = mant.replace('.', '')
      for (let d = -3; d <= 3; d++) {
        const nudged = String(BigInt(digits) + BigInt(d))
        if (nudged.length !== digits.length) continue
        agrees(`${nudged[0]}.${nudged.slice(1)}e${exp}`)
        agrees(`-${nudged[0]}.${nudged.slice(1)}e${exp}`)
      }
    }
  })

  it('matches Number() on exact halfway points between neighbouring doubles (declines or rounds to even)', () => {
    // Between 2^52 and 2^53 doubles are integers, so n + 0.5 is a tie with a short decimal form.
    const rand = rng(99)
    for (let i = 0; i < 20_000; i++) {
      const n = 2 ** 52 + Math.floor(rand() * 2 ** 40)
      const v = fast(`${n}.5`)
      if (v !== undefined) expect(v).toBe(Number(`${n}.5`))
      agrees(`${n}.4999`)
      agrees(`${n}.5001`)
    }
  })
})
