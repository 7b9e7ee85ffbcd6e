import { describe, expect, it } from 'vitest'
import { initialImageMode } from '../../../../../src/renderer/src/features/demo/image-mode'

describe('the tab the image demo opens on', () => {
  it('is the Draw pad for small grayscale inputs (digits)', () => {
    expect(initialImageMode({ width: 8, height: 8, channels: 1 })).toBe('draw')
    expect(initialImageMode({ width: 28, height: 28, channels: 1 })).toBe('draw')
  })

  it('is Upload for a photo classifier, a large grayscale input, or an unknown size', () => {
    expect(initialImageMode({ width: 224, height: 224, channels: 3 })).toBe('upload')
    expect(initialImageMode({ width: 32, height: 32, channels: 3 })).toBe('upload')
    expect(initialImageMode({ width: 256, height: 256, channels: 1 })).toBe('upload')
    expect(initialImageMode(undefined)).toBe('upload')
  })
})
