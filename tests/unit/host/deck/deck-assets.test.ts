import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveDeckAsset } from '../../../../src/host/deck/deck-assets'

let base: string
let deck: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dd-assets-'))
  deck = join(base, 'deck')
  mkdirSync(join(deck, 'slides', 'img'), { recursive: true })
  mkdirSync(join(deck, 'models', 'm'), { recursive: true })
  writeFileSync(join(deck, 'slides', 'img', 'plot.png'), 'png')
  writeFileSync(join(deck, 'models', 'm', 'model.onnx'), 'onnx')
  writeFileSync(join(deck, 'slides', '.hidden.png'), 'hidden')
  writeFileSync(join(base, 'secret.png'), 'outside')
  mkdirSync(join(base, 'elsewhere'))
  writeFileSync(join(base, 'elsewhere', 'photo.jpg'), 'outside')
  symlinkSync(join(base, 'secret.png'), join(deck, 'slides', 'link.png'))
  symlinkSync(join(base, 'elsewhere'), join(deck, 'slides', 'linked-folder'))
  symlinkSync(join(deck, 'slides', 'img', 'plot.png'), join(deck, 'slides', 'same.png'))
  symlinkSync(join(deck, 'models', 'm', 'model.onnx'), join(deck, 'slides', 'model.png'))
  symlinkSync(join(base, 'missing.png'), join(deck, 'slides', 'dangling.png'))
  // The deck itself opened through a symlink (as /tmp -> /private/tmp on macOS).
  symlinkSync(deck, join(base, 'deck-link'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveDeckAsset', () => {
  it('serves slide media by its real path', () => {
    const asset = resolveDeckAsset(deck, 'slides/img/plot.png')
    expect(asset).toEqual({ file: realpathSync(join(deck, 'slides', 'img', 'plot.png')), root: realpathSync(deck), relative: 'slides/img/plot.png' })
    expect(resolveDeckAsset(join(base, 'deck-link'), 'slides/img/plot.png')?.relative).toBe('slides/img/plot.png')
  })

  it('never leaves the deck through a symlinked file or folder', () => {
    expect(resolveDeckAsset(deck, 'slides/link.png')).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/linked-folder/photo.jpg')).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/dangling.png')).toBeNull()
  })

  it('follows a link that stays in the deck, but only to slide media', () => {
    expect(resolveDeckAsset(deck, 'slides/same.png')?.relative).toBe('slides/img/plot.png')
    expect(resolveDeckAsset(deck, 'slides/model.png')).toBeNull()
  })

  it('refuses traversal, dotfiles, other types, absolute paths and NUL bytes', () => {
    expect(resolveDeckAsset(deck, '../secret.png')).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/../../secret.png')).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/.hidden.png')).toBeNull()
    expect(resolveDeckAsset(deck, 'models/m/model.onnx')).toBeNull()
    expect(resolveDeckAsset(deck, join(base, 'secret.png'))).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/img/plot.png\0.png')).toBeNull()
    expect(resolveDeckAsset(deck, 'slides/img')).toBeNull()
  })
})
