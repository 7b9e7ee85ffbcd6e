import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  findDirectives,
  parseDeck,
  splitFrontMatter,
  splitNotes,
  splitSlides,
  MAX_SLIDE_CHARS,
  MAX_SLIDE_MARKUP,
  MAX_SLIDE_NESTING,
  slideComplexity
} from '../../../../src/core/deck/parse-deck'
import { formatClock, parseDuration } from '../../../../src/core/deck/durations'

const file = (text: string) => [{ path: 'slides/deck.md', text }]

describe('parseDeck on the bundled example deck', () => {
  const text = readFileSync(resolve(__dirname, '../../../../slides/deck.md'), 'utf8')
  const deck = parseDeck(file(text))

  it('has the exam slides (five, and one on the project behind them) with their titles, notes and budgets, then two Q&A backups', () => {
    expect(deck.errors).toEqual([])
    expect(deck.warnings).toEqual([])
    expect(deck.slides.map((s) => s.title)).toEqual([
      expect.stringMatching(/Problem/),
      expect.stringMatching(/Model/),
      expect.stringMatching(/Data/),
      expect.stringMatching(/Framework/),
      expect.stringMatching(/project/),
      expect.stringMatching(/Use case/),
      expect.stringMatching(/Backup · Could it be smaller/),
      expect.stringMatching(/Backup · Would we notice drift/)
    ])
    expect(deck.slides.map((s) => s.backup ?? false)).toEqual([false, false, false, false, false, false, true, true])
    for (const slide of deck.slides) expect(slide.notes.length).toBeGreaterThan(20)
    expect(deck.durationSec).toBe(360)
    expect(deck.qaSec).toBe(600)
    expect(deck.slides.reduce((sum, s) => sum + s.budgetSec, 0)).toBe(360)
  })

  it('finds the live components the slides use', () => {
    const all = deck.slides.flatMap((s) => s.directives.map((d) => d.name))
    expect(all).toContain('demo')
    expect(all).toContain('chart')
    expect(all).toContain('model-card')
    expect(all).toEqual(expect.arrayContaining(['checklist', 'code', 'tree']))
    expect(deck.slides[5]!.directives).toEqual([{ name: 'demo', attributes: { model: 'disaster-tweets' } }])
    expect(deck.links?.map((link) => link.kind)).toEqual(['repository', 'wandb', 'api-docs', 'web', 'web'])
  })
})

describe('front matter', () => {
  it('reads title, authors, duration and qa in several spellings', () => {
    const deck = parseDeck(file('---\ntitle: My talk\nauthors: Ada Lovelace and Alan Turing\nduration: "7:30"\nqa: 5m\n---\n# One\n'))
    expect(deck.title).toBe('My talk')
    expect(deck.authors).toEqual(['Ada Lovelace', 'Alan Turing'])
    expect(deck.durationSec).toBe(450)
    expect(deck.qaSec).toBe(300)
  })

  it('defaults to 6 minutes talk and 10 minutes Q&A, title from the first heading', () => {
    const deck = parseDeck(file('# Hello world\n\ntext'))
    expect(deck.durationSec).toBe(360)
    expect(deck.qaSec).toBe(600)
    expect(deck.title).toBe('Hello world')
  })

  it('broken YAML gives a warning naming the line, and the slides still load', () => {
    const deck = parseDeck(file('---\ntitle: [unclosed\nduration: 6\n---\n# Slide A\n---\n# Slide B\n'))
    expect(deck.slides.map((s) => s.title)).toEqual(['Slide A', 'Slide B'])
    expect(deck.warnings).toHaveLength(1)
    expect(deck.warnings[0]!.code).toBe('deck/front-matter-invalid')
    expect(deck.warnings[0]!.message).toMatch(/not valid YAML/)
    expect(deck.durationSec).toBe(360)
  })

  it('an unclosed front matter block is reported', () => {
    const { problem } = splitFrontMatter('---\ntitle: x\n# Slide', 'slides/deck.md')
    expect(problem?.code).toBe('deck/front-matter-unclosed')
  })

  it('a duration that is not a duration is reported and replaced by the default', () => {
    const deck = parseDeck(file('---\nduration: soon\n---\n# A\n'))
    expect(deck.durationSec).toBe(360)
    expect(deck.warnings[0]!.message).toMatch(/duration: soon/)
  })
})

