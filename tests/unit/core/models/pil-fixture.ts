/** Loads tests/fixtures/images/pil-resize-reference.json (Pillow's resize output, see make_pil_reference.py). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import type { ByteImage } from '../../../../src/core/models/pil-resample'

export interface PilFixture {
  producer: string
  filters: Record<string, string>
  images: Array<{ name: string; mode: 'RGB' | 'L'; width: number; height: number; data: string }>
  gray: { image: string; data: string }
  cases: Array<{ image: string; filter: number; width: number; height: number; data: string }>
}

export const pilFixture = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/images/pil-resize-reference.json'), 'utf8')) as PilFixture

/** A fixture pixel buffer (zlib + base64) as bytes. */
export const unpack = (b64: string): Uint8Array => new Uint8Array(inflateSync(Buffer.from(b64, 'base64')))

/** The fixture's source images by name. */
export const pilImages = new Map<string, ByteImage>(
  pilFixture.images.map((i) => [i.name, { width: i.width, height: i.height, channels: i.mode === 'RGB' ? 3 : 1, data: unpack(i.data) }])
)

/** Pillow's output for one image, filter and size. */
export function pilCase(image: string, filter: number, width: number, height: number): Uint8Array {
  const c = pilFixture.cases.find((k) => k.image === image && k.filter === filter && k.width === width && k.height === height)
  if (!c) throw new Error(`no fixture case ${image} ${filter} ${width}×${height}`)
  return unpack(c.data)
}
