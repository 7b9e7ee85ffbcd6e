/**
 * Image preprocessing on decoded RGBA pixels, two ways:
 *
 * - PIL path (the pipeline names a `resample` filter: every Hugging Face folder,
 *   and model.json with `resample`): alpha over the background rounded to 8-bit
 *   RGB, PIL "L" for a grayscale model, resize exactly like Pillow's
 *   `Image.resize` with that filter (pil-resample.ts), center crop the way
 *   transformers does, then rescale and normalize: the pixels a transformers
 *   image processor would hand the model.
 * - Float path (model.json without `resample`): alpha over the background,
 *   BT.601 grayscale or RGB in floating point, resize (bilinear, or area
 *   averaging when shrinking by more than 2×, which keeps a drawing pad's thin
 *   strokes), center crop, rescale, normalize.
 *
 * Both end in NCHW/NHWC float32 packing. Pure math, no decoding.
 */
import type { ImagePipeline } from './image-pipeline'
import { pilGray, pilResize, type ByteImage, type PilFilter } from './pil-resample'
import { orientBytes, pilResizeOriented, uprightSize, type ExifOrientation } from './pil-resample-oriented'

/** Decoded pixels, row-major: 4 bytes per pixel (RGBA), or 3 (opaque RGB) when `channels` is 3. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8Array | Uint8ClampedArray
  /**
   * 3 for opaque RGB straight from a JPEG decoder: a 12-megapixel photo then goes to the resampler
   * without a copy. Absent or 4: RGBA.
   */
  channels?: 3 | 4
  /**
   * The EXIF orientation still to apply when the pixels are as the camera stored them (2–8; absent or 1:
   * upright). Preprocessing turns the photo upright, after the resize where it can (see [Note: resizing
   * before the EXIF turn] in pil-resample-oriented.ts).
   */
  orientation?: ExifOrientation
}

/** A float image with `channels` interleaved values per pixel (HWC). */
export interface FloatImage {
  width: number
  height: number
  channels: number
  data: Float32Array
}

/** How the ONNX input wants the image. */
export interface ImageTensorLayout {
  layout: 'NCHW' | 'NHWC' | 'NHW' | 'flat'
  channels: 1 | 3
  height: number
  width: number
  /** Full input dims with batch 1. */
  dims: number[]
}

/**
 * Reads layout, channels and size from the ONNX input shape, falling back to
 * the configured size for symbolic dims.
 * @throws Error with a readable reason when the shape cannot be an image.
 */
export function imageLayoutFromShape(
  shape: Array<number | string | null>,
  fallback: { width?: number; height?: number; channels?: 1 | 3; layout?: 'NCHW' | 'NHWC'; meanLength?: number }
): ImageTensorLayout {
  const num = (d: number | string | null | undefined): number | null => (typeof d === 'number' && d > 0 ? d : null)
  const fromMean = fallback.meanLength === 3 ? 3 : fallback.meanLength === 1 ? 1 : null
  if (shape.length === 4) {
    const c1 = num(shape[1])
    const c3 = num(shape[3])
    let layout: 'NCHW' | 'NHWC'
    if (fallback.layout) layout = fallback.layout
    else if (c1 === 1 || c1 === 3) layout = 'NCHW'
    else if (c3 === 1 || c3 === 3) layout = 'NHWC'
    else layout = 'NCHW'
    const [cDim, hDim, wDim] = layout === 'NCHW' ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]]
    const c = num(cDim) ?? fallback.channels ?? fromMean ?? 3
    if (c !== 1 && c !== 3) throw new Error(`the image input has ${c} channels; demodeck feeds 1 (grayscale) or 3 (RGB)`)
    const h = num(hDim) ?? fallback.height
    const w = num(wDim) ?? fallback.width
    if (!h || !w) throw new Error('the image input has symbolic height/width and no size is configured')
    return { layout, channels: c, height: h, width: w, dims: layout === 'NCHW' ? [1, c, h, w] : [1, h, w, c] }
  }
  if (shape.length === 3) {
    const h = num(shape[1]) ?? fallback.height
    const w = num(shape[2]) ?? fallback.width
    if (!h || !w) throw new Error('the image input has symbolic height/width and no size is configured')
    return { layout: 'NHW', channels: 1, height: h, width: w, dims: [1, h, w] }
  }
  if (shape.length === 2) {
    const n = num(shape[1])
    const h = fallback.height
    const w = fallback.width
    const c = fallback.channels ?? fromMean ?? 1
    if (!h || !w) throw new Error('a flat image input (rank 2) needs the image width and height in model.json')
    if (n !== null && n !== h * w * c) {
      throw new Error(`the flat image input has ${n} values but ${w}×${h}×${c} = ${w * h * c} were configured`)
    }
    return { layout: 'flat', channels: c, height: h, width: w, dims: [1, h * w * c] }
  }
  throw new Error(`an image model's input must have rank 2, 3 or 4, not ${shape.length} (shape [${shape.join(', ')}])`)
}

