/** Image preprocessing math on hand-computed pixels, and the PIL path against Pillow's bytes. */
import { describe, expect, it } from 'vitest'
import {
  centerCrop,
  centerCropBytes,
  imageLayoutFromShape,
  pilPixels,
  preprocessImage,
  resize,
  resizeArea,
  resizeBilinear,
  shortestEdgeSize,
  toBytes,
  toChannels,
  uprightImage,
  type FloatImage,
  type RgbaImage
} from '../../../../src/core/models/image'
import type { ImagePipeline } from '../../../../src/core/models/image-pipeline'
import type { ByteImage } from '../../../../src/core/models/pil-resample'
import { orientBytes } from '../../../../src/core/models/pil-resample-oriented'
import { pilCase, pilImages } from './pil-fixture'

function gray(width: number, height: number, values: number[]): FloatImage {
  return { width, height, channels: 1, data: Float32Array.from(values) }
}
function rgba(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4)
  return { width, height, data }
}
const plain: ImagePipeline = { resize: null, crop: null, scale: 1, mean: null, std: null, background: 'black', invert: false }

describe('toChannels', () => {
  it('composites transparent pixels over the background and uses BT.601 luminance', () => {
    const img = rgba(3, 1, (x) => (x === 0 ? [255, 0, 0, 255] : x === 1 ? [0, 0, 0, 0] : [200, 200, 200, 128]))
    const black = toChannels(img, 1, 'black')
    expect(black.data[0]).toBeCloseTo(0.299 * 255, 4)
    expect(black.data[1]).toBe(0)
    expect(black.data[2]).toBeCloseTo(200 * (128 / 255), 3)
    const white = toChannels(img, 1, 'white')
    expect(white.data[1]).toBeCloseTo(255, 4)
    expect(white.data[2]).toBeCloseTo(200 * (128 / 255) + 255 * (1 - 128 / 255), 3)
  })
  it('keeps RGB interleaved and can invert', () => {
    const img = rgba(1, 1, () => [10, 20, 30, 255])
    expect(Array.from(toChannels(img, 3, 'black').data)).toEqual([10, 20, 30])
    expect(Array.from(toChannels(img, 3, 'black', true).data)).toEqual([245, 235, 225])
  })
})

describe('resize', () => {
  it('bilinear upscaling 2→4 uses half-pixel centres', () => {
    const out = resizeBilinear(gray(2, 1, [0, 100]), 4, 1)
    // centres map to -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
    expect(Array.from(out.data)).toEqual([0, 25, 75, 100])
  })
  it('bilinear keeps a constant image constant', () => {
    const out = resizeBilinear(gray(3, 3, Array(9).fill(42)), 7, 5)
    expect(out.data.every((v) => Math.abs(v - 42) < 1e-4)).toBe(true)
  })
  it('area averaging 4×4 → 2×2 gives block means', () => {
    const src = gray(4, 4, [0, 4, 8, 8, 4, 0, 8, 8, 1, 1, 2, 2, 1, 1, 2, 2])
    expect(Array.from(resizeArea(src, 2, 2).data)).toEqual([2, 8, 1, 2])
  })
  it('area averaging handles fractional coverage (3 → 2)', () => {
    const out = resizeArea(gray(3, 1, [0, 30, 60]), 2, 1)
    // first output covers [0, 1.5): (0·1 + 30·0.5) / 1.5 = 10; second [1.5, 3): (30·0.5 + 60) / 1.5 = 50
    expect(out.data[0]).toBeCloseTo(10, 4)
    expect(out.data[1]).toBeCloseTo(50, 4)
  })
  it('keeps a 1-pixel stroke visible when shrinking 10× (area, not bilinear)', () => {
    const values = Array(100).fill(0)
    values[45] = 255 // a thin line, 1 px of a 100 px row
    const out = resize(gray(100, 1, values), 10, 1)
    expect(out.data[4]).toBeCloseTo(25.5, 3)
  })
})

