/**
 * JPEG decoding identical to Pillow (see [Note: JPEG pixels identical to Pillow]
 * in src/host/models/image-decode.ts): Pillow 9.4 writes a corpus (baseline and
 * progressive, 4:2:0 / 4:2:2 / 4:4:4, grayscale, CMYK, every EXIF orientation,
 * odd sizes, a .png that is really a JPEG) and its own decoding of each file;
 * demodeck's decoder must give the same bytes, and demodeck's resize of the
 * stored pixels (before the EXIF turn) the same bytes as Pillow's resize of the
 * upright image. Real photos under
 * ../shared/fixtures/real join the corpus when present.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pilPixels, type ImageTensorLayout } from '../../../../src/core/models/image'
import type { ImagePipeline } from '../../../../src/core/models/image-pipeline'
import type { PilFilter } from '../../../../src/core/models/pil-resample'
import { decodeImage } from '../../../../src/host/models/image-decode'
import { pythonMissing, runPython } from '../../../support/python'

const repoRoot = resolve(__dirname, '../../../..')
const realRoot = resolve(repoRoot, '..', 'shared', 'fixtures', 'real')
const missing = pythonMissing('PIL', 'numpy')

/** Every .jpg/.jpeg under ../shared/fixtures/real (real photos), when that folder exists. */
function realPhotos(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch {
      return
    }
    for (const name of entries) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.jpe?g$/i.test(name) && statSync(path).size < 15_000_000) found.push(path)
    }
  }
  walk(realRoot)
  return found.sort()
}

interface Listed {
  file: string
  width: number
  height: number
  mode: string
  stretch: [number, number]
  short: number
  shortSize: [number, number]
}

/** Values that differ between our bytes and Pillow's file, and the largest difference. */
function differences(ours: Uint8Array, pillow: Buffer): { length: number; mismatches: number; maxDiff: number } {
  let mismatches = 0
  let maxDiff = 0
  for (let i = 0; i < pillow.length; i++) {
    const d = Math.abs(ours[i]! - pillow[i]!)
    if (d) mismatches++
    if (d > maxDiff) maxDiff = d
  }
  return { length: ours.length, mismatches, maxDiff }
}

const pipeline = (resize: ImagePipeline['resize'], resample: PilFilter): ImagePipeline => ({ resize, crop: null, scale: 1, mean: null, std: null, resample, background: 'black', invert: false })
const layout = ([width, height]: [number, number]): ImageTensorLayout => ({ layout: 'NHWC', channels: 3, width, height, dims: [1, height, width, 3] })

describe.skipIf(missing)(`JPEG decoding vs Pillow${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-jpeg-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const photos = missing ? [] : realPhotos()
  const listed = missing
    ? []
    : runPython([join(repoRoot, 'tests/fixtures/images/make_jpeg_corpus.py'), dir, ...photos])
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Listed)

  it('covers every kind of JPEG the issue names', () => {
    const modes = new Set(listed.map((f) => f.mode))
    expect([...modes].sort()).toEqual(expect.arrayContaining(['CMYK', 'L', 'RGB']))
    expect(listed.some((f) => f.file.endsWith('.png'))).toBe(true)
    expect(listed.filter((f) => f.file.startsWith('exif-orientation-')).length).toBe(7)
  })

  for (const entry of listed) {
    it(`${entry.file} (${entry.mode}) decodes to Pillow's bytes`, async () => {
      const image = await decodeImage(readFileSync(join(dir, entry.file)))
      expect([image.width, image.height]).toEqual([entry.width, entry.height])
      const pillow = readFileSync(join(dir, `${entry.file}.rgb`))
      let mismatches = 0
      let maxDiff = 0
      let opaque = 0
      const stride = image.channels ?? 4
      for (let p = 0; p < image.width * image.height; p++) {
        for (let k = 0; k < 3; k++) {
          const d = Math.abs(image.data[p * stride + k]! - pillow[p * 3 + k]!)
          if (d) mismatches++
          if (d > maxDiff) maxDiff = d
        }
        if (stride === 3 || image.data[p * 4 + 3] === 255) opaque++
      }
      expect({ mismatches, maxDiff, opaque }).toEqual({ mismatches: 0, maxDiff: 0, opaque: image.width * image.height })
    })
  }

  for (const entry of listed) {
    it(`${entry.file}: resized from the stored pixels before the EXIF turn, as Pillow resizes the upright image`, async () => {
      const stored = await decodeImage(readFileSync(join(dir, entry.file)), { upright: false })
      const bilinear = pilPixels(stored, pipeline({ mode: 'stretch', width: entry.stretch[0], height: entry.stretch[1] }, 2), layout(entry.stretch), 2)
      const pillowStretch = readFileSync(join(dir, `${entry.file}.stretch.rgb`))
      expect(differences(bilinear.data, pillowStretch)).toEqual({ length: pillowStretch.length, mismatches: 0, maxDiff: 0 })
      const bicubic = pilPixels(stored, pipeline({ mode: 'shortest-edge', size: entry.short }, 3), layout(entry.shortSize), 3)
      const pillowShort = readFileSync(join(dir, `${entry.file}.short.rgb`))
      expect(differences(bicubic.data, pillowShort)).toEqual({ length: pillowShort.length, mismatches: 0, maxDiff: 0 })
    })
  }

  it('keeps the stored pixels and says how to turn them when asked to', async () => {
    const stored = await decodeImage(readFileSync(join(dir, 'exif-orientation-6.jpg')), { upright: false })
    const upright = await decodeImage(readFileSync(join(dir, 'exif-orientation-6.jpg')))
    expect([stored.width, stored.height, stored.orientation]).toEqual([upright.height, upright.width, 6])
    expect(upright.orientation).toBeUndefined()
  })

  it.skipIf(photos.length === 0)(`real photos from ../shared/fixtures/real are in the corpus${photos.length ? '' : ' (skipped: no .jpg under ../shared/fixtures/real)'}`, () => {
    expect(listed.filter((f) => f.file.startsWith('real-')).length).toBe(photos.length)
  })
})
