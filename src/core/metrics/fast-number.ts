/**
 * Numbers straight from ASCII bytes, bit-identical to `Number(text)`, without
 * building a string (the .wandb hot path: most value_json items are floats
 * printed with 16–17 significant digits).
 *
 * [Note: exact decimal → double] Three tiers, each exact or declined:
 * 1. ≤ 15 significant digits and |exp10| ≤ 22: the mantissa and 10^|e| are
 *    exact doubles, so one multiply/divide rounds once, correctly (Clinger).
 * 2. 16–17 digits, −22 ≤ exp10 < 0: a candidate quotient q is checked by
 *    computing the residual W − q·P exactly (Dekker's two-product, Sterbenz
 *    subtraction); q (or its neighbour) is accepted only when the true value is
 *    provably strictly inside its rounding interval, so ties never pass here.
 * 3. Anything else (longer, other exponents, whitespace, hex, NaN…) returns
 *    `undefined` and the caller uses Number() on the decoded text.
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)
// Veltkamp split of each power of ten for the exact product q·P.
const SPLIT = 134217729 // 2^27 + 1
const POW10_HI = POW10.map((p) => {
  const c = SPLIT * p
  return c - (c - p)
})
const POW10_LO = POW10.map((p, k) => p - POW10_HI[k]!)

// Bit access to a double for its exponent (little-endian hosts only; tier 2 is skipped elsewhere).
const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)
f64[0] = 1
const LITTLE_ENDIAN = u32[1] === 0x3ff00000

/**
 * The double `Number()` gives for the ASCII text `buf[start, end)` when that
 * text is a plain decimal literal (`-?digits[.digits][e[+-]digits]`) this fast
 * path can convert exactly; `undefined` when the caller must use Number().
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number): number | undefined {
  let i = start
  const neg = buf[i] === 45 /* - */
  if (neg) i++
  let hi = 0 // first ≤ 9 significant digits
  let lo = 0 // following significant digits (at most 8 kept)
  let sig = 0 // significant digits seen (from the first non-zero one)
  let any = false // at least one mantissa digit
  let scale = 0 // fraction digits that belong to hi/lo or to leading zeros
  let c = 0
  for (; i < end; i++) {
    c = buf[i]!
    if (c < 48 || c > 57) break
    any = true
    if (sig === 0 && c === 48) continue
    if (sig < 9) hi = hi * 10 + (c - 48)
    else lo = lo * 10 + (c - 48)
    if (++sig > 17) return undefined
  }
  if (i < end && c === 46 /* . */) {
    for (i++; i < end; i++) {
      c = buf[i]!
      if (c < 48 || c > 57) break
      any = true
      scale++
      if (sig === 0 && c === 48) continue
      if (sig < 9) hi = hi * 10 + (c - 48)
      else lo = lo * 10 + (c - 48)
      if (++sig > 17) return undefined
    }
  }
  if (!any) return undefined
  let exp = 0
  if (i < end && (c === 101 || c === 69) /* e E */) {
    i++
    let expNeg = false
    if (i < end && (buf[i] === 45 || buf[i] === 43)) expNeg = buf[i++] === 45
    const digitsFrom = i
    for (; i < end; i++) {
      c = buf[i]!
      if (c < 48 || c > 57) break
      if (exp < 100000) exp = exp * 10 + (c - 48) // clamp: such exponents never take the fast path
    }
    if (i === digitsFrom) return undefined
    if (expNeg) exp = -exp
  }
  if (i !== end) return undefined
  if (sig === 0) return neg ? -0 : 0
  const e10 = exp - scale
  let v: number | undefined
  if (sig <= 9) v = exact(hi, e10)
  else if (sig <= 15) v = exact(hi * POW10[sig - 9]! + lo, e10)
  else if (e10 < 0 && e10 >= -22 && LITTLE_ENDIAN) v = long(hi * POW10[sig - 9]!, lo, POW10[-e10]!, POW10_HI[-e10]!, POW10_LO[-e10]!)
  if (v === undefined) return undefined
  return neg ? -v : v
}

/** Clinger's fast path: w < 2^53 exact, 10^|e| exact, one rounding. */
function exact(w: number, e10: number): number | undefined {
  if (e10 === 0) return w
  if (e10 > 0) return e10 <= 22 ? w * POW10[e10]! : undefined
  return e10 >= -22 ? w / POW10[-e10]! : undefined
}

/**
 * W / P correctly rounded, for W = a + b (a = first 9 digits · 10^k ≥ 10^15,
 * b < 10^k, both exact) and P = 10^n exact (n ≤ 22); undefined when not provable.
 */
function long(a: number, b: number, p: number, pHi: number, pLo: number): number | undefined {
  let q = (a + b) / p
  for (let attempt = 0; attempt < 2; attempt++) {
    // Exact q·P = ph + pl (Dekker's two-product; no overflow/underflow at these magnitudes).
    const c = SPLIT * q
    const qHi = c - (c - q)
    const qLo = q - qHi
    const ph = q * p
    const pl = qHi * pHi - ph + qHi * pLo + qLo * pHi + qLo * pLo
    // a and ph are within a factor of 2 (Sterbenz), so a − ph is exact; it and b are multiples of
    // 1/8 below 2^50, so adding b is exact too. Only the last subtraction may round (≤ 2^-53 relative).
    const d = a - ph + b - pl
    // Half the gap to q's nearer neighbour, times P: |W − qP| below it means q is the rounding of W/P.
    f64[0] = q
    const bits = u32[1]!
    const expBits = bits >>> 20
    const powerOfTwo = (bits & 0xfffff) === 0 && u32[0] === 0
    u32[1] = (expBits - 53) << 20 // 2^(e−53): half an ulp of q
    u32[0] = 0
    const halfUlp = f64[0]!
    const h = (powerOfTwo ? halfUlp / 2 : halfUlp) * p
    // Margin covers the rounding of d (and of h·0.99): accepted values are strictly inside the interval.
    if (d < 0.99 * h && d > -0.99 * h) return q
    // q is off by about one ulp: step towards W/P and check again.
    if (d > 0) q += 2 * halfUlp
    else q -= powerOfTwo ? halfUlp : 2 * halfUlp
  }
  return undefined
}
