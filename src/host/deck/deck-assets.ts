/**
 * Which deck file a slide may show: one resolver for browser mode's
 * /deck-files/ and Electron's demodeck-asset: protocol, so both serve the
 * same files and nothing outside the deck.
 *
 * [Note: real paths keep symlinks inside the deck]
 * A path that stays under the deck folder as text can still leave it through
 * a symlink (`slides/link.png -> ~/.ssh/id_rsa` or a linked folder), so both
 * the deck folder and the asked-for file are resolved to their real paths
 * first and the file must lie inside the real deck. A link that stays inside
 * the deck is fine; its real target must still be slide media (never a model,
 * a run, a dotfile).
 */
import { realpathSync, statSync } from 'node:fs'
import { extname, isAbsolute, join, relative, sep } from 'node:path'

/** File types a deck may serve to the page (slide media); never models, runs or dotfiles. */
export const DECK_ASSET_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.mp4', '.webm'])

/** A deck file that may be served: its real path, the real deck folder and the path between them. */
export interface DeckAsset {
  /** Real path of the file. */
  file: string
  /** Real path of the deck folder. */
  root: string
  /** `file` relative to `root`, with `/` separators. */
  relative: string
}

function mediaPath(path: string): boolean {
  const parts = path.split(/[\\/]/)
  return parts.every((part) => part !== '' && !part.startsWith('.')) && DECK_ASSET_EXTENSIONS.has(extname(path).toLowerCase())
}

/**
 * Resolves `requested` (a decoded, `/`-separated path relative to the deck)
 * to a file the deck may serve, or null: outside the deck (also through a
 * symlink), a dotfile, not slide media, missing, or not a file.
 */
export function resolveDeckAsset(deckRoot: string, requested: string): DeckAsset | null {
  if (requested.includes('\0') || isAbsolute(requested) || !mediaPath(requested)) return null
  try {
    const root = realpathSync(deckRoot)
    const file = realpathSync(join(root, requested))
    const inside = relative(root, file)
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
    if (!mediaPath(inside) || !statSync(file).isFile()) return null
    return { file, root, relative: inside.split(sep).join('/') }
  } catch {
    return null
  }
}
