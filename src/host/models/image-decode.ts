/**
 * Decodes a PNG or JPEG sent as base64 (optionally a `data:` URL) into RGBA
 * pixels (JPEG photos turned upright by their EXIF orientation, or left as
 * stored with the orientation beside them for preprocessing). The size is
 * read from the file header first, so a 12000×12000 image is refused with a
 * readable message before a single pixel is allocated.
 *
 * [Note: JPEG pixels identical to Pillow]
 * PyTorch users decode photos with Pillow, which is built on libjpeg-turbo
 * (islow DCT, fancy upsampling). A pure-JavaScript decoder differs from it at
 * edges and in chroma upsampling by up to ~35/255, enough to change a
 * prediction. `sharp` (libvips over mozjpeg's libjpeg-turbo decoder, prebuilt
 * binaries from npm) decodes to the same bytes as Pillow 9.4: baseline and
 * progressive, every chroma subsampling, grayscale. CMYK JPEGs are read as raw
 * (Adobe-uninverted) CMYK and converted with Pillow's own `cmyk2rgb` formula
 * rather than libvips' ICC transform, because that is what
 * `Image.convert("RGB")` does. tests/unit/host/models/jpeg-pillow.test.ts
 * proves it byte for byte on a corpus Pillow writes.
 */
import { PNG } from 'pngjs'
import type { Sharp, SharpOptions } from 'sharp'
import { ApiError } from '../../shared/api'
import { jpegSegments } from '../../core/models/jpeg-segments'
import { uprightImage, type RgbaImage } from '../../core/models/image'
import { isExifOrientation } from '../../core/models/pil-resample-oriented'

/** Largest accepted side, in pixels. */
export const MAX_IMAGE_SIDE = 4096
/** Largest accepted image, in pixels (16 MP → 64 MiB of RGBA). */
export const MAX_IMAGE_PIXELS = 16_777_216
/** Largest accepted encoded payload, in base64 characters (~15 MiB of bytes). */
export const MAX_IMAGE_BASE64 = 20_000_000

/** Image format and size from the first bytes, or null when the bytes are neither PNG nor JPEG. */
export function sniffImage(bytes: Uint8Array): { format: 'png' | 'jpeg'; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    // The first chunk must be IHDR: width and height are its first two uint32s.
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) }
  }
  for (const { marker, offset } of jpegSegments(bytes)) {
    // SOF0…SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return null
      return { format: 'jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) }
    }
  }
  return null
}

/** Strips a `data:image/…;base64,` prefix and decodes base64 to bytes. */
export function base64Bytes(input: string): Uint8Array {
  const comma = input.startsWith('data:') ? input.indexOf(',') : -1
  if (input.startsWith('data:') && (comma < 0 || !input.slice(0, comma).includes(';base64'))) {
    throw new ApiError('bad_request', 'the image data URL must be base64-encoded (data:image/png;base64,…)')
  }
  const body = (comma >= 0 ? input.slice(comma + 1) : input).replace(/\s+/g, '')
  if (body.length > MAX_IMAGE_BASE64) {
    throw new ApiError('too_large', `the image is too large to send (${Math.round((body.length * 3) / 4 / 1e6)} MB); the limit is ${Math.round((MAX_IMAGE_BASE64 * 3) / 4 / 1e6)} MB`)
  }
  if (body.length === 0 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) {
    throw new ApiError('bad_request', 'the image is not valid base64; send a PNG or JPEG as base64 or a data: URL')
  }
  return new Uint8Array(Buffer.from(body, 'base64'))
}

type SharpFactory = (input: Buffer, options: SharpOptions) => Sharp
let sharpModule: Promise<SharpFactory> | null = null

/**
 * sharp (libvips) loaded on the first JPEG, not when the worker starts: a text model's worker never pays for
 * it. One decode at a time per worker, no libvips cache: the worker decodes a photo per request.
 */
function loadSharp(): Promise<SharpFactory> {
  sharpModule ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false)
    sharp.concurrency(1)
    return sharp as unknown as SharpFactory
  })
  return sharpModule
}

/** Pillow's `cmyk2rgb` (Convert.c): c' = (255 − k) − c·(255 − k)/255 with its rounding MULDIV255. */
function cmykToRgba(cmyk: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 4)
  for (let p = 0; p < pixels; p++) {
    const nk = 255 - cmyk[p * 4 + 3]!
    for (let k = 0; k < 3; k++) {
      const t = cmyk[p * 4 + k]! * nk + 128
      out[p * 4 + k] = nk - (((t >> 8) + t) >> 8)
    }
    out[p * 4 + 3] = 255
  }
  return out
}

