/**
 * EXIF orientation of JPEG photos.
 *
 * Phones store photos in the sensor's orientation and record how to turn
 * them in the EXIF Orientation tag (0x0112). Browsers apply it when they show
 * the photo, so the demo's preview is upright; the model must see the same
 * upright pixels, or a sideways photo gets a sideways prediction. We read the
 * tag from the APP1 "Exif" segment's TIFF IFD0 and turn the decoded pixels.
 */
import type { RgbaImage } from './image'
import { jpegSegments, SOS } from './jpeg-segments'

/** EXIF orientation, 1 (as stored) to 8. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

const ORIENTATION_TAG = 0x0112

/**
 * The Orientation tag of a JPEG file, or 1 when there is none or the EXIF
 * data is unreadable (a broken EXIF block never stops a prediction).
 */
export function jpegOrientation(bytes: Uint8Array): Orientation {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (const { marker, start, end } of jpegSegments(bytes)) {
    if (marker === SOS) break // metadata segments all come before the image data
    if (marker === 0xe1 && end - start >= 14 && ascii(bytes, start, 6) === 'Exif\0\0') {
      const found = tiffOrientation(view, start + 6, end)
      if (found !== null) return found
    }
  }
  return 1
}

function ascii(bytes: Uint8Array, from: number, count: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + count))
}

/** Orientation from a TIFF header at `tiff` (byte order, magic 42, IFD0 offset), or null. */
function tiffOrientation(view: DataView, tiff: number, end: number): Orientation | null {
  const order = view.getUint16(tiff)
  const little = order === 0x4949 // "II"
  if (!little && order !== 0x4d4d) return null // "MM"
  if (view.getUint16(tiff + 2, little) !== 42) return null
  const ifd = tiff + view.getUint32(tiff + 4, little)
  if (ifd + 2 > end) return null
  const count = view.getUint16(ifd, little)
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12
    if (entry + 12 > end) return null
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue
    const type = view.getUint16(entry + 2, little)
    if (type !== 3) return null // SHORT
    const value = view.getUint16(entry + 8, little)
    return value >= 1 && value <= 8 ? (value as Orientation) : null
  }
  return null
}

/** The image as it is meant to be seen: `orientation` applied to the stored pixels. */
export function applyOrientation(image: RgbaImage, orientation: Orientation): RgbaImage {
  if (orientation === 1) return image
  const { width: w, height: h, data } = image
  const swap = orientation >= 5
  const outW = swap ? h : w
  const outH = swap ? w : h
  const out = new Uint8Array(outW * outH * 4)
  for (let sy = 0; sy < h; sy++) {
    for (let sx = 0; sx < w; sx++) {
      let dx: number
      let dy: number
      switch (orientation) {
        case 2: dx = w - 1 - sx; dy = sy; break // mirrored
        case 3: dx = w - 1 - sx; dy = h - 1 - sy; break // 180°
        case 4: dx = sx; dy = h - 1 - sy; break // flipped
        case 5: dx = sy; dy = sx; break // transposed
        case 6: dx = h - 1 - sy; dy = sx; break // 90° clockwise
        case 7: dx = h - 1 - sy; dy = w - 1 - sx; break // transversed
        default: dx = sy; dy = w - 1 - sx // 8: 90° counter-clockwise
      }
      const s = (sy * w + sx) * 4
      const d = (dy * outW + dx) * 4
      out[d] = data[s]!
      out[d + 1] = data[s + 1]!
      out[d + 2] = data[s + 2]!
      out[d + 3] = data[s + 3]!
    }
  }
  return { width: outW, height: outH, data: out }
}
