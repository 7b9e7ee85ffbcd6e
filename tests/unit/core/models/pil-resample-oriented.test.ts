/**
 * Resizing before the EXIF turn gives the same bytes as turning first, then
 * resizing like Pillow (whose output the Pillow fixtures pin down), for all
 * eight orientations, every filter, RGB and L, shrinking, enlarging, mixed and
 * "same width" sizes. The turn itself is checked against Pillow on JPEGs in
 * tests/unit/host/models/jpeg-pillow.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { pilResize, type ByteImage, type PilFilter } from '../../../../src/core/models/pil-resample'
import { isExifOrientation, orientBytes, pilResizeOriented, uprightSize, type ExifOrientation } from '../../../../src/core/models/pil-resample-oriented'
import { pilImages } from './pil-fixture'

const ORIENTATIONS: ExifOrientation[] = [1, 2, 3, 4, 5, 6, 7, 8]
const FILTERS: PilFilter[] = [0, 1, 2, 3, 4, 5]

/** A 3×2 image whose pixel values are their stored positions (x + 10·y), one channel. */
const grid: ByteImage = { width: 3, height: 2, channels: 1, data: Uint8Array.from([0, 1, 2, 10, 11, 12]) }

/** Deterministic noise with edges: the content where a wrong tap or a lost mirror shows. */
function noise(width: number, height: number, channels: number, seed: number): ByteImage {
  const data = new Uint8Array(width * height * channels)
  let s = seed
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0
    const p = Math.floor(i / channels)
    data[i] = (p % width) < width / 3 ? s >>> 24 : ((p % width) * 7 + Math.floor(p / width) * 3) & 255
  }
  return { width, height, channels, data }
}

describe('orientBytes', () => {
  it("turns the stored pixels as Pillow's exif_transpose does", () => {
    const rows = (o: ExifOrientation): number[][] => {
      const up = orientBytes(grid, o)
      return Array.from({ length: up.height }, (_, y) => Array.from(up.data.subarray(y * up.width, (y + 1) * up.width)))
    }
    expect(rows(1)).toEqual([[0, 1, 2], [10, 11, 12]])
    expect(rows(2)).toEqual([[2, 1, 0], [12, 11, 10]]) // mirrored
    expect(rows(3)).toEqual([[12, 11, 10], [2, 1, 0]]) // turned 180°
    expect(rows(4)).toEqual([[10, 11, 12], [0, 1, 2]]) // flipped
    expect(rows(5)).toEqual([[0, 10], [1, 11], [2, 12]]) // transposed
    expect(rows(6)).toEqual([[10, 0], [11, 1], [12, 2]]) // turned 90° clockwise
    expect(rows(7)).toEqual([[12, 2], [11, 1], [10, 0]]) // transverse
    expect(rows(8)).toEqual([[2, 12], [1, 11], [0, 10]]) // turned 90° anticlockwise
  })
  it('keeps interleaved channels together and knows the upright size', () => {
    const rgb: ByteImage = { width: 2, height: 1, channels: 3, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) }
    expect(Array.from(orientBytes(rgb, 6).data)).toEqual([1, 2, 3, 4, 5, 6])
    expect(Array.from(orientBytes(rgb, 2).data)).toEqual([4, 5, 6, 1, 2, 3])
    expect(uprightSize(4032, 3024, 6)).toEqual({ width: 3024, height: 4032 })
    expect(uprightSize(4032, 3024, 3)).toEqual({ width: 4032, height: 3024 })
    expect([isExifOrientation(1), isExifOrientation(8), isExifOrientation(0), isExifOrientation(9), isExifOrientation(6.5), isExifOrientation('6')]).toEqual([true, true, false, false, false, false])
  })
})

describe('pilResizeOriented equals turning first, then resizing like Pillow', () => {
  const sources: ByteImage[] = [noise(61, 37, 3, 1), noise(40, 23, 1, 2), pilImages.values().next().value!]
  for (const o of ORIENTATIONS) {
    it(`orientation ${o}: every filter, RGB and L, shrinking, enlarging and mixed`, () => {
      const bad: string[] = []
      let checked = 0
      for (const src of sources) {
        const up = uprightSize(src.width, src.height, o)
        const sizes: Array<[number, number]> = [
          [Math.max(1, Math.floor(up.width / 7)), Math.max(1, Math.floor(up.height / 5))],
          [Math.ceil(up.width * 1.6), Math.ceil(up.height * 1.3)],
          [Math.ceil(up.width * 1.4), Math.max(1, Math.floor(up.height / 3))],
          [up.width, Math.max(1, Math.floor(up.height / 2))],
          [Math.max(1, Math.floor(up.width / 2)), up.height],
          [1, 1]
        ]
        for (const filter of FILTERS) {
          for (const [w, h] of sizes) {
            const ours = pilResizeOriented(src, o, w, h, filter)
            const theirs = pilResize(orientBytes(src, o), w, h, filter)
            checked++
            if (ours.width !== w || ours.height !== h || ours.channels !== src.channels) bad.push(`${src.width}×${src.height} f${filter} → ${w}×${h}: got ${ours.width}×${ours.height}×${ours.channels}`)
            else if (!Buffer.from(ours.data).equals(Buffer.from(theirs.data))) bad.push(`${src.width}×${src.height}×${src.channels} filter ${filter} → ${w}×${h}: bytes differ`)
          }
        }
      }
      expect(checked).toBe(sources.length * FILTERS.length * 6)
      expect(bad).toEqual([])
    })
  }

  it('refuses an unknown filter and an empty size as pilResize does', () => {
    const src = noise(8, 6, 3, 4)
    expect(() => pilResizeOriented(src, 6, 4, 4, 9 as PilFilter)).toThrow(/unknown PIL resampling filter 9/)
    expect(() => pilResizeOriented(src, 6, 0, 4, 2)).toThrow(/empty/)
  })
})