/** Spreads 1 (gray), 2 (gray + alpha) or 3 (RGB) interleaved channels to RGBA. */
function toRgba(data: Uint8Array, pixels: number, channels: number): Uint8Array {
  if (channels === 4) return data
  const out = new Uint8Array(pixels * 4)
  for (let p = 0; p < pixels; p++) {
    const s = p * channels
    out[p * 4] = data[s]!
    out[p * 4 + 1] = data[channels >= 3 ? s + 1 : s]!
    out[p * 4 + 2] = data[channels >= 3 ? s + 2 : s]!
    out[p * 4 + 3] = channels === 2 ? data[s + 1]! : 255
  }
  return out
}

const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/** How a caller wants a JPEG's EXIF orientation handled. */
export interface DecodeOptions {
  /**
   * true (default): turn the photo upright. false: keep the pixels as stored and return the EXIF orientation
   * in `orientation`, for preprocessing that resizes before it turns (see [Note: resizing before the EXIF turn]
   * in core/models/pil-resample-oriented.ts): a 12-megapixel photo then never exists upright at full size.
   */
  upright?: boolean
}

/**
 * JPEG bytes → RGBA exactly as Pillow's `Image.open(f).convert("RGB")` (see the note above), and turned
 * upright like `ImageOps.exif_transpose` unless the caller asks for the stored pixels. The turn is a pixel
 * permutation in JavaScript (orientBytes), not libvips' autoOrient: that is a second full-size image in
 * libvips plus its copy, which the stored-pixel path exists to avoid.
 */
async function decodeJpeg(bytes: Uint8Array, upright: boolean): Promise<RgbaImage> {
  const sharp = await loadSharp()
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const options: SharpOptions = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }
  const meta = await sharp(input, options).metadata()
  const orientation = isExifOrientation(meta.orientation) ? meta.orientation : 1
  let image: RgbaImage
  if (meta.space === 'cmyk') {
    // Raw CMYK (libvips undoes Adobe's inversion, as Pillow's "CMYK;I" raw mode does), no ICC transform.
    const { data, info } = await sharp(input, options).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true })
    image = { width: info.width, height: info.height, data: cmykToRgba(bytesOf(data), info.width * info.height) }
  } else {
    const { data, info } = await sharp(input, options).raw().toBuffer({ resolveWithObject: true })
    // Opaque RGB goes on as 3 channels (no 48 MB RGBA copy of a 12 MP photo); gray is spread in JavaScript
    // because libvips' b-w → sRGB is a colour transform, not Pillow's plain replication.
    image =
      info.channels === 3
        ? { width: info.width, height: info.height, data: bytesOf(data), channels: 3 }
        : { width: info.width, height: info.height, data: toRgba(bytesOf(data), info.width * info.height, info.channels) }
  }
  if (orientation === 1) return image
  return upright ? uprightImage({ ...image, orientation }) : { ...image, orientation }
}

/**
 * Decodes PNG/JPEG bytes to RGBA after checking the header's size.
 * @throws ApiError bad_request (not an image, corrupt), too_large (over the limits).
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<RgbaImage> {
  const head = sniffImage(bytes)
  if (!head) throw new ApiError('bad_request', 'the data is not a PNG or JPEG image')
  const { width, height } = head
  if (width < 1 || height < 1) throw new ApiError('bad_request', `the ${head.format.toUpperCase()} header says the image is ${width}×${height}`)
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new ApiError('too_large', `the image is ${width}×${height} pixels; the limit is ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE}. Send a smaller image`)
  }
  try {
    if (head.format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) }
    }
    // Upright by default, as the browser shows the photo in the demo.
    return await decodeJpeg(bytes, options.upright ?? true)
  } catch (error) {
    const reason = ((error as Error).message.split('\n')[0] ?? '').replace(/^(Input buffer has corrupt header: )?(VipsJpeg: )?/, '')
    throw new ApiError('bad_request', `the ${head.format.toUpperCase()} image is corrupt: ${reason}`)
  }
}

/** base64 / data URL → RGBA, with every check above. */
export function decodeImageInput(input: string, options: DecodeOptions = {}): Promise<RgbaImage> {
  return decodeImage(base64Bytes(input), options)
}

/**
 * True for an image file name relative to a model folder ("white.png",
 * "examples/0.png"): no absolute paths, no "..", png/jpeg only. Base64 never
 * matches: it has no dot before a png/jpg extension.
 */
export function isImageFileName(value: string): boolean {
  return /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.(png|jpe?g)$/i.test(value) && !value.split('/').includes('..')
}
