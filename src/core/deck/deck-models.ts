/**
 * What a deck's slides need from the host: the models they run, the deployed endpoints their demos call, and
 * which lists (models, runs) the live components must be resolved against. One place, so the warm-up, the
 * deck's problems and the preflight always agree on "the models this deck uses".
 */
import type { Deck } from '../../shared/types'
import { directiveModels } from '../preflight/directives'

/**
 * Every model id the slides run, in slide order, once each: `::demo` and its A/B pair (`compare="id"`),
 * `::model-card` and `::drift` (see `directiveModels`).
 */
export function deckModelIds(deck: Pick<Deck, 'slides'>): string[] {
  return [...new Set(deck.slides.flatMap((s) => s.directives.flatMap((d) => directiveModels(d).map((m) => m.id))))]
}

/**
 * The order to warm the deck's models up in: the first `::demo` slide's models (the model, then its A/B pair)
 * first, since a speaker who rushes to the demo waits for them; then every other model in slide order.
 * See [Note: the first prediction jumps the warm-up] in host/models/warm-queue.ts.
 */
export function deckWarmOrder(deck: Pick<Deck, 'slides'>): string[] {
  const firstDemo = deck.slides.find((s) => s.directives.some((d) => d.name === 'demo' && directiveModels(d).length > 0))
  const demo = firstDemo?.directives.filter((d) => d.name === 'demo').flatMap((d) => directiveModels(d).map((m) => m.id)) ?? []
  return [...new Set([...demo, ...deckModelIds(deck)])]
}

/** The deployed endpoints named by `::demo{model=… endpoint=…}`, in slide order. */
export function deckEndpoints(deck: Pick<Deck, 'slides'>): Array<{ model: string; url: string }> {
  return deck.slides.flatMap((slide) =>
    slide.directives
      .filter((d) => d.name === 'demo' && d.attributes['model'] && d.attributes['endpoint'])
      .map((d) => ({ model: d.attributes['model']!, url: d.attributes['endpoint']! }))
  )
}

/** Which lists the slides' live components are resolved against: the models (any directive naming one), the runs (`::chart`). */
export function deckNeeds(deck: Pick<Deck, 'slides'>): { models: boolean; runs: boolean } {
  return {
    models: deck.slides.some((s) => s.directives.some((d) => directiveModels(d).length > 0)),
    runs: deck.slides.some((s) => s.directives.some((d) => d.name === 'chart'))
  }
}
