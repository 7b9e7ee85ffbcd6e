/**
 * The deck, asked for the moment the entry script starts running.
 *
 * [Note: the deck is asked for first]
 * `useDeck` used to ask for the deck from an effect, after React had run and drawn its first
 * frame, so the request waited for the whole entry script and the answer then waited for the
 * main thread. main.tsx imports this module before react-dom, so the request goes out before
 * React's code runs and its answer is there when the first render needs it. The first `useDeck`
 * takes this request; later ones (hot reload, a remount) ask again.
 */
import type { Deck } from '../../../shared/types'
import { api } from './api'

let early: Promise<Deck> | null = api['deck:get']({})
// Read by useDeck; until then a failure must not show as an unhandled rejection.
early.catch(() => undefined)

/** The request sent at start-up the first time, then `null`. */
export function takeEarlyDeck(): Promise<Deck> | null {
  const request = early
  early = null
  return request
}
