import { describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { jpegWithOrientation } from '../../../support/jpeg-exif'
import { applyOrientation, jpegOrientation, type Orientation } from '../../../../src/core/models/exif'
import type { RgbaImage } from '../../../../src/core/models/image'

/** A w×h image whose pixel (x, y) has red = 10·x + y. */
function numbered(w: number, h: number): RgbaImage {
  const data = new Uint8Array(w * h * 4)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([10 * x + y, 0, 0, 255], (y * w + x) * 4)
  return { width: w, height: h, data }
}
/** Red values row by row. */
function rows(img: RgbaImage): number[][] {
  return Array.from({ length: img.height }, (_, y) => Array.from({ length: img.width }, (_, x) => img.data[(y * img.width + x) * 4]!))
}

describe('applyOrientation', () => {
  // Stored 3×2:   0 10 20
  //               1 11 21
  const stored = numbered(3, 2)
  const expected: Record<Orientation, number[][]> = {
    1: [[0, 10, 20], [1, 11, 21]],
    2: [[20, 10, 0], [21, 11, 1]],
    3: [[21, 11, 1], [20, 10, 0]],
    4: [[1, 11, 21], [0, 10, 20]],
    5: [[0, 1], [10, 11], [20, 21]],
    6: [[1, 0], [11, 10], [21, 20]],
    7: [[21, 20], [11, 10], [1, 0]],
    8: [[20, 21], [10, 11], [0, 1]]
  }
  for (const [orientation, want] of Object.entries(expected)) {
    it(`turns orientation ${orientation} upright`, () => {
      const out = applyOrientation(stored, Number(orientation) as Orientation)
      expect(rows(out)).toEqual(want)
      expect(out.data.length).toBe(stored.data.length)
    })
  }
})

describe('jpegOrientation', () => {
  it('reads the tag in both byte orders', () => {
    for (const o of [1, 3, 6, 8]) {
      expect(jpegOrientation(jpegWithOrientation(o, 'II'))).toBe(o)
      expect(jpegOrientation(jpegWithOrientation(o, 'MM'))).toBe(o)
    }
  })

  it('is 1 without EXIF, for an out-of-range value, and for broken or truncated EXIF', () => {
    const data = Buffer.alloc(8 * 8 * 4, 128)
    expect(jpegOrientation(jpeg.encode({ width: 8, height: 8, data }, 90).data)).toBe(1)
    expect(jpegOrientation(jpegWithOrientation(9))).toBe(1)
    const good = jpegWithOrientation(6)
    const badMagic = good.slice()
    badMagic[4 + 6 + 2] = 0x00 // 'II' → '\0I'
    expect(jpegOrientation(badMagic)).toBe(1)
    expect(jpegOrientation(good.subarray(0, 20))).toBe(1)
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8]))).toBe(1)
    expect(jpegOrientation(new TextEncoder().encode('not a jpeg'))).toBe(1)
  })
})