describe('slides, notes and budgets', () => {
  it('splits on --- lines but not inside code fences', () => {
    expect(splitSlides('# A\n---\n# B\n```\n---\n```\n---\n# C')).toHaveLength(3)
  })

  it('takes notes after Note: (and Notes:)', () => {
    expect(splitNotes('# A\ntext\nNote:\nsay this\nand that')).toEqual({ content: '# A\ntext', notes: 'say this\nand that' })
    expect(splitNotes('# A\nNotes: inline note').notes).toBe('inline note')
    expect(splitNotes('# A\n```\nNote: in code\n```').notes).toBe('')
  })

  it('spreads the time left over by explicit budgets evenly over the other slides', () => {
    const deck = parseDeck(file('---\nduration: 5\n---\n<!-- budget: 2m -->\n# A\n---\n# B\n---\n<!-- budget: 1:00 -->\n# C\n---\n# D'))
    expect(deck.slides.map((s) => s.budgetSec)).toEqual([120, 60, 60, 60])
    expect(deck.slides.map((s) => s.budgetExplicit)).toEqual([true, false, true, false])
    expect(deck.slides[0]!.markdown).not.toMatch(/budget/)
  })

  it('a <!-- backup --> slide is kept for the Q&A: no share of the talk time, the comment gone', () => {
    const deck = parseDeck(
      file('---\nduration: 4\n---\n# A\n---\n<!-- budget: 1m -->\n# B\n---\n<!-- backup -->\n# C\n---\n<!-- APPENDIX -->\n<!-- budget: 2m -->\n# D')
    )
    expect(deck.slides.map((s) => s.backup ?? false)).toEqual([false, false, true, true])
    expect(deck.slides.map((s) => s.budgetSec)).toEqual([180, 60, 0, 0])
    expect(deck.slides.map((s) => s.budgetExplicit)).toEqual([false, true, false, false])
    expect(deck.slides[2]!.markdown).toBe('# C')
    expect(deck.slides[3]!.markdown).toBe('# D')
    expect(deck.warnings).toEqual([])
  })

  it('warns when budgets exceed the talk and when a budget cannot be read', () => {
    const deck = parseDeck(file('<!-- budget: 5m -->\n# A\n---\n<!-- budget: 2m -->\n# B\n---\n<!-- budget: soonish -->\n# C'))
    const codes = deck.warnings.map((w) => w.code)
    expect(codes).toContain('deck/budget-over')
    expect(codes).toContain('deck/budget-invalid')
  })
})

