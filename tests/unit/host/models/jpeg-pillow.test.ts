/**
 * JPEG decoding identical to Pillow (see [Note: JPEG pixels identical to Pillow]
 * in src/host/models/image-decode.ts): Pillow 9.4 writes a corpus (baseline and
 * progressive, 4:2:0 / 4:2:2 / 4:4:4, grayscale, CMYK, every EXIF orientation,
 * odd sizes, a .png that is really a JPEG) and its own decoding of each file;
 * demodeck's decoder must give the same bytes. Real photos under
 * ../shared/fixtures/real join the corpus when present.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../../../../src/host/models/image-decode'
import { pythonMissing, runPython } from '../../../support/python'

const repoRoot = resolve(__dirname, '../../../..')
const realRoot = resolve(repoRoot, '..', 'shared', 'fixtures', 'real')
const missing = pythonMissing('PIL', 'numpy')

/** Every .jpg/.jpeg under ../shared/fixtures/real (real photos), when that folder exists. */
function realPhotos(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    let entries: string[] = []
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

describe.skipIf(missing)(`JPEG decoding vs Pillow${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-jpeg-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const photos = missing ? [] : realPhotos()
  const listed = missing
    ? []
    : runPython([join(repoRoot, 'tests/fixtures/images/make_jpeg_corpus.py'), dir, ...photos])
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { file: string; width: number; height: number; mode: string })

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

  it.skipIf(photos.length === 0)(`real photos from ../shared/fixtures/real are in the corpus${photos.length ? '' : ' (skipped: no .jpg under ../shared/fixtures/real)'}`, () => {
    expect(listed.filter((f) => f.file.startsWith('real-')).length).toBe(photos.length)
  })
})