describe('centerCrop', () => {
  it('cuts the centred window like torchvision (round((in-out)/2))', () => {
    const src = gray(5, 1, [1, 2, 3, 4, 5])
    expect(Array.from(centerCrop(src, 3, 1).data)).toEqual([2, 3, 4])
    expect(Array.from(centerCrop(src, 2, 1).data)).toEqual([3, 4])
  })
  it('pads with the fill value when the image is smaller', () => {
    expect(Array.from(centerCrop(gray(1, 1, [9]), 3, 1, 255).data)).toEqual([255, 9, 255])
  })
})

describe('preprocessImage', () => {
  const img = rgba(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 255, 255]))
  it('packs NCHW planes', () => {
    const layout = imageLayoutFromShape([1, 3, 1, 2], {})
    expect(Array.from(preprocessImage(img, plain, layout))).toEqual([255, 0, 0, 0, 0, 255])
  })
  it('packs NHWC pixels', () => {
    // [b, 1, 2, 3] is ambiguous (1 could be channels): the manifest's layout decides.
    expect(imageLayoutFromShape(['batch', 1, 2, 3], {}).layout).toBe('NCHW')
    const layout = imageLayoutFromShape(['batch', 1, 2, 3], { layout: 'NHWC' })
    expect(layout.layout).toBe('NHWC')
    expect(imageLayoutFromShape(['batch', 28, 28, 3], {}).layout).toBe('NHWC')
    expect(Array.from(preprocessImage(img, plain, layout))).toEqual([255, 0, 0, 0, 0, 255])
  })
  it('rescales then normalizes per channel', () => {
    const layout = imageLayoutFromShape([1, 3, 1, 2], {})
    const p: ImagePipeline = { ...plain, scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.25, 0.5, 0.5] }
    const out = Array.from(preprocessImage(img, p, layout))
    expect(out[0]).toBeCloseTo(2, 5) // (1 - 0.5) / 0.25
    expect(out[1]).toBeCloseTo(-2, 5)
    expect(out[2]).toBeCloseTo(-1, 5)
    expect(out[5]).toBeCloseTo(1, 5)
  })
  it('MNIST normalisation of the self-made bar image', () => {
    const bar = rgba(28, 28, (x, y) => (y >= 4 && y <= 23 && (x === 13 || x === 14) ? [255, 255, 255, 255] : [0, 0, 0, 255]))
    const layout = imageLayoutFromShape([1, 1, 28, 28], {})
    const p: ImagePipeline = { ...plain, resize: { mode: 'stretch', width: 28, height: 28 }, scale: 1 / 255, mean: [0.1307], std: [0.3081] }
    const out = preprocessImage(bar, p, layout)
    expect(out[4 * 28 + 13]).toBeCloseTo((1 - 0.1307) / 0.3081, 5)
    expect(out[0]).toBeCloseTo(-0.1307 / 0.3081, 5)
  })
  it('resizes by the shortest edge and center-crops', () => {
    const wide = rgba(40, 20, (x) => (x < 10 || x >= 30 ? [255, 255, 255, 255] : [0, 0, 0, 255]))
    const layout = imageLayoutFromShape([1, 1, 10, 10], {})
    const p: ImagePipeline = { ...plain, resize: { mode: 'shortest-edge', size: 10 }, crop: { width: 10, height: 10 } }
    const out = preprocessImage(wide, p, layout)
    // 40×20 → 20×10, crop the middle 10 columns: all black
    expect(Math.max(...out)).toBeLessThan(1e-3)
  })
})

/** RGBA with full alpha from a fixture's L or RGB bytes. */
function opaque(src: ByteImage): RgbaImage {
  return rgba(src.width, src.height, (x, y) => {
    const o = (y * src.width + x) * src.channels
    const [r, g, b] = src.channels === 1 ? [src.data[o]!, src.data[o]!, src.data[o]!] : [src.data[o]!, src.data[o + 1]!, src.data[o + 2]!]
    return [r, g, b, 255]
  })
}