describe('bad decks', () => {
  it('an empty file is an error that says what to write', () => {
    const deck = parseDeck(file('\n\n   \n'))
    expect(deck.slides).toEqual([])
    expect(deck.errors[0]!.code).toBe('deck/empty')
    expect(deck.errors[0]!.message).toMatch(/no slides/)
  })

  it('front matter only is an empty deck too', () => {
    expect(parseDeck(file('---\ntitle: x\n---\n')).errors[0]!.code).toBe('deck/empty')
  })

  it('an unknown directive is a warning that names the known ones, and is still listed on the slide', () => {
    const deck = parseDeck(file('# A\n\n::sparkles{color="gold"}\n'))
    expect(deck.warnings[0]!.code).toBe('deck/unknown-directive')
    expect(deck.warnings[0]!.message).toMatch(/::sparkles.*::demo/)
    expect(deck.slides[0]!.directives[0]!.name).toBe('sparkles')
  })

  it('a demo without a model says how to write it', () => {
    const deck = parseDeck(file('# A\n\n::demo\n'))
    expect(deck.warnings[0]!.message).toMatch(/::demo needs model=/)
  })

  it('a 5 MB slide is cut to the limit with a warning instead of freezing the deck', () => {
    const deck = parseDeck(file(`# Huge\n\n${'word '.repeat(1_000_000)}`))
    expect(deck.slides[0]!.markdown.length).toBeLessThanOrEqual(MAX_SLIDE_CHARS)
    expect(deck.warnings[0]!.code).toBe('deck/slide-too-long')
  })

  it.each([
    ['a blockquote nested 2,500 deep', '>'.repeat(2500) + ' deep thought', /nests blockquotes or lists 2,?500 levels deep \(the limit is 40\)/],
    ['quotes nested with spaces', Array.from({ length: 60 }, (_, i) => '> '.repeat(i + 1) + 'level').join('\n'), /60 levels deep/],
    ['lists nested by indentation', Array.from({ length: 60 }, (_, i) => '  '.repeat(i) + '- item').join('\n'), /levels deep/],
    ['50,000 [', '['.repeat(50_000), /has 50,000 markdown symbols .* \(the limit is 1,500\)/],
    ['5,000 *a', '*a'.repeat(5000), /has 5,000 markdown symbols/]
  ])('%s: the slide shows a notice, the others stay', (_name, body, message) => {
    const deck = parseDeck([
      { path: 'slides/deck.md', text: `# One\n\n---\n\n# Bad\n\n${body}\n\nNote:\nfine notes\n\n---\n\n# Three\n\n::demo{model="wine"}\n` }
    ])
    expect(deck.slides.map((s) => s.title)).toEqual(['One', 'Bad', 'Three'])
    const bad = deck.slides[1]!
    expect(bad.notice).toMatch(message)
    expect([bad.markdown, bad.notes, bad.directives]).toEqual(['', 'fine notes', []])
    expect(deck.warnings).toEqual([
      expect.objectContaining({ code: 'deck/slide-too-complex', slide: 1, message: expect.stringMatching(/^Slide 2: /) })
    ])
    expect(deck.slides[0]!.notice).toBeUndefined()
    expect(deck.slides[2]!.directives).toEqual([{ name: 'demo', attributes: { model: 'wine' } }])
  })

  it('code blocks do not count towards the limits, and real slides are far inside them', () => {
    const json = '```json\n' + Array.from({ length: 800 }, (_, i) => `{"a": [${i}], "b": {"c": "<x>"}}`).join('\n') + '\n```'
    expect(parseDeck([{ path: 'slides/deck.md', text: `# Data\n\n${json}\n` }]).slides[0]!.notice).toBeUndefined()
    const example = parseDeck(file(readFileSync(resolve(__dirname, '../../../../slides/deck.md'), 'utf8')))
    for (const slide of example.slides) {
      const { nesting, markup } = slideComplexity(slide.markdown)
      expect(nesting).toBeLessThan(MAX_SLIDE_NESTING / 5)
      expect(markup).toBeLessThan(MAX_SLIDE_MARKUP / 5)
    }
  })

  it('speaker notes too complex to render are replaced by a notice', () => {
    const deck = parseDeck([{ path: 'slides/deck.md', text: `# Fine\n\nNote:\n${'>'.repeat(3000)} x\n` }])
    expect(deck.slides[0]!.notes).toMatch(/too complex to show/)
    expect(deck.warnings[0]!.code).toBe('deck/notes-too-complex')
  })

  it('text directives such as times and key:value stay text, not components', () => {
    expect(findDirectives('Meet at 10:30, key:value and a:b')).toEqual([])
  })
})

describe('durations', () => {
  it.each([
    [6, 'min', 360],
    ['90s', 's', 90],
    ['1.5m', 's', 90],
    ['1:15', 's', 75],
    ['2 min', 's', 120],
    ['75', 's', 75],
    ['abc', 's', null],
    [-1, 'min', null]
  ] as const)('%s (%s) -> %s', (value, unit, expected) => {
    expect(parseDuration(value, unit)).toBe(expected)
  })

  it('formats clocks', () => {
    expect(formatClock(360)).toBe('6:00')
    expect(formatClock(-65)).toBe('-1:05')
    expect(formatClock(59.9)).toBe('0:59')
  })
})
