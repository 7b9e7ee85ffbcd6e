import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseStartDeck, MAX_RECENT, readRecentDecks, rememberDeck } from '../../../src/main/deck-location'

const dirs: string[] = []
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demodeck-location-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A packaged layout: resources/example-deck with a slide, and an empty user-data folder. */
function packaged(): { resourcesPath: string; userData: string; appPath: string } {
  const base = temp()
  const resourcesPath = join(base, 'resources')
  mkdirSync(join(resourcesPath, 'example-deck', 'slides'), { recursive: true })
  writeFileSync(join(resourcesPath, 'example-deck', 'slides', 'deck.md'), '# Example\n')
  return { resourcesPath, userData: join(base, 'user-data'), appPath: join(resourcesPath, 'app.asar') }
}

describe('chooseStartDeck', () => {
  it('a packaged app copies the example deck out of the bundle and opens the copy', () => {
    const layout = packaged()
    const choice = chooseStartDeck({ ...layout, argv: ['demodeck'], env: {}, isPackaged: true })
    expect(choice).toEqual({ path: join(layout.userData, 'example-deck'), source: 'example' })
    expect(readFileSync(join(choice.path, 'slides', 'deck.md'), 'utf8')).toBe('# Example\n')
  })

  it("keeps the user's edits to the copied example on the next start", () => {
    const layout = packaged()
    const first = chooseStartDeck({ ...layout, argv: ['demodeck'], env: {}, isPackaged: true })
    writeFileSync(join(first.path, 'slides', 'deck.md'), '# Mine now\n')
    const again = chooseStartDeck({ ...layout, argv: ['demodeck'], env: {}, isPackaged: true })
    expect(readFileSync(join(again.path, 'slides', 'deck.md'), 'utf8')).toBe('# Mine now\n')
  })

  it('unpackaged, the repository is the example deck', () => {
    const appPath = temp()
    expect(chooseStartDeck({ argv: ['electron', '.'], env: {}, isPackaged: false, appPath, resourcesPath: '/nowhere', userData: temp() })).toEqual({
      path: resolve(appPath),
      source: 'example'
    })
  })

  it('the last deck that still exists wins over the example; the argument and DEMODECK_DECK win over both', () => {
    const layout = packaged()
    const gone = join(temp(), 'deleted-deck')
    const mine = temp()
    rememberDeck(layout.userData, mine)
    rememberDeck(layout.userData, gone)
    expect(chooseStartDeck({ ...layout, argv: ['demodeck'], env: {}, isPackaged: true })).toEqual({ path: resolve(mine), source: 'recent' })
    expect(chooseStartDeck({ ...layout, argv: ['demodeck'], env: { DEMODECK_DECK: '/x/env' }, isPackaged: true }).source).toBe('environment')
    expect(chooseStartDeck({ ...layout, argv: ['demodeck', '--deck', '/x/arg'], env: { DEMODECK_DECK: '/x/env' }, isPackaged: true })).toEqual({
      path: resolve('/x/arg'),
      source: 'argument'
    })
  })
})

describe('recent decks', () => {
  it('newest first, no duplicates, at most MAX_RECENT; a corrupt file reads as empty', () => {
    const userData = temp()
    for (let i = 0; i < MAX_RECENT + 3; i += 1) rememberDeck(userData, `/decks/${i}`)
    rememberDeck(userData, '/decks/5')
    const list = readRecentDecks(userData)
    expect(list).toHaveLength(MAX_RECENT)
    expect(list[0]).toBe(resolve('/decks/5'))
    expect(new Set(list).size).toBe(list.length)
    writeFileSync(join(userData, 'recent-decks.json'), '{not json')
    expect(readRecentDecks(userData)).toEqual([])
  })
})
