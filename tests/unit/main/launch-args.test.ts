/** The deck named on Electron's command line or in the environment (deck-location.ts decides the rest). */
import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { namedDeck } from '../../../src/main/launch-args'

const electron = '/opt/electron/electron'
const cwd = '/home/ada'

describe('namedDeck (Electron command line)', () => {
  it('reads --deck DIR and --deck=DIR among Chromium switches', () => {
    expect(namedDeck([electron, '/app', '--deck', 'exam'], {}, cwd)).toEqual({ path: resolve(cwd, 'exam'), source: 'argument' })
    expect(namedDeck([electron, '/app', '--no-sandbox', '--deck=/decks/exam', '--enable-features=X'], {}, cwd)).toEqual({
      path: '/decks/exam',
      source: 'argument'
    })
  })

  it('falls back to DEMODECK_DECK, and names none when neither is given', () => {
    expect(namedDeck([electron, '/app'], { DEMODECK_DECK: '/decks/env' }, cwd)).toEqual({ path: '/decks/env', source: 'environment' })
    expect(namedDeck([electron, '/app', '--deck='], {}, cwd)).toBeUndefined()
    expect(namedDeck([electron, '/app'], {}, cwd)).toBeUndefined()
  })
})
