/**
 * Image perturbations of the robustness probe: Gaussian noise, blur,
 * brightness, contrast loss, rotation and an occlusion patch, on 8-bit pixels
 * (1 or 3 channels). JPEG compression needs a codec and is done by the host
 * (see src/host/probe/probe-runner.ts).
 *
 * [Note: perturbing what the model sees]
 * The probe perturbs the image at the model's input size — after the model's
 * own resize and crop, before rescaling and normalisation — as ImageNet-C
 * applies its corruptions to 224×224 crops. A strength then means the same
 * thing on a 12-megapixel photo and on a drawn 64×64 digit (noise added to a
 * big photo would be averaged away by the resize to 8×8 or 224×224), and a
 * sweep costs the same whatever the photo's size.
 */
import { createRng, mixSeed } from './prng'

/** 8-bit pixels, `channels` interleaved values per pixel (1: grey, 3: RGB). */
export interface Pixels {
  width: number
  height: number
  channels: number
  data: Uint8ClampedArray | Uint8Array
}

/** A perturbation prepared for one image and seed: call it with a strength. */
export type PreparedImagePerturbation = (strength: number) => Pixels

/**
 * Prepares `perturbation` for `image`: the random draws (the noise field, the patch's place) are made
 * once, so every strength of a sweep reuses them (see [Note: nested perturbations] in text.ts).
 */
export function prepareImagePerturbation(image: Pixels, perturbation: string, seed: number): PreparedImagePerturbation {
  const rng = createRng(mixSeed(seed, perturbation))
  const { width, height, channels, data } = image
  const copy = (): Pixels => ({ width, height, channels, data: new Uint8ClampedArray(data) })
  const map = (f: (value: number) => number): Pixels => {
    const out = copy()
    for (let i = 0; i < out.data.length; i++) out.data[i] = Math.round(f(data[i]!))
    return out
  }
  switch (perturbation) {
    case 'gaussian-noise': {
      const field = new Float32Array(data.length)
      for (let i = 0; i < field.length; i++) field[i] = rng.normal()
      return (s) => {
        const out = copy()
        if (s === 0) return out
        for (let i = 0; i < out.data.length; i++) out.data[i] = Math.round(data[i]! + s * 255 * field[i]!)
        return out
      }
    }
    case 'blur':
      return (s) => (s === 0 ? copy() : gaussianBlur(image, (s / 100) * Math.min(width, height)))
    case 'brightness':
      return (s) => map((v) => v + s * 255)
    case 'contrast': {
      const mean = meanGrey(image)
      return (s) => map((v) => mean + (v - mean) * (1 - s))
    }
    case 'rotation': {
      const fill = borderColour(image)
      return (s) => (s === 0 ? copy() : rotate(image, s, fill))
    }
    case 'occlusion': {
      const fill = borderColour(image)
      const cx = rng.next() * width
      const cy = rng.next() * height
      return (s) => {
        const out = copy()
        const half = (s * Math.min(width, height)) / 2
        if (half <= 0) return out
        const x0 = Math.max(0, Math.round(cx - half))
        const x1 = Math.min(width, Math.round(cx + half))
        const y0 = Math.max(0, Math.round(cy - half))
        const y1 = Math.min(height, Math.round(cy + half))
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) out.data.set(fill, (y * width + x) * channels)
        }
        return out
      }
    }
    default:
      throw new Error(`"${perturbation}" is not a pixel perturbation`)
  }
}

/** Mean grey of the image (ITU-R 601 luma for RGB, as Pillow's "L" conversion). */
function meanGrey(image: Pixels): number {
  const { data, channels } = image
  let sum = 0
  for (let p = 0; p < data.length; p += channels) {
    sum += channels >= 3 ? (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000 : data[p]!
  }
  return sum / Math.max(1, data.length / channels)
}

/** Mean colour of the one-pixel border: what "background" looks like for this image. */
export function borderColour(image: Pixels): number[] {
  const { width, height, channels, data } = image
  const sum = new Array<number>(channels).fill(0)
  let n = 0
  const add = (x: number, y: number): void => {
    const p = (y * width + x) * channels
    for (let c = 0; c < channels; c++) sum[c]! += data[p + c]!
    n++
  }
  for (let x = 0; x < width; x++) {
    add(x, 0)
    if (height > 1) add(x, height - 1)
  }
  for (let y = 1; y < height - 1; y++) {
    add(0, y)
    if (width > 1) add(width - 1, y)
  }
  return sum.map((v) => Math.round(v / n))
}

/** Rotates by `degrees` about the centre (bilinear), corners filled with `fill`. */
function rotate(image: Pixels, degrees: number, fill: number[]): Pixels {
  const { width, height, channels, data } = image
  const out = new Uint8ClampedArray(data.length)
  const angle = (degrees * Math.PI) / 180
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const cx = width / 2
  const cy = height / 2
  const sample = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? fill[c]! : data[(y * width + x) * channels + c]!
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse mapping: where in the source does this output pixel come from?
      const dx = x + 0.5 - cx
      const dy = y + 0.5 - cy
      const sx = cos * dx - sin * dy + cx - 0.5
      const sy = sin * dx + cos * dy + cy - 0.5
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      const fx = sx - x0
      const fy = sy - y0
      const p = (y * width + x) * channels
      for (let c = 0; c < channels; c++) {
        const top = sample(x0, y0, c) * (1 - fx) + sample(x0 + 1, y0, c) * fx
        const bottom = sample(x0, y0 + 1, c) * (1 - fx) + sample(x0 + 1, y0 + 1, c) * fx
        out[p + c] = Math.round(top * (1 - fy) + bottom * fy)
      }
    }
  }
  return { width, height, channels, data: out }
}

