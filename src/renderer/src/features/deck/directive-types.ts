import type { Deck } from '../../../../shared/types'

/** Props every live component placed by a `::name{…}` directive receives. */
export interface DirectiveProps {
  /** The directive's attributes, e.g. `{ model: 'disaster-tweets' }`. */
  attributes: Record<string, string>
  deck: Deck
  slideIndex: number
  /** true while this slide is the current one (start/stop expensive work on it). */
  active: boolean
  /**
   * true while this slide is next to the current one (see [Note: the next slide is ready before it is shown] in
   * deck/DeckView.tsx): load data and mount now, so the slide is complete in its first frame, but never predict.
   */
  near?: boolean
  /** 'audience' in the deck window, 'presenter' in the presenter's previews (render a light placeholder there). */
  surface: 'audience' | 'presenter'
}
