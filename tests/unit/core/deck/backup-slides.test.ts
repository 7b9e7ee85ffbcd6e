import { describe, expect, it } from 'vitest'
import { lastTalkIndex, slideLabel, talkSlideCount } from '../../../../src/core/deck/backup-slides'

const deck = [{}, {}, { backup: true }, {}, { backup: true }]

describe('backup slides', () => {
  it('numbers talk slides and backups apart, as reveal.js does for uncounted slides', () => {
    expect(deck.map((_, i) => slideLabel(deck, i))).toEqual(['Slide 1 / 3', 'Slide 2 / 3', 'Backup 1 / 2', 'Slide 3 / 3', 'Backup 2 / 2'])
    expect(slideLabel([{}, {}], 1)).toBe('Slide 2 / 2')
  })

  it('the talk ends on its last slide that is not a backup', () => {
    expect(lastTalkIndex(deck)).toBe(3)
    expect(talkSlideCount(deck)).toBe(3)
    expect(lastTalkIndex([{}, {}])).toBe(1)
    expect(lastTalkIndex([{ backup: true }])).toBe(-1)
    expect(lastTalkIndex([])).toBe(-1)
  })
})
