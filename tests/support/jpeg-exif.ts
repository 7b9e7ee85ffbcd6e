/** Test images: JPEGs carrying an EXIF Orientation tag, built byte by byte. */
import jpeg from 'jpeg-js'

/**
 * A JPEG (left half black, right half white) with an APP1 Exif segment holding
 * `orientation` in IFD0, in the given byte order.
 */
export function jpegWithOrientation(orientation: number, order: 'II' | 'MM' = 'II', width = 16, height = 8): Uint8Array {
  const data = Buffer.alloc(width * height * 4, 255)
  for (let y = 0; y < height; y++) for (let x = 0; x < width / 2; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
  const plain = jpeg.encode({ width, height, data }, 95).data
  const little = order === 'II'
  const tiff = Buffer.alloc(8 + 2 + 12 + 4)
  tiff.write(order, 0, 'latin1')
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at))
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at))
  u16(42, 2)
  u32(8, 4)
  u16(1, 8) // one entry
  u16(0x0112, 10) // Orientation
  u16(3, 12) // SHORT
  u32(1, 14) // count
  u16(orientation, 18)
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const app1 = Buffer.alloc(4)
  app1[0] = 0xff
  app1[1] = 0xe1
  app1.writeUInt16BE(body.length + 2, 2)
  return new Uint8Array(Buffer.concat([plain.subarray(0, 2), app1, body, plain.subarray(2)]))
}
