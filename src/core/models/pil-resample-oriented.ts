/**
 * Pillow's resize of a photo turned upright by its EXIF orientation, computed
 * from the pixels as the camera stored them: the same bytes as
 * `ImageOps.exif_transpose(im).resize(size, filter)` without ever building the
 * upright full-size image.
 *
 * [Note: resizing before the EXIF turn]
 * Turning a 12-megapixel photo upright is a 36 MB pixel permutation, and on
 * the bench machine writing 36 MB of fresh memory costs more than decoding the
 * JPEG. Pillow resizes the upright image horizontally, rounds to 8 bits, then
 * vertically (pil-resample.ts). Both passes only read source pixels through
 * their taps, so the first pass can read the stored image through the
 * orientation's index map instead: for a photo turned by 90° (orientation 5–8)
 * the upright rows are stored columns, and the first pass runs down the stored
 * columns. The taps, the 8-bit rounding between the passes and the pass order
 * in upright coordinates are Pillow's, and every sum is an exact integer, so
 * the output is byte for byte Pillow's (tests/unit/core/models/
 * pil-resample-oriented.test.ts checks all eight orientations and every filter
 * against the turn-then-resize path, which the Pillow fixtures pin down).
 */
import { HALF_ACC, isPilFilter, nearestIndex, pilResize, pilTaps, pilVertical, PIL_FILTERS, type ByteImage, type PilFilter, type Taps } from './pil-resample'

/** EXIF orientation values (TIFF tag 0x0112); 1 is upright. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

/** True for the eight orientation values EXIF defines. */
export function isExifOrientation(value: unknown): value is ExifOrientation {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8
}

/** Size of the stored width×height image once turned upright (orientations 5–8 swap the sides). */
export function uprightSize(width: number, height: number, orientation: ExifOrientation): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height }
}

/**
 * The stored pixel (xr, yr) shown at upright (xu, yu), as xr = x0 + xx·xu + xy·yu and yr = y0 + yx·xu + yy·yu
 * (the transposes Pillow's `exif_transpose` applies: 2 mirror, 3 turn 180°, 4 flip, 5 transpose, 6 turn 90° clockwise,
 * 7 transverse, 8 turn 90° anticlockwise).
 */
function indexMap(o: ExifOrientation, w: number, h: number): { x0: number; xx: number; xy: number; y0: number; yx: number; yy: number } {
  const W = w - 1
  const H = h - 1
  switch (o) {
    case 1:
      return { x0: 0, xx: 1, xy: 0, y0: 0, yx: 0, yy: 1 }
    case 2:
      return { x0: W, xx: -1, xy: 0, y0: 0, yx: 0, yy: 1 }
    case 3:
      return { x0: W, xx: -1, xy: 0, y0: H, yx: 0, yy: -1 }
    case 4:
      return { x0: 0, xx: 1, xy: 0, y0: H, yx: 0, yy: -1 }
    case 5:
      return { x0: 0, xx: 0, xy: 1, y0: 0, yx: 1, yy: 0 }
    case 6:
      return { x0: 0, xx: 0, xy: 1, y0: H, yx: -1, yy: 0 }
    case 7:
      return { x0: W, xx: 0, xy: -1, y0: H, yx: -1, yy: 0 }
    case 8:
      return { x0: W, xx: 0, xy: -1, y0: 0, yx: 1, yy: 0 }
  }
}

/** The stored image turned upright: Pillow's `ImageOps.exif_transpose` on any number of interleaved channels. */
export function orientBytes(src: ByteImage, orientation: ExifOrientation): ByteImage {
  if (orientation === 1) return src
  const c = src.channels
  const { width, height } = uprightSize(src.width, src.height, orientation)
  const m = indexMap(orientation, src.width, src.height)
  const out = new Uint8Array(width * height * c)
  const data = src.data
  for (let yu = 0, to = 0; yu < height; yu++) {
    for (let xu = 0; xu < width; xu++) {
      const from = ((m.y0 + m.yx * xu + m.yy * yu) * src.width + (m.x0 + m.xx * xu + m.xy * yu)) * c
      for (let k = 0; k < c; k++) out[to++] = data[from + k]!
    }
  }
  return { width, height, channels: c, data: out }
}

/** clip8 of pil-resample.ts, inlined in the loops below: 8-bit value of a sum with 22 fractional bits. */
const MAX_SUM = 256 << 22

/** The same taps read backwards: output o of a mirrored axis of `size` pixels reads size − first − count onwards. */
function mirrored(t: Taps, size: number): Taps {
  const first = new Int32Array(t.first.length)
  const weights = new Int32Array(t.weights.length)
  for (let o = 0; o < t.first.length; o++) {
    const n = t.count[o]!
    first[o] = size - t.first[o]! - n
    for (let j = 0; j < n; j++) weights[o * t.taps + j] = t.weights[o * t.taps + n - 1 - j]!
  }
  return { taps: t.taps, first, count: t.count, weights }
}

/**
 * Pillow's first (horizontal) pass over the upright image, for orientations 1–4: upright rows are stored rows,
 * read backwards (mirrored taps) when x is mirrored, bottom-up when y is flipped.
 */
