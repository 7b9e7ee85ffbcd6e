/**
 * Decodes a PNG or JPEG sent as base64 (optionally a `data:` URL) into RGBA
 * pixels (JPEG photos turned upright by their EXIF orientation). The size is read from the file header first, so a 12000×12000 image
 * is refused with a readable message before a single pixel is allocated.
 */
import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'
import { ApiError } from '../../shared/api'
import { applyOrientation, jpegOrientation } from '../../core/models/exif'
import { jpegSegments } from '../../core/models/jpeg-segments'
import type { RgbaImage } from '../../core/models/image'

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

/**
 * Decodes PNG/JPEG bytes to RGBA after checking the header's size.
 * @throws ApiError bad_request (not an image, corrupt), too_large (over the limits).
 */
export function decodeImage(bytes: Uint8Array): RgbaImage {
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
    const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 + 1, maxMemoryUsageInMB: 256 })
    // Upright, as the browser shows the photo in the demo (see core/models/exif.ts).
    return applyOrientation({ width: decoded.width, height: decoded.height, data: decoded.data }, jpegOrientation(bytes))
  } catch (error) {
    throw new ApiError('bad_request', `the ${head.format.toUpperCase()} image is corrupt: ${(error as Error).message}`)
  }
}

/** base64 / data URL → RGBA, with every check above. */
export function decodeImageInput(input: string): RgbaImage {
  return decodeImage(base64Bytes(input))
}

/**
 * True for an image file name relative to a model folder ("white.png",
 * "examples/0.png"): no absolute paths, no "..", png/jpeg only. Base64 never
 * matches: it has no dot before a png/jpg extension.
 */
export function isImageFileName(value: string): boolean {
  return /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.(png|jpe?g)$/i.test(value) && !value.split('/').includes('..')
}
