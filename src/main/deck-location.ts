/**
 * Which deck folder the Electron app opens, and the list of recent decks.
 *
 * [Note: decks in a packaged app]
 * Order: `--deck DIR` (or `--deck=DIR`), `DEMODECK_DECK` (launch-args.ts), the last deck opened (if it still
 * exists), else the bundled example. Unpackaged, the example is the repository itself. Packaged,
 * the example ships as a read-only resource (electron-builder.config.cjs), so it is copied once to
 * `<userData>/example-deck` and opened from there: hot reload, W&B caches and edits then work, and
 * nothing ever writes inside the app bundle. Recent decks live in `<userData>/recent-decks.json`.
 * No electron import: src/main/index.ts passes the app's paths in, and tests pass temp folders.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { namedDeck } from './launch-args'

/** How many decks File ▸ Open Recent remembers. */
export const MAX_RECENT = 8

export interface DeckLocationInput {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  isPackaged: boolean
  /** `app.getAppPath()`: the repository root when unpackaged. */
  appPath: string
  /** `process.resourcesPath`: where the packaged example deck lies. */
  resourcesPath: string
  /** `app.getPath('userData')`. */
  userData: string
}

export interface DeckChoice {
  path: string
  /** Why this folder, for the log and the window title. */
  source: 'argument' | 'environment' | 'recent' | 'example'
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The recent decks, newest first; a missing or corrupt file is an empty list. */
export function readRecentDecks(userData: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(userData, 'recent-decks.json'), 'utf8'))
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : []
  } catch {
    return []
  }
}

/** Puts `deck` first in the recent list and saves it; returns the new list. */
export function rememberDeck(userData: string, deck: string): string[] {
  const list = [resolve(deck), ...readRecentDecks(userData).filter((p) => resolve(p) !== resolve(deck))].slice(0, MAX_RECENT)
  try {
    mkdirSync(userData, { recursive: true })
    writeFileSync(join(userData, 'recent-decks.json'), JSON.stringify(list, null, 2))
  } catch {
    // a read-only profile: the list lives for this run only
  }
  return list
}

/** The bundled example deck, copied to a writable folder first when the app is packaged. */
export function exampleDeck(input: Pick<DeckLocationInput, 'isPackaged' | 'appPath' | 'resourcesPath' | 'userData'>): string {
  if (!input.isPackaged) return resolve(input.appPath)
  const target = join(input.userData, 'example-deck')
  const source = join(input.resourcesPath, 'example-deck')
  if (!existsSync(join(target, 'slides')) && existsSync(source)) {
    mkdirSync(dirname(target), { recursive: true })
    cpSync(source, target, { recursive: true })
  }
  return target
}

/** The deck folder to open at start-up. */
export function chooseStartDeck(input: DeckLocationInput): DeckChoice {
  const named = namedDeck(input.argv, input.env)
  if (named) return named
  const recent = readRecentDecks(input.userData).find(isDir)
  if (recent) return { path: resolve(recent), source: 'recent' }
  return { path: exampleDeck(input), source: 'example' }
}
