import { describe, expect, it } from 'vitest'
import { followSlide } from '../../../../src/core/deck/follow-slide'

const s = (title: string, markdown = `# ${title}`) => ({ title, markdown })
const deck = [s('Problem'), s('Model'), s('Data'), s('Use case')]

describe('followSlide', () => {
  it('keeps the same slide when one is inserted or removed above it', () => {
    expect(followSlide(deck, 2, [s('Problem'), s('Inserted'), s('Model'), s('Data'), s('Use case')])).toBe(3)
    expect(followSlide(deck, 2, [s('Model'), s('Data'), s('Use case')])).toBe(1)
  })

  it('follows an edited slide by its title, and an untouched deck stays put', () => {
    expect(followSlide(deck, 2, [s('Inserted'), s('Problem'), s('Model'), s('Data', '# Data\n\nnew bullet'), s('Use case')])).toBe(3)
    expect(followSlide(deck, 1, deck)).toBe(1)
  })

  it('picks the nearest of duplicates, and falls back to the index (clamped) when the slide is gone', () => {
    const dupes = [s('Intro'), s('Demo'), s('Intro'), s('Demo')]
    expect(followSlide(dupes, 3, [s('New'), ...dupes])).toBe(4)
    expect(followSlide(deck, 3, [s('Problem'), s('Model')])).toBe(1)
    expect(followSlide(deck, 1, [s('Other'), s('Another'), s('Third')])).toBe(1)
  })
})
