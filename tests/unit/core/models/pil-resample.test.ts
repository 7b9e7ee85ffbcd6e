/**
 * The 8-bit resampler against real Pillow: tests/fixtures/images/pil-resize-reference.json holds
 * Pillow 9.4's Image.resize output for synthetic RGB and L images (gradients, hard edges, noise,
 * a drawn digit at 280×280) with every filter, downscaling 2.5× and 7× (and 35× for the pad),
 * upscaling 1.6× and non-uniform sizes. Regenerate with
 * `/usr/bin/python3 tests/fixtures/images/make_pil_reference.py`; no Python is needed here.
 */
import { describe, expect, it } from 'vitest'
import { isPilFilter, pilFilterName, pilGray, pilResize, type ByteImage, type PilFilter } from '../../../../src/core/models/pil-resample'
import { pilFixture as fixture, pilImages as images, unpack, type PilFixture as Fixture } from './pil-fixture'

/** Values that differ from Pillow's, and the largest difference. */
function compare(ours: Uint8Array, theirs: Uint8Array): { mismatches: number; maxDiff: number } {
  let mismatches = 0
  let maxDiff = 0
  for (let i = 0; i < theirs.length; i++) {
    const d = Math.abs(ours[i]! - theirs[i]!)
    if (d > 0) mismatches++
    maxDiff = Math.max(maxDiff, d)
  }
  return { mismatches, maxDiff }
}

describe('pilResize matches Pillow byte for byte', () => {
  it('the fixture covers every filter, RGB and L, shrinking and enlarging', () => {
    expect(fixture.producer).toMatch(/Pillow \d/)
    expect(new Set(fixture.cases.map((c) => c.filter))).toEqual(new Set([0, 1, 2, 3, 4, 5]))
    expect(new Set(fixture.images.map((i) => i.mode))).toEqual(new Set(['RGB', 'L']))
    const src = (c: Fixture['cases'][number]): ByteImage => images.get(c.image)!
    expect(fixture.cases.some((c) => c.width * 2 < src(c).width && c.height * 2 < src(c).height)).toBe(true)
    expect(fixture.cases.some((c) => c.width > src(c).width && c.height > src(c).height)).toBe(true)
    expect(fixture.cases.some((c) => c.width > src(c).width && c.height < src(c).height)).toBe(true)
  })

  for (const code of [0, 1, 2, 3, 4, 5] as PilFilter[]) {
    it(`${fixture.filters[code]} (${code})`, () => {
      const cases = fixture.cases.filter((c) => c.filter === code)
      let values = 0
      const bad: string[] = []
      for (const c of cases) {
        const src = images.get(c.image)!
        const out = pilResize(src, c.width, c.height, code)
        expect([out.width, out.height, out.channels]).toEqual([c.width, c.height, src.channels])
        const expected = unpack(c.data)
        expect(out.data.length).toBe(expected.length)
        values += expected.length
        const { mismatches, maxDiff } = compare(out.data, expected)
        if (mismatches) bad.push(`${c.image} → ${c.width}×${c.height}: ${mismatches} values differ (max ${maxDiff})`)
      }
      expect(values).toBeGreaterThan(10_000)
      expect(bad, `${pilFilterName(code)} vs Pillow`).toEqual([])
    })
  }

  it('RGB → L is PIL\'s convert("L")', () => {
    const rgb = images.get(fixture.gray.image)!
    const gray = pilGray(rgb)
    expect(gray.channels).toBe(1)
    expect(compare(gray.data, unpack(fixture.gray.data)).mismatches).toBe(0)
    expect(pilGray(gray)).toBe(gray)
  })
})

describe('pilResize', () => {
  const ramp: ByteImage = { width: 4, height: 1, channels: 1, data: Uint8Array.from([0, 85, 170, 255]) }
  it('keeps a constant image constant with every filter', () => {
    const flat: ByteImage = { width: 13, height: 7, channels: 3, data: new Uint8Array(13 * 7 * 3).fill(77) }
    for (const code of [0, 1, 2, 3, 4, 5] as PilFilter[]) {
      for (const [w, h] of [[5, 3], [31, 17], [2, 40]] as const) expect(pilResize(flat, w, h, code).data.every((v) => v === 77), `${code} ${w}×${h}`).toBe(true)
    }
  })
  it('returns a copy for the same size and refuses unknown filters and empty sizes', () => {
    const same = pilResize(ramp, 4, 1, 3)
    expect(Array.from(same.data)).toEqual([0, 85, 170, 255])
    expect(same.data).not.toBe(ramp.data)
    expect(() => pilResize(ramp, 2, 1, 6 as PilFilter)).toThrow(/unknown PIL resampling filter 6/)
    expect(() => pilResize(ramp, 0, 1, 2)).toThrow(/empty/)
  })
  it('box-halving averages pairs, rounding half up; nearest picks floor((x + 0.5) · scale)', () => {
    expect(Array.from(pilResize(ramp, 2, 1, 4).data)).toEqual([43, 213]) // 42.5 → 43, 212.5 → 213
    expect(Array.from(pilResize(ramp, 2, 1, 0).data)).toEqual([85, 255])
  })
  it('names the filters and knows the codes', () => {
    expect([0, 1, 2, 3, 4, 5].map((c) => pilFilterName(c as PilFilter))).toEqual(['nearest', 'lanczos', 'bilinear', 'bicubic', 'box', 'hamming'])
    expect([isPilFilter(3), isPilFilter(6), isPilFilter(1.5), isPilFilter('3')]).toEqual([true, false, false, false])
  })
})