/**
 * Gaussian blur by three box blurs per axis (the standard linear-time approximation: exact enough for a
 * probe, and independent of σ, where a true kernel would cost 6σ taps per pixel).
 */
function gaussianBlur(image: Pixels, sigma: number): Pixels {
  const { width, height, channels, data } = image
  const a = Float32Array.from(data)
  const b = new Float32Array(data.length)
  if (sigma < EXACT_BELOW) {
    // Below a few pixels the boxes round to nothing: a true kernel is cheap there.
    const kernel = gaussianKernel(sigma)
    convolvePass(a, b, width, height, channels, kernel, true)
    convolvePass(b, a, width, height, channels, kernel, false)
  } else {
    for (const r of boxRadii(sigma)) {
      if (r === 0) continue
      boxPass(a, b, width, height, channels, r, true)
      boxPass(b, a, width, height, channels, r, false)
    }
  }
  const out = new Uint8ClampedArray(data.length)
  for (let i = 0; i < out.length; i++) out[i] = Math.round(a[i]!)
  return { width, height, channels, data: out }
}

/** σ (px) under which the blur uses a true Gaussian kernel. */
const EXACT_BELOW = 3

/** A normalised Gaussian kernel of radius ⌈3σ⌉. */
function gaussianKernel(sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(3 * sigma))
  const k = new Float32Array(2 * r + 1)
  let sum = 0
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma))
  for (let i = 0; i < k.length; i++) k[i]! /= sum
  return k
}

/** One convolution with `kernel` along rows or columns, edges clamped. */
function convolvePass(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  channels: number,
  kernel: Float32Array,
  horizontal: boolean
): void {
  const r = (kernel.length - 1) / 2
  const lines = horizontal ? height : width
  const length = horizontal ? width : height
  const stride = horizontal ? channels : width * channels
  const lineStep = horizontal ? width * channels : channels
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep
    for (let i = 0; i < length; i++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0
        for (let k = -r; k <= r; k++) sum += kernel[k + r]! * src[base + Math.min(length - 1, Math.max(0, i + k)) * stride + c]!
        dst[base + i * stride + c] = sum
      }
    }
  }
}

/** Radii of three box filters whose sum approximates a Gaussian of `sigma` (W. M. Wells, 1986). */
function boxRadii(sigma: number): number[] {
  const n = 3
  const ideal = Math.sqrt((12 * sigma * sigma) / n + 1)
  let lower = Math.floor(ideal)
  if (lower % 2 === 0) lower--
  const upper = lower + 2
  const m = Math.round((12 * sigma * sigma - n * lower * lower - 4 * n * lower - 3 * n) / (-4 * lower - 4))
  return Array.from({ length: n }, (_, i) => ((i < m ? lower : upper) - 1) / 2)
}

/** One box blur of radius r along rows (horizontal) or columns, edges clamped. */
function boxPass(src: Float32Array, dst: Float32Array, width: number, height: number, channels: number, r: number, horizontal: boolean): void {
  const lines = horizontal ? height : width
  const length = horizontal ? width : height
  const stride = horizontal ? channels : width * channels
  const lineStep = horizontal ? width * channels : channels
  const norm = 1 / (2 * r + 1)
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep
    for (let c = 0; c < channels; c++) {
      const at = (i: number): number => src[base + Math.min(length - 1, Math.max(0, i)) * stride + c]!
      let sum = 0
      for (let i = -r; i <= r; i++) sum += at(i)
      for (let i = 0; i < length; i++) {
        dst[base + i * stride + c] = sum * norm
        sum += at(i + r + 1) - at(i - r)
      }
    }
  }
}
