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

/** The alerts of the models named by `model="…"` (and a demo's A/B pair, `compare="…"`) on the deck's slides, in slide order. */
export function modelAlerts(deck: Pick<Deck, 'slides'>, models: ModelInfo[]): ModelAlert[] {
  const out: ModelAlert[] = []
  const seen = new Set<string>()
  for (const slide of deck.slides) {
    const ids = slide.directives.flatMap((use) => [use.attributes['model'], ...directiveModels(use).map((m) => m.id)])
    for (const id of ids) {
      if (!id || seen.has(id)) continue
      seen.add(id)
      const model = models.find((m) => m.id === id)
      if (!model) continue
      for (const p of model.errors) out.push({ model: id, slide: slide.index, severity: 'error', message: p.message })
      if (model.parity && !model.parity.ok)
        out.push({ model: id, slide: slide.index, severity: 'error', message: `Parity check failed: ${model.parity.message}` })
      for (const w of model.warnings) {
        if (w.message !== model.parity?.message) out.push({ model: id, slide: slide.index, severity: 'warning', message: w.message })
      }
    }
  }
  return out
}