function rowsPass(src: ByteImage, orientation: ExifOrientation, width: number, taps: Taps): ByteImage {
  const c = src.channels
  const t = orientation === 2 || orientation === 3 ? mirrored(taps, src.width) : taps
  const flipY = orientation === 3 || orientation === 4
  const out = new Uint8Array(width * src.height * c)
  const data = src.data
  const weights = t.weights
  const half = HALF_ACC
  for (let yu = 0; yu < src.height; yu++) {
    const row = (flipY ? src.height - 1 - yu : yu) * src.width * c
    let to = yu * width * c
    for (let x = 0; x < width; x++) {
      const n = t.count[x]!
      const k = x * t.taps
      const from = row + t.first[x]! * c
      // Channels as separate sums, int32 (see [Note: int32 sums, four taps a step]).
      for (let ch = 0; ch < c; ch++) {
        let sum = half
        for (let j = 0, p = from + ch; j < n; j++, p += c) sum = (sum + data[p]! * weights[k + j]!) | 0
        out[to++] = sum >= MAX_SUM ? 255 : sum <= 0 ? 0 : sum >> 22
      }
    }
  }
  return { width, height: src.height, channels: c, data: out }
}

/**
 * Pillow's first (horizontal) pass over the upright image, for orientations 5–8: upright rows are stored columns,
 * so each output value sums one stored column over the taps' rows, and lands in an upright column.
 *
 * [Note: int32 sums, four taps a step]
 * The sum stays in a register and is truncated to int32 every four taps, which keeps V8 on integer arithmetic
 * (≈ 2× faster than a Float64Array row of accumulators here). It is exact: |sum| ≤ 2^21 + 255 · Σ|w| · 2^22,
 * and Σ|w| ≤ 1.3 for every Pillow filter, so it never leaves int32, and a double holds each step exactly.
 */
function columnsPass(src: ByteImage, orientation: ExifOrientation, width: number, taps: Taps): ByteImage {
  const c = src.channels
  const stride = src.width * c
  // Upright x runs down the stored rows, upwards for 6 and 7; upright y runs along them, leftwards for 7 and 8.
  const t = orientation === 6 || orientation === 7 ? mirrored(taps, src.height) : taps
  const flipRow = orientation === 7 || orientation === 8
  const height = src.width
  const out = new Uint8Array(width * height * c)
  const data = src.data
  const weights = t.weights
  const column = new Uint8Array(stride)
  const half = HALF_ACC
  for (let x = 0; x < width; x++) {
    const n = t.count[x]!
    const k = x * t.taps
    const top = t.first[x]! * stride
    for (let i = 0; i < stride; i++) {
      let p = top + i
      let sum = half
      let j = 0
      for (; j + 3 < n; j += 4, p += 4 * stride) {
        sum = (sum + data[p]! * weights[k + j]! + data[p + stride]! * weights[k + j + 1]! + data[p + 2 * stride]! * weights[k + j + 2]! + data[p + 3 * stride]! * weights[k + j + 3]!) | 0
      }
      for (; j < n; j++, p += stride) sum = (sum + data[p]! * weights[k + j]!) | 0
      column[i] = sum >= MAX_SUM ? 255 : sum <= 0 ? 0 : sum >> 22
    }
    // The stored row's pixels become upright column x (bottom-up for a mirrored row).
    for (let xr = 0; xr < src.width; xr++) {
      const to = ((flipRow ? src.width - 1 - xr : xr) * width + x) * c
      for (let ch = 0; ch < c; ch++) out[to + ch] = column[xr * c + ch]!
    }
  }
  return { width, height, channels: c, data: out }
}

/** NEAREST: each output pixel is one stored pixel, found through the index map. */
function nearestOriented(src: ByteImage, orientation: ExifOrientation, width: number, height: number): ByteImage {
  const c = src.channels
  const up = uprightSize(src.width, src.height, orientation)
  const xs = nearestIndex(up.width, width)
  const ys = nearestIndex(up.height, height)
  const m = indexMap(orientation, src.width, src.height)
  const out = new Uint8Array(width * height * c)
  for (let y = 0, to = 0; y < height; y++) {
    const yu = ys[y]!
    for (let x = 0; x < width; x++) {
      const xu = xs[x]!
      const from = ((m.y0 + m.yx * xu + m.yy * yu) * src.width + (m.x0 + m.xx * xu + m.xy * yu)) * c
      for (let k = 0; k < c; k++) out[to++] = src.data[from + k]!
    }
  }
  return { width, height, channels: c, data: out }
}

/**
 * `pilResize(orientBytes(src, orientation), width, height, filter)` without the full-size upright copy
 * (see [Note: resizing before the EXIF turn]).
 * @throws RangeError for an unknown filter code or an empty size (as pilResize).
 */
export function pilResizeOriented(src: ByteImage, orientation: ExifOrientation, width: number, height: number, filter: PilFilter): ByteImage {
  if (!isPilFilter(filter)) return pilResize(src, width, height, filter) // throws, naming the code
  const up = uprightSize(src.width, src.height, orientation)
  // Upright already, or a size where Pillow skips the first pass (the upright image itself feeds the second).
  if (orientation === 1 || up.width === width || width < 1 || height < 1) return pilResize(orientBytes(src, orientation), width, height, filter)
  if (filter === PIL_FILTERS.NEAREST) return nearestOriented(src, orientation, width, height)
  const taps = pilTaps(up.width, width, filter)
  const first = orientation <= 4 ? rowsPass(src, orientation, width, taps) : columnsPass(src, orientation, width, taps)
  return up.height === height ? first : pilVertical(first, height, pilTaps(up.height, height, filter))
}
