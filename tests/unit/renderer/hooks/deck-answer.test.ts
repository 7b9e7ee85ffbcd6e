/** The first deck answer against pushes that came before it (see [Note: a push beats an answer]). */
import { describe, expect, it } from 'vitest'
import { afterDeckAnswer, type DeckState } from '../../../../src/renderer/src/hooks/deck-answer'
import type { Deck } from '../../../../src/shared/types'

const deck = (revision: number, warnings: string[] = []): Deck =>
  ({ revision, title: 'T', slides: [], warnings: warnings.map((message) => ({ message })) }) as unknown as Deck
const empty: DeckState = { deck: null, error: null }

describe('afterDeckAnswer', () => {
  it('takes the answer when nothing was pushed', () => {
    expect(afterDeckAnswer(empty, { deck: deck(1) }, false).deck?.revision).toBe(1)
  })
  it('keeps a pushed deck of the same revision (the problems found at load) over an older answer', () => {
    const pushed = { deck: deck(1, ['there is no model "x"']), error: null }
    expect(afterDeckAnswer(pushed, { deck: deck(1) }, true)).toBe(pushed)
  })
  it('takes a newer answer even after a push', () => {
    const pushed = { deck: deck(1, ['w']), error: null }
    expect(afterDeckAnswer(pushed, { deck: deck(2) }, true).deck?.revision).toBe(2)
  })
  it('shows a failed request only when no deck was pushed', () => {
    expect(afterDeckAnswer(empty, { error: 'the host is gone' }, false)).toEqual({ deck: null, error: 'the host is gone' })
    const pushed = { deck: deck(3), error: null }
    expect(afterDeckAnswer(pushed, { error: 'the host is gone' }, true)).toBe(pushed)
  })
})
