/**
 * Watches a deck folder for hot reload with chokidar: every change under
 * slides/, models/ or runs/, at any depth (a model's model.json, an image in
 * slides/img/, a run file written by a training job), reported by area. A
 * slides/ (or models/, runs/) folder created after start is picked up too.
 * chokidar copes with editors' atomic saves (write to a temp file, rename)
 * and platform differences that a hand-written fs.watch loop did not.
 */
import { watch } from 'chokidar'
import { relative, sep } from 'node:path'

/** The parts of a deck that reload separately. */
export type DeckArea = 'slides' | 'models' | 'runs'
const AREAS = new Set<string>(['slides', 'models', 'runs'])
/** Folders never worth watching inside an area (a deck may sit in a repository). */
const SKIP = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv'])

/** The area a changed path belongs to: runs of a model (models/<id>/runs/…) count as runs. */
export function areaOf(root: string, path: string): DeckArea | null {
  const parts = relative(root, path).split(sep)
  const top = parts[0] ?? ''
  if (!AREAS.has(top)) return null
  if (top === 'models' && parts[2] === 'runs') return 'runs'
  return top as DeckArea
}

/** A running watch; `ready` resolves once the initial scan is done (changes before it are not reported). */
export interface DeckWatch {
  ready: Promise<void>
  close(): Promise<void>
}

/**
 * Calls `onChange(area)` for every file or folder added, changed or removed in an area of `root`.
 * @param log where watch errors go (a vanished or unreadable folder never throws)
 */
export function watchDeck(root: string, onChange: (area: DeckArea) => void, log: (message: string) => void = () => undefined): DeckWatch {
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (path: string) => {
      const parts = relative(root, path).split(sep)
      if (parts[0] === '') return false
      return !AREAS.has(parts[0]!) || parts.some((p) => SKIP.has(p))
    }
  })
  watcher.on('all', (_event, path) => {
    const area = areaOf(root, path)
    if (area) onChange(area)
  })
  watcher.on('error', (error) => log(`watching ${root} failed: ${String(error)}`))
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return { ready, close: () => watcher.close() }
}
