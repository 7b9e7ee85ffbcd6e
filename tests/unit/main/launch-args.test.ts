import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { deckFolder } from '../../../src/main/launch-args'

const electron = '/opt/electron/electron'
const cwd = '/home/ada'

describe('deckFolder (Electron command line)', () => {
  it('reads --deck DIR and --deck=DIR among Chromium switches', () => {
    expect(deckFolder([electron, '/app', '--deck', 'exam'], {}, '/app', cwd)).toBe(resolve(cwd, 'exam'))
    expect(deckFolder([electron, '/app', '--no-sandbox', '--deck=/decks/exam', '--enable-features=X'], {}, '/app', cwd)).toBe('/decks/exam')
  })

  it('falls back to DEMODECK_DECK, then to the bundled deck', () => {
    expect(deckFolder([electron, '/app'], { DEMODECK_DECK: '/decks/env' }, '/app', cwd)).toBe('/decks/env')
    expect(deckFolder([electron, '/app', '--deck='], {}, '/app', cwd)).toBe('/app')
    expect(deckFolder([electron, '/app'], {}, '/app', cwd)).toBe('/app')
  })
})
