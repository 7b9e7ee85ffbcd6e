/**
 * Reads a deck folder's `slides/` from disk and hands the text to the pure
 * parser. Everything that can go wrong with files (missing folder, no
 * markdown, a file that is not UTF-8, a file too big to render) becomes a
 * Problem — the deck always loads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Deck, Problem } from '../../shared/types'
import { parseDeck, type SourceFile } from '../../core/deck/parse-deck'
import { elementAttributeProblems } from '../../core/deck/element-problems'

/** Slide files larger than this are not rendered (a placeholder slide says why). */
export const MAX_SLIDE_FILE_BYTES = 2 * 1024 * 1024

/** Markdown files of a slides folder in presentation order: deck.md first, then the rest by name. */
export function listSlideFiles(slidesDir: string): string[] {
  const names = readdirSync(slidesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const main = names.findIndex((name) => name.toLowerCase() === 'deck.md')
  if (main > 0) names.unshift(...names.splice(main, 1))
  return names
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (length === 0 || i + length > bytes.length) return i
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i
    i += length
  }
  return bytes.length
}

/** Decodes bytes as UTF-8; falls back to Windows-1252 with a problem when they are not valid UTF-8. */
export function decodeText(bytes: Uint8Array, file: string): { text: string; problem?: Problem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const bad = bytes[offset] ?? 0
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      problem: {
        code: 'deck/not-utf8',
        message: `${file} is not UTF-8 (byte 0x${bad.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset}). It is shown decoded as Windows-1252, so some characters may look wrong: save the file as UTF-8.`,
        file
      }
    }
  }
}

/** Loads the deck folder at `root`. Never throws. */
export function loadDeck(root: string, revision = 0): Deck {
  const deckRoot = resolve(root)
  const slidesDir = join(deckRoot, 'slides')
  const problems: Problem[] = []
  let names: string[]
  try {
    if (!statSync(slidesDir).isDirectory()) throw new Error('not a directory')
    names = listSlideFiles(slidesDir)
  } catch {
    return parseDeck([], deckRoot, revision, [
      {
        code: 'deck/fatal-no-slides-dir',
        message: `No slides/ folder in ${deckRoot}. A deck is a folder with slides/deck.md (markdown) and models/. Create slides/deck.md or open another folder with --deck.`
      }
    ])
  }
  if (names.length === 0) {
    return parseDeck([], deckRoot, revision, [
      {
        code: 'deck/fatal-no-markdown',
        message: `slides/ in ${deckRoot} has no markdown file. Add slides/deck.md with "# Title" slides separated by --- lines.`
      }
    ])
  }
  const files: SourceFile[] = []
  for (const name of names) {
    const path = `slides/${name}`
    try {
      const size = statSync(join(slidesDir, name)).size
      if (size > MAX_SLIDE_FILE_BYTES) {
        const mb = (size / 1024 / 1024).toFixed(1)
        problems.push({
          code: 'deck/file-too-large',
          message: `${path} is ${mb} MB; demodeck renders slide files up to ${MAX_SLIDE_FILE_BYTES / 1024 / 1024} MB. Split it or move data out of the slides.`,
          file: path
        })
        files.push({
          path,
          text: `# ${name} was not loaded\n\nThe file is ${mb} MB, more than the ${MAX_SLIDE_FILE_BYTES / 1024 / 1024} MB a slide file may have.`
        })
        continue
      }
      const { text, problem } = decodeText(readFileSync(join(slidesDir, name)), path)
      if (problem) problems.push(problem)
      files.push({ path, text })
    } catch (error) {
      problems.push({
        code: 'deck/file-unreadable',
        message: `${path} could not be read (${error instanceof Error ? error.message : String(error)}).`,
        file: path
      })
    }
  }
  const deck = parseDeck(files, deckRoot, revision, problems)
  deck.warnings.push(...elementAttributeProblems(deck.slides))
  return deck
}
