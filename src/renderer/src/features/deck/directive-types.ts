import type { Deck } from '../../../../shared/types'

/** Props every live component placed by a `::name{…}` directive receives. */
export interface DirectiveProps {
  /** The directive's attributes, e.g. `{ model: 'disaster-tweets' }`. */
  attributes: Record<string, string>
  deck: Deck
  slideIndex: number
  /** true while this slide is the current one (start/stop expensive work on it). */
  active: boolean
  /** 'audience' in the deck window, 'presenter' in the presenter's previews (render a light placeholder there). */
  surface: 'audience' | 'presenter'
}