/** Composites RGBA over the background and converts to 1 (luminance) or 3 channels, values 0–255. */
export function toChannels(image: RgbaImage, channels: 1 | 3, background: 'black' | 'white', invert = false): FloatImage {
  const { width, height, data } = image
  const stride = image.channels ?? 4
  const out = new Float32Array(width * height * channels)
  const bg = background === 'white' ? 255 : 0
  for (let p = 0; p < width * height; p++) {
    const a = stride === 4 ? data[p * 4 + 3]! / 255 : 1
    let r = data[p * stride]! * a + bg * (1 - a)
    let g = data[p * stride + 1]! * a + bg * (1 - a)
    let b = data[p * stride + 2]! * a + bg * (1 - a)
    if (invert) {
      r = 255 - r
      g = 255 - g
      b = 255 - b
    }
    if (channels === 1) out[p] = 0.299 * r + 0.587 * g + 0.114 * b
    else {
      out[p * 3] = r
      out[p * 3 + 1] = g
      out[p * 3 + 2] = b
    }
  }
  return { width, height, channels, data: out }
}

/** Bilinear resize with half-pixel centres (as PIL and torchvision do without antialias). */
export function resizeBilinear(src: FloatImage, width: number, height: number): FloatImage {
  const { channels: c } = src
  const out = new Float32Array(width * height * c)
  const sx = src.width / width
  const sy = src.height / height
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), src.height - 1)
    const y0 = Math.floor(fy)
    const y1 = Math.min(y0 + 1, src.height - 1)
    const wy = fy - y0
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), src.width - 1)
      const x0 = Math.floor(fx)
      const x1 = Math.min(x0 + 1, src.width - 1)
      const wx = fx - x0
      for (let k = 0; k < c; k++) {
        const a = src.data[(y0 * src.width + x0) * c + k]!
        const b = src.data[(y0 * src.width + x1) * c + k]!
        const d = src.data[(y1 * src.width + x0) * c + k]!
        const e = src.data[(y1 * src.width + x1) * c + k]!
        out[(y * width + x) * c + k] = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy
      }
    }
  }
  return { width, height, channels: c, data: out }
}

/** Area-averaging resize: each output pixel is the coverage-weighted mean of the source pixels under it. */
export function resizeArea(src: FloatImage, width: number, height: number): FloatImage {
  const { channels: c } = src
  const out = new Float32Array(width * height * c)
  const sx = src.width / width
  const sy = src.height / height
  const acc = new Float64Array(c)
  for (let y = 0; y < height; y++) {
    const top = y * sy
    const bottom = top + sy
    for (let x = 0; x < width; x++) {
      const left = x * sx
      const right = left + sx
      acc.fill(0)
      let total = 0
      for (let yy = Math.floor(top); yy < Math.min(Math.ceil(bottom), src.height); yy++) {
        const wy = Math.min(bottom, yy + 1) - Math.max(top, yy)
        if (wy <= 0) continue
        for (let xx = Math.floor(left); xx < Math.min(Math.ceil(right), src.width); xx++) {
          const wx = Math.min(right, xx + 1) - Math.max(left, xx)
          if (wx <= 0) continue
          const w = wx * wy
          total += w
          for (let k = 0; k < c; k++) acc[k]! += src.data[(yy * src.width + xx) * c + k]! * w
        }
      }
      for (let k = 0; k < c; k++) out[(y * width + x) * c + k] = total > 0 ? acc[k]! / total : 0
    }
  }
  return { width, height, channels: c, data: out }
}

/** Resizes with bilinear interpolation, or area averaging when either side shrinks by more than 2×. */
export function resize(src: FloatImage, width: number, height: number): FloatImage {
  if (src.width === width && src.height === height) return src
  if (src.width > 2 * width || src.height > 2 * height) return resizeArea(src, width, height)
  return resizeBilinear(src, width, height)
}

