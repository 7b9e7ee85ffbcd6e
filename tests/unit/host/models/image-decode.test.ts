/** PNG/JPEG decoding with the size checked from the header first. */
import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'
import { ApiError } from '../../../../src/shared/api'
import { jpegWithOrientation } from '../../../support/jpeg-exif'
import { base64Bytes, decodeImage, decodeImageInput, isImageFileName, sniffImage } from '../../../../src/host/models/image-decode'

function pngBytes(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) png.data.set(rgba, i * 4)
  return PNG.sync.write(png)
}
function jpegBytes(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 200)
  return jpeg.encode({ width, height, data }, 90).data
}
async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn()
  } catch (e) {
    return `${(e as ApiError).code}: ${(e as ApiError).message}`
  }
  return 'no error'
}

describe('sniffImage', () => {
  it('reads PNG and JPEG sizes from the header', async () => {
    expect(sniffImage(pngBytes(7, 3, [0, 0, 0, 255]))).toEqual({ format: 'png', width: 7, height: 3 })
    expect(sniffImage(jpegBytes(9, 5))).toEqual({ format: 'jpeg', width: 9, height: 5 })
    expect(sniffImage(new TextEncoder().encode('hello world, not an image'))).toBeNull()
  })
})

describe('decodeImage', () => {
  it('decodes PNG to RGBA', async () => {
    const img = await decodeImage(pngBytes(2, 2, [10, 20, 30, 255]))
    expect([img.width, img.height]).toEqual([2, 2])
    expect(Array.from(img.data.slice(0, 4))).toEqual([10, 20, 30, 255])
  })
  it('decodes JPEG to RGBA', async () => {
    const img = await decodeImage(jpegBytes(8, 8))
    // Opaque RGB from the JPEG decoder: 3 bytes per pixel.
    expect([img.width, img.height, img.channels, img.data.length]).toEqual([8, 8, 3, 192])
    expect(Math.abs(img.data[0]! - 200)).toBeLessThan(4)
  })
  it('refuses a 12000×12000 PNG from its header alone (413)', async () => {
    const head = pngBytes(1, 1, [0, 0, 0, 255]).subarray(0, 33)
    head.writeUInt32BE(12000, 16)
    head.writeUInt32BE(12000, 20)
    expect(await codeOf(() => decodeImage(head))).toMatch(/^too_large: the image is 12000×12000 pixels/)
  })
  it('refuses a 12000×12000 JPEG from its SOF marker (413)', async () => {
    const bytes = Buffer.from(jpegBytes(8, 8))
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]))
    bytes.writeUInt16BE(12000, sof + 5)
    bytes.writeUInt16BE(12000, sof + 7)
    expect(await codeOf(() => decodeImage(bytes))).toMatch(/^too_large: .*12000×12000/)
  })
  it('refuses non-images and corrupt images (400)', async () => {
    expect(await codeOf(() => decodeImage(new TextEncoder().encode('just text')))).toBe('bad_request: the data is not a PNG or JPEG image')
    const corrupt = pngBytes(4, 4, [1, 2, 3, 255]).subarray(0, 40)
    expect(await codeOf(() => decodeImage(corrupt))).toMatch(/^bad_request: the PNG image is corrupt/)
  })
})

describe('base64 input', () => {
  it('accepts plain base64 and data URLs', async () => {
    const b64 = pngBytes(1, 1, [255, 0, 0, 255]).toString('base64')
    expect((await decodeImageInput(b64)).width).toBe(1)
    expect((await decodeImageInput(`data:image/png;base64,${b64}`)).data[0]).toBe(255)
  })
  it('explains malformed input', async () => {
    expect(await codeOf(() => base64Bytes('data:image/png,rawbytes'))).toMatch(/must be base64-encoded/)
    expect(await codeOf(() => base64Bytes('not base64 at all!'))).toMatch(/^bad_request: the image is not valid base64/)
    expect(await codeOf(() => base64Bytes('A'.repeat(20_000_004)))).toMatch(/^too_large/)
  })
})

describe('isImageFileName', () => {
  it('accepts relative png/jpeg names inside the model folder only', async () => {
    expect(['white.png', 'examples/0.png', 'a/b-c/d_e.JPEG', 'x.jpg'].map(isImageFileName)).toEqual([true, true, true, true])
    expect(['../secret.png', 'examples/../../x.png', '/etc/x.png', 'x.gif', 'iVBORw0KGgo', '.hidden/../x.png'].map(isImageFileName)).toEqual([false, false, false, false, false, false])
  })
})

describe('decodeImage with EXIF orientation', () => {
  it('turns a phone photo upright, as the browser shows it', async () => {
    // Stored 16×8: left half black, right half white. Orientation 6 = turn 90° clockwise to view.
    const img = await decodeImage(jpegWithOrientation(6))
    expect([img.width, img.height]).toEqual([8, 16])
    const red = (x: number, y: number) => img.data[(y * img.width + x) * 3]!
    expect(red(4, 3)).toBeLessThan(40) // the black half is now on top
    expect(red(4, 12)).toBeGreaterThan(215)
    const plain = await decodeImage(jpegWithOrientation(1))
    expect([plain.width, plain.height]).toEqual([16, 8])
    expect(plain.data[(3 * 16 + 4) * 3]).toBeLessThan(40) // as stored: black on the left
    expect(plain.data[(3 * 16 + 12) * 3]).toBeGreaterThan(215)
  })
})