describe('PIL path (the pipeline names a resample filter)', () => {
  it('composites alpha to rounded 8-bit RGB, inverts, and converts to "L" like PIL', () => {
    const img = rgba(3, 1, (x) => (x === 0 ? [255, 0, 0, 255] : x === 1 ? [0, 0, 0, 0] : [200, 200, 200, 128]))
    expect(Array.from(toBytes(img, 3, 'black').data)).toEqual([255, 0, 0, 0, 0, 0, 100, 100, 100]) // 200·128/255 = 100.4
    expect(Array.from(toBytes(img, 3, 'white').data.slice(3))).toEqual([255, 255, 255, 227, 227, 227]) // (200·128 + 255·127)/255 = 227.4
    expect(Array.from(toBytes(img, 3, 'black', true).data.slice(0, 3))).toEqual([0, 255, 255])
    expect(Array.from(toBytes(img, 1, 'black').data)).toEqual([76, 0, 100]) // (255·19595 + 0x8000) >> 16
  })
  it('sizes the shortest edge like transformers (long side truncated, not rounded)', () => {
    expect(shortestEdgeSize(40, 20, 10)).toEqual({ width: 20, height: 10 })
    expect(shortestEdgeSize(20, 30, 15)).toEqual({ width: 15, height: 22 }) // 22.5 → 22
    expect(shortestEdgeSize(640, 480, 224)).toEqual({ width: 298, height: 224 }) // 298.67 → 298
  })
  it('center-crops like transformers: floor((in − out) / 2), zero padding where the image is smaller', () => {
    const row = (values: number[]): ByteImage => ({ width: values.length, height: 1, channels: 1, data: Uint8Array.from(values) })
    expect(Array.from(centerCropBytes(row([1, 2, 3, 4, 5]), 2, 1).data)).toEqual([2, 3])
    expect(Array.from(centerCropBytes(row([1, 2, 3, 4, 5]), 3, 1).data)).toEqual([2, 3, 4])
    expect(Array.from(centerCropBytes(row([9, 8]), 5, 1).data)).toEqual([0, 0, 9, 8, 0])
  })
  it('gives Pillow\'s bytes for a drawn digit shrunk 35× (bicubic), grayscale NCHW', () => {
    const pad = pilImages.get('pad280')!
    const layout = imageLayoutFromShape([1, 1, 8, 8], {})
    const p: ImagePipeline = { ...plain, resize: { mode: 'stretch', width: 8, height: 8 }, resample: 3 }
    expect(Array.from(preprocessImage(opaque(pad), p, layout))).toEqual(Array.from(pilCase('pad280', 3, 8, 8)))
    // The float path (no resample) area-averages instead: close, not the same.
    const float = preprocessImage(opaque(pad), { ...p, resample: undefined }, layout)
    expect(Array.from(float).some((v, i) => Math.abs(v - pilCase('pad280', 3, 8, 8)[i]!) > 1)).toBe(true)
  })
  it('gives Pillow\'s bytes for RGB with every filter, then rescales and normalizes per channel', () => {
    const src = pilImages.get('rgb37x23')!
    const layout = imageLayoutFromShape([1, 3, 9, 15], {})
    for (const filter of [0, 1, 2, 3, 4, 5] as const) {
      const p: ImagePipeline = { ...plain, resize: { mode: 'stretch', width: 15, height: 9 }, resample: filter, scale: 1 / 255, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5] }
      const expected = pilCase('rgb37x23', filter, 15, 9)
      const out = preprocessImage(opaque(src), p, layout)
      for (const [k, m, s] of [[0, 0.5, 0.2], [1, 0.4, 0.25], [2, 0.3, 0.5]] as const) {
        for (let i = 0; i < 15 * 9; i++) expect(out[k * 135 + i]).toBeCloseTo((expected[i * 3 + k]! / 255 - m) / s, 5)
      }
    }
  })
  it('resizes by the shortest edge, then crops, then fits the model size with the same filter', () => {
    // White bands far enough out that bilinear's 2-px reach when halving stays outside the crop.
    const wide = rgba(40, 20, (x) => (x < 6 || x >= 34 ? [255, 255, 255, 255] : [0, 0, 0, 255]))
    const p: ImagePipeline = { ...plain, resize: { mode: 'shortest-edge', size: 10 }, crop: { width: 10, height: 10 }, resample: 2 }
    expect(Math.max(...preprocessImage(wide, p, imageLayoutFromShape([1, 1, 10, 10], {})))).toBe(0) // 20×10, middle 10 columns
    expect(Math.max(...preprocessImage(wide, { ...p, crop: null }, imageLayoutFromShape([1, 1, 10, 20], {})))).toBeGreaterThan(200)
    const fitted = pilPixels(wide, p, imageLayoutFromShape([1, 1, 5, 5], {}), 2)
    expect([fitted.width, fitted.height]).toEqual([5, 5])
  })
})

