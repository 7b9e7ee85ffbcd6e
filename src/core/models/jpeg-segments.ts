/**
 * Walks the marker segments at the head of a JPEG file (SOI, APPn, DQT, SOFn,
 * …) up to the first scan. Shared by the size sniffer and the EXIF reader.
 */

/** One marker segment: `offset` is its 0xFF byte, the payload is `start`..`end` (clipped to the file). */
export interface JpegSegment {
  marker: number
  offset: number
  start: number
  end: number
}

/** Start of scan: the entropy-coded image data follows, no more headers. */
export const SOS = 0xda

/**
 * The segments in file order, ending after SOS, at the first byte that is not
 * a marker, or where the file is cut short. Yields nothing for non-JPEG bytes.
 */
export function* jpegSegments(bytes: Uint8Array): Generator<JpegSegment, void, undefined> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let i = 2
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return
    const marker = bytes[i + 1]!
    if (marker === 0xff) {
      i++ // fill byte
      continue
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2 // markers without a length
      continue
    }
    const length = view.getUint16(i + 2)
    if (length < 2) return
    yield { marker, offset: i, start: i + 4, end: Math.min(bytes.length, i + 2 + length) }
    if (marker === SOS) return
    i += 2 + length
  }
}