/** Cuts the centred width×height window; pads with `fill` where the image is smaller. */
export function centerCrop(src: FloatImage, width: number, height: number, fill = 0): FloatImage {
  if (src.width === width && src.height === height) return src
  const { channels: c } = src
  const out = new Float32Array(width * height * c).fill(fill)
  // Same rounding as torchvision's center_crop: offset = round((in - out) / 2).
  const ox = Math.round((src.width - width) / 2)
  const oy = Math.round((src.height - height) / 2)
  copyWindow(src, out, width, height, ox, oy)
  return { width, height, channels: c, data: out }
}

/**
 * Copies the width×height window of `src` whose top-left corner is (ox, oy) into `out` (HWC, same
 * channels); parts of the window outside the source keep what `out` holds (the padding).
 */
function copyWindow(
  src: { width: number; height: number; channels: number; data: ArrayLike<number> },
  out: { [i: number]: number },
  width: number,
  height: number,
  ox: number,
  oy: number
): void {
  const c = src.channels
  for (let y = 0; y < height; y++) {
    const sy = y + oy
    if (sy < 0 || sy >= src.height) continue
    for (let x = 0; x < width; x++) {
      const sx = x + ox
      if (sx < 0 || sx >= src.width) continue
      for (let k = 0; k < c; k++) out[(y * width + x) * c + k] = src.data[(sy * src.width + sx) * c + k]!
    }
  }
}

/** Picks the per-channel value, broadcasting a single value and averaging RGB stats for a grayscale model. */
function perChannel(values: number[], channels: number, k: number): number {
  if (values.length === channels) return values[k]!
  if (values.length === 1) return values[0]!
  if (channels === 1) return values.reduce((a, b) => a + b, 0) / values.length
  throw new Error(`mean/std have ${values.length} values but the model has ${channels} channels`)
}

/**
 * Composites RGBA over the background and rounds to 8-bit RGB, what Pillow sees once the image is
 * RGB (optionally inverted); a grayscale model gets PIL's "L" conversion of that.
 */
export function toBytes(image: RgbaImage, channels: 1 | 3, background: 'black' | 'white', invert = false): ByteImage {
  const { width, height, data } = image
  const pixels = width * height
  if (image.channels === 3) {
    const opaque: ByteImage = { width, height, channels: 3, data: invert ? data.map((v) => 255 - v) as Uint8Array : (data as Uint8Array) }
    return channels === 1 ? pilGray(opaque) : opaque
  }
  const rgb = new Uint8Array(pixels * 3)
  const bg = background === 'white' ? 255 : 0
  const flip = invert ? 255 : 0
  // One pass without inner loops or rounding for opaque pixels: a 12-megapixel photo crosses here.
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
    const a = data[i + 3]!
    if (a === 255) {
      rgb[o] = data[i]! ^ flip
      rgb[o + 1] = data[i + 1]! ^ flip
      rgb[o + 2] = data[i + 2]! ^ flip
    } else {
      rgb[o] = Math.round((data[i]! * a + bg * (255 - a)) / 255) ^ flip
      rgb[o + 1] = Math.round((data[i + 1]! * a + bg * (255 - a)) / 255) ^ flip
      rgb[o + 2] = Math.round((data[i + 2]! * a + bg * (255 - a)) / 255) ^ flip
    }
  }
  const out: ByteImage = { width, height, channels: 3, data: rgb }
  return channels === 1 ? pilGray(out) : out
}

/**
 * Output size of transformers' shortest-edge resize (`get_resize_output_image_size` with
 * default_to_square=False): the short side becomes `size`, the long side int(size · long / short).
 */
export function shortestEdgeSize(width: number, height: number, size: number): { width: number; height: number } {
  const long = Math.max(1, Math.floor((size * Math.max(width, height)) / Math.min(width, height)))
  return width <= height ? { width: size, height: long } : { width: long, height: size }
}

/**
 * Center crop as transformers does: offset floor((in − out) / 2) on each axis; where the image is
 * smaller than the crop it is padded with zeros (black), as transformers pads.
 */
export function centerCropBytes(src: ByteImage, width: number, height: number, offset: 'floor' | 'round' = 'floor'): ByteImage {
  if (src.width === width && src.height === height) return src
  const c = src.channels
  const out = new Uint8Array(width * height * c)
  const at = offset === 'round' ? roundHalfEven : Math.floor
  const ox = at((src.width - width) / 2)
  const oy = at((src.height - height) / 2)
  copyWindow(src, out, width, height, ox, oy)
  return { width, height, channels: c, data: out }
}

