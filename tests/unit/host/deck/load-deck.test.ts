import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDeck, MAX_SLIDE_FILE_BYTES } from '../../../../src/host/deck/load-deck'

const dirs: string[] = []
function deckDir(files: Record<string, string | Buffer> = {}, withSlides = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'dd-load-'))
  dirs.push(dir)
  if (withSlides) mkdirSync(join(dir, 'slides'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('loadDeck', () => {
  it('missing slides/ is an error that says how to fix it', () => {
    const deck = loadDeck(deckDir({}, false))
    expect(deck.slides).toEqual([])
    expect(deck.errors[0]!.message).toMatch(/No slides\/ folder/)
  })

  it('slides/ without markdown is an error', () => {
    const deck = loadDeck(deckDir({ 'slides/readme.txt': 'x' }))
    expect(deck.errors[0]!.message).toMatch(/has no markdown file/)
  })

  it('reads deck.md first, then other files by name; front matter only from the first', () => {
    const deck = loadDeck(deckDir({ 'slides/02-b.md': '# B', 'slides/deck.md': '---\ntitle: T\n---\n# A', 'slides/10-c.md': '# C' }))
    expect(deck.slides.map((s) => `${s.title}@${s.file}`)).toEqual(['A@slides/deck.md', 'B@slides/02-b.md', 'C@slides/10-c.md'])
    expect(deck.title).toBe('T')
  })

  it('a non-UTF-8 file is shown decoded as Windows-1252 with a warning naming the byte', () => {
    const deck = loadDeck(deckDir({ 'slides/deck.md': Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]) }))
    expect(deck.slides[0]!.title).toBe('Café')
    expect(deck.warnings[0]!.code).toBe('deck/not-utf8')
    expect(deck.warnings[0]!.message).toMatch(/0xE9 at offset 5/)
  })

  it('a file over the size limit becomes a placeholder slide, the others still load', () => {
    const big = Buffer.alloc(MAX_SLIDE_FILE_BYTES + 10, 0x61)
    const deck = loadDeck(deckDir({ 'slides/deck.md': '# First', 'slides/huge.md': big }))
    expect(deck.slides.map((s) => s.title)).toEqual(['First', 'huge.md was not loaded'])
    expect(deck.warnings[0]!.code).toBe('deck/file-too-large')
  })
})
