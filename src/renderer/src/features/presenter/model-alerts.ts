/**
 * Which of a deck's models need the speaker's attention (see ModelAlerts.tsx):
 * pure, so it is tested without a window.
 */
import type { Deck, ModelInfo } from '../../../../shared/types'
import { directiveModels } from '../../../../core/preflight/directives'

/** One line of the list. */
export interface ModelAlert {
  model: string
  slide: number
  severity: 'error' | 'warning'
  message: string
}

/**
 * The alerts of the models the deck's slides run, in slide order: any directive's `model="…"`, each
 * directive's models as the preflight reads them (`directiveModels`: a demo's A/B pair `compare="…"`), plus
 * the pair a demo takes from its model's own `compare` (model.json) when the slide names none.
 */
export function modelAlerts(deck: Pick<Deck, 'slides'>, models: ModelInfo[]): ModelAlert[] {
  const out: ModelAlert[] = []
  const seen = new Set<string>()
  const byId = new Map(models.map((m) => [m.id, m]))
  for (const slide of deck.slides) {
    for (const use of slide.directives) {
      const ids = [use.attributes['model'], ...directiveModels(use).map((d) => d.id)]
      const own = use.name === 'demo' && use.attributes['compare'] === undefined ? byId.get(use.attributes['model'] ?? '')?.compare : undefined
      if (own) ids.push(own)
      for (const id of ids) {
        if (!id || seen.has(id)) continue
        seen.add(id)
        const model = byId.get(id)
        if (model) out.push(...alertsOf(model, slide.index))
      }
    }
  }
  return out
}

function alertsOf(model: ModelInfo, slide: number): ModelAlert[] {
  const out: ModelAlert[] = []
  const id = model.id
  for (const p of model.errors) out.push({ model: id, slide, severity: 'error', message: p.message })
  if (model.parity && !model.parity.ok) out.push({ model: id, slide, severity: 'error', message: `Parity check failed: ${model.parity.message}` })
  for (const w of model.warnings) {
    if (w.message !== model.parity?.message) out.push({ model: id, slide, severity: 'warning', message: w.message })
  }
  return out
}