/** Python 3's round(): halves go to the even neighbour (torchvision's CenterCrop offset: round(2.5) = 2). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** The image turned upright by its `orientation` (a copy), or the image itself when it is upright. */
export function uprightImage(image: RgbaImage): RgbaImage {
  const orientation = image.orientation ?? 1
  if (orientation === 1) return image
  const { data } = image
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length)
  const up = orientBytes({ width: image.width, height: image.height, channels: image.channels ?? 4, data: bytes }, orientation)
  return { width: up.width, height: up.height, data: up.data, ...(image.channels === 3 ? { channels: 3 as const } : {}) }
}

/** The PIL path up to the 8-bit pixels the model's rescale/normalize sees (see the file comment). */
export function pilPixels(image: RgbaImage, pipeline: ImagePipeline, layout: ImageTensorLayout, resample: PilFilter): ByteImage {
  // Colour steps are per pixel, so they run on the stored pixels; the EXIF turn waits for the resize.
  let img = toBytes(image, layout.channels, pipeline.background, pipeline.invert)
  const orientation = image.orientation ?? 1
  const up = uprightSize(img.width, img.height, orientation)
  const resizeSpec = pipeline.resize
  if (resizeSpec?.mode === 'stretch') img = pilResizeOriented(img, orientation, resizeSpec.width, resizeSpec.height, resample)
  else if (resizeSpec?.mode === 'shortest-edge') {
    const size = shortestEdgeSize(up.width, up.height, resizeSpec.size)
    img = pilResizeOriented(img, orientation, size.width, size.height, resample)
  } else img = orientBytes(img, orientation)
  if (pipeline.crop) img = centerCropBytes(img, pipeline.crop.width, pipeline.crop.height, pipeline.cropOffset)
  // The model's input size wins over the config: a final resize keeps a mis-sized config from crashing.
  if (img.width !== layout.width || img.height !== layout.height) img = pilResize(img, layout.width, layout.height, resample)
  return img
}

/**
 * Runs the whole pipeline and packs the tensor data for the given layout.
 * @returns float32 data whose length is the product of `layout.dims`.
 */
export function preprocessImage(image: RgbaImage, pipeline: ImagePipeline, layout: ImageTensorLayout): Float32Array {
  if (image.width < 1 || image.height < 1) throw new Error('the image is empty')
  if (pipeline.resample !== undefined) {
    const img = pilPixels(image, pipeline, layout, pipeline.resample)
    return pack(img.data, img.width, img.height, pipeline, layout)
  }
  let img = toChannels(uprightImage(image), layout.channels, pipeline.background, pipeline.invert)
  const resizeSpec = pipeline.resize
  if (resizeSpec?.mode === 'stretch') img = resize(img, resizeSpec.width, resizeSpec.height)
  else if (resizeSpec?.mode === 'shortest-edge') {
    const k = resizeSpec.size / Math.min(img.width, img.height)
    img = resize(img, Math.max(1, Math.round(img.width * k)), Math.max(1, Math.round(img.height * k)))
  }
  if (pipeline.crop) img = centerCrop(img, pipeline.crop.width, pipeline.crop.height, pipeline.background === 'white' ? 255 : 0)
  // The model's input size wins over the config: a final stretch keeps a mis-sized config from crashing.
  if (img.width !== layout.width || img.height !== layout.height) img = resize(img, layout.width, layout.height)
  return pack(img.data, img.width, img.height, pipeline, layout)
}

/** The tensor data of 8-bit pixels already resized and cropped (a reference.json `stages.pixels` image). */
export function packPixels(img: ByteImage, pipeline: ImagePipeline, layout: ImageTensorLayout): Float32Array {
  if (img.channels !== layout.channels) throw new Error(`the image has ${img.channels} channels, the model ${layout.channels}`)
  return pack(img.data, img.width, img.height, pipeline, layout)
}

/** Rescales, normalizes and packs interleaved 0–255 pixels (layout.channels per pixel) into the tensor layout. */
function pack(data: ArrayLike<number>, width: number, height: number, pipeline: ImagePipeline, layout: ImageTensorLayout): Float32Array {
  const c = layout.channels
  const out = new Float32Array(width * height * c)
  const mean = pipeline.mean
  const std = pipeline.std
  for (let k = 0; k < c; k++) {
    const m = mean ? perChannel(mean, c, k) : 0
    const s = std ? perChannel(std, c, k) : 1
    for (let p = 0; p < width * height; p++) {
      const v = (data[p * c + k]! * pipeline.scale - m) / s
      const index = layout.layout === 'NCHW' ? k * width * height + p : p * c + k
      out[index] = v
    }
  }
  return out
}
