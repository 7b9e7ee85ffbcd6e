import { describe, expect, it } from 'vitest'
import { MAX_TEXT_CHARS as demoLimit } from '../../../src/renderer/src/features/demo/demo-format'
import { MAX_TEXT_CHARS as hostLimit } from '../../../src/core/models/text'

describe('the text limit', () => {
  it('is the same number in the demo (which names it in its alert) and on the host (which enforces it)', () => {
    expect(demoLimit).toBe(hostLimit)
  })
})