describe('a photo with an EXIF orientation (pixels as stored)', () => {
  // Stored 9×5 with a gradient, hard edges and a transparent corner: every orientation must give the upright result.
  const stored = rgba(9, 5, (x, y) => [(x * 29 + y * 7) % 256, x < 3 ? 250 : 10, (y * 61) % 256, x === 8 && y === 0 ? 0 : 255])
  const turned = (o: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8): RgbaImage => {
    const up = orientBytes({ width: stored.width, height: stored.height, channels: 4, data: stored.data as Uint8Array }, o)
    return { width: up.width, height: up.height, data: up.data }
  }
  const nhwc = (w: number, h: number, c: 1 | 3) => ({ layout: 'NHWC' as const, channels: c, width: w, height: h, dims: [1, h, w, c] })
  const cases: Array<[string, ImagePipeline, 1 | 3, number]> = [
    ['PIL path, stretch, bilinear', { ...plain, resize: { mode: 'stretch', width: 4, height: 3 }, resample: 2 }, 3, 4],
    ['PIL path, shortest edge + crop, bicubic, gray', { ...plain, resize: { mode: 'shortest-edge', size: 3 }, crop: { width: 3, height: 3 }, resample: 3 }, 1, 3],
    ['PIL path, no resize (turned whole)', { ...plain, crop: { width: 3, height: 3 }, resample: 2 }, 3, 3],
    ['float path, stretch', { ...plain, resize: { mode: 'stretch', width: 4, height: 3 } }, 3, 4]
  ]
  for (const [name, pipeline, channels, width] of cases) {
    it(`is preprocessed as the upright photo: ${name}`, () => {
      for (const o of [2, 3, 4, 5, 6, 7, 8] as const) {
        const layout = nhwc(width, 3, channels)
        const ours = preprocessImage({ ...stored, orientation: o }, pipeline, layout)
        expect(Array.from(ours), `orientation ${o}`).toEqual(Array.from(preprocessImage(turned(o), pipeline, layout)))
      }
    })
  }
  it('uprightImage turns RGB and RGBA and leaves an upright image alone', () => {
    const rgb: RgbaImage = { width: 2, height: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]), channels: 3, orientation: 8 }
    expect(uprightImage(rgb)).toEqual({ width: 1, height: 2, data: Uint8Array.from([4, 5, 6, 1, 2, 3]), channels: 3 })
    expect(uprightImage(stored)).toBe(stored)
    expect(uprightImage({ ...stored, orientation: 6 })).toMatchObject({ width: 5, height: 9 })
  })
})

describe('imageLayoutFromShape', () => {
  it('reads NCHW grayscale with a symbolic batch', () => {
    expect(imageLayoutFromShape(['batch_size', 1, 28, 28], {})).toEqual({ layout: 'NCHW', channels: 1, height: 28, width: 28, dims: [1, 1, 28, 28] })
  })
  it('fills symbolic height/width from the config and channels from mean length', () => {
    expect(imageLayoutFromShape(['b', 'c', 'h', 'w'], { width: 32, height: 24, meanLength: 3 }).dims).toEqual([1, 3, 24, 32])
  })
  it('supports rank 3 and flat rank 2 inputs', () => {
    expect(imageLayoutFromShape([1, 28, 28], {}).layout).toBe('NHW')
    expect(imageLayoutFromShape(['b', 784], { width: 28, height: 28 }).dims).toEqual([1, 784])
    expect(() => imageLayoutFromShape(['b', 700], { width: 28, height: 28 })).toThrow(/700 values/)
  })
  it('refuses other ranks and channel counts with a reason', () => {
    expect(() => imageLayoutFromShape([1, 1, 1, 8, 8], {})).toThrow(/rank 2, 3 or 4, not 5/)
    expect(() => imageLayoutFromShape([1, 4, 8, 8], { layout: 'NCHW' })).toThrow(/4 channels/)
  })
})
