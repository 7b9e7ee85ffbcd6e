import { describe, expect, it } from 'vitest'
import type { Deck } from '../../../../src/shared/types'
import { deckEndpoints, deckModelIds, deckNeeds, deckWarmOrder } from '../../../../src/core/deck/deck-models'

function deck(...slides: Array<Array<[string, Record<string, string>]>>): Pick<Deck, 'slides'> {
  return {
    slides: slides.map((uses, index) => ({ index, directives: uses.map(([name, attributes]) => ({ name, attributes })) }))
  } as unknown as Pick<Deck, 'slides'>
}

describe('deckModelIds', () => {
  it('names every model the slides run, once, in slide order: demo, its A/B pair, model card, drift', () => {
    const d = deck(
      [['drift', { model: 'wine', reference: 'a.csv', current: 'b.csv' }]],
      [['demo', { model: 'tweets', compare: 'tweets-int8' }]],
      [
        ['model-card', { model: 'digits' }],
        ['demo', { model: 'wine', compare: 'none' }]
      ],
      [['chart', { runs: 'all', model: 'not-a-model-use' }]]
    )
    expect(deckModelIds(d)).toEqual(['wine', 'tweets', 'tweets-int8', 'digits'])
  })
  it('is empty for a deck without live models', () => {
    expect(deckModelIds(deck([['chart', { runs: 'all' }]], []))).toEqual([])
  })
})

describe('deckWarmOrder', () => {
  it("warms the first demo slide's models first (its A/B pair next), then the others in slide order", () => {
    const d = deck(
      [['model-card', { model: 'digits' }]],
      [['drift', { model: 'wine' }]],
      [
        ['chart', { runs: 'all' }],
        ['demo', { model: 'tweets', compare: 'tweets-int8' }]
      ],
      [['demo', { model: 'digits' }]],
      [['model-card', { model: 'cora' }]]
    )
    expect(deckWarmOrder(d)).toEqual(['tweets', 'tweets-int8', 'digits', 'wine', 'cora'])
    expect(new Set(deckWarmOrder(d))).toEqual(new Set(deckModelIds(d)))
  })
  it('is the slide order when no slide has a demo, and skips a demo without a model', () => {
    const d = deck([['model-card', { model: 'b' }]], [['demo', {}]], [['drift', { model: 'a' }]], [['demo', { model: 'c', compare: 'none' }]])
    expect(deckWarmOrder(d)).toEqual(['c', 'b', 'a'])
    expect(deckWarmOrder(deck([['model-card', { model: 'b' }]], [['drift', { model: 'a' }]]))).toEqual(['b', 'a'])
  })
})

describe('deckNeeds', () => {
  it('lists the models for any directive naming one (a drift-only deck too) and the runs for a chart', () => {
    expect(deckNeeds(deck([['drift', { model: 'wine' }]]))).toEqual({ models: true, runs: false })
    expect(deckNeeds(deck([['chart', { runs: 'all' }]], [['demo', {}]]))).toEqual({ models: false, runs: true })
  })
})

describe('deckEndpoints', () => {
  it("gives each demo's deployed endpoint with its model", () => {
    const d = deck([
      ['demo', { model: 'wine', endpoint: 'https://wine.run.app/predict' }],
      ['demo', { model: 'digits' }]
    ])
    expect(deckEndpoints(d)).toEqual([{ model: 'wine', url: 'https://wine.run.app/predict' }])
  })
})
