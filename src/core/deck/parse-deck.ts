/**
 * Turns deck markdown into a `Deck`: front matter, slides split on `---`,
 * speaker notes after `Note:`, per-slide time budgets and the live-component
 * directives each slide uses. Pure: takes strings, never reads the disk
 * (see src/host/deck/load-deck.ts for that), never throws on bad input —
 * every problem becomes a `Problem` the UI shows.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkDirective from 'remark-directive'
import { visit } from 'unist-util-visit'
import type { Deck, DirectiveUse, Problem, Slide } from '../../shared/types'
import { parseDuration } from './durations'
import { readLinks } from '../project/links'

export const DEFAULT_DURATION_SEC = 6 * 60
export const DEFAULT_QA_SEC = 10 * 60
/** Longest slide markdown we render; longer slides are cut with a warning (a 5 MB slide would freeze the deck). */
export const MAX_SLIDE_CHARS = 100_000
/** Deepest nesting of blockquotes and lists a slide may have (a blockquote 2,500 deep overflowed the renderer's stack). */
export const MAX_SLIDE_NESTING = 40
/** Most markup symbols (see `MARKUP`) a slide may have outside code blocks. */
export const MAX_SLIDE_MARKUP = 1_500

/** Live components the renderer knows, with the attribute each one needs. */
export const KNOWN_DIRECTIVES: Record<string, { required: string[]; summary: string; example?: string }> = {
  demo: { required: ['model'], summary: 'live classification demo of a model in models/' },
  'model-card': { required: ['model'], summary: 'model card read from the ONNX file' },
  chart: { required: [], summary: 'training curves of runs' },
  fragment: { required: [], summary: 'content revealed one step at a time (:::fragment … :::)' },
  columns: { required: [], summary: 'side-by-side columns (:::columns … :::)' },
  checklist: {
    required: ['src'],
    summary: "the task lists of a README (the course's project checklist)",
    example: '::checklist{src="../README.md"}'
  },
  code: {
    required: ['src'],
    summary: 'lines of a file of the project, highlighted',
    example: '::code{src="../src/models/train_model.py" lines="12-40"}'
  },
  tree: { required: [], summary: "the project's folder structure (respects .gitignore)" },
  drift: {
    required: ['model', 'current'],
    summary: 'drift report of a set against a reference (PSI, KS, confidence, predicted class)',
    example: '::drift{model="wine" reference="models/wine/sets/reference.csv" current="models/wine/sets/shifted.csv"}'
  }
}

export interface SourceFile {
  /** Path relative to the deck folder, e.g. `slides/deck.md`. */
  path: string
  text: string
}

interface FrontMatter {
  data: Record<string, unknown>
  body: string
  bodyLineOffset: number
  problem?: Problem
}

const FENCE = /^\s{0,3}(```|~~~)/

/**
 * Tracks fenced code blocks line by line: returns, for each line, whether it
 * is a fence line or inside a fence (where `---`, `Note:` and headings are code).
 */
function fenceTracker(): (line: string) => boolean {
  let fence: string | null = null
  return (line) => {
    const match = FENCE.exec(line)
    if (match) {
      if (fence === null) fence = match[1]!
      else if (match[1] === fence) fence = null
      return true
    }
    return fence !== null
  }
}

/** Splits a leading `---` YAML block from the markdown. */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const normalized = text.replace(/^\uFEFF/, '')
  const lines = normalized.split(/\r?\n/)
  if (lines[0]?.trim() !== '---') return { data: {}, body: normalized, bodyLineOffset: 0 }
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line))
  if (end < 0) {
    return {
      data: {},
      body: lines.slice(1).join('\n'),
      bodyLineOffset: 1,
      problem: {
        code: 'deck/front-matter-unclosed',
        message: `${file}: the front matter starts with --- on line 1 but is never closed with a second ---. Add a line with --- after the title/authors block.`,
        file
      }
    }
  }
  const yamlText = lines.slice(1, end).join('\n')
  const body = lines.slice(end + 1).join('\n')
  /** The front matter ignored, saying why. */
  const ignored = (message: string): FrontMatter => ({
    data: {},
    body,
    bodyLineOffset: end + 1,
    problem: { code: 'deck/front-matter-invalid', message, file }
  })
  try {
    const data = parseYaml(yamlText) as unknown
    if (data === null || data === undefined) return { data: {}, body, bodyLineOffset: end + 1 }
    if (typeof data !== 'object' || Array.isArray(data)) {
      return ignored(`${file}: the front matter must be key: value lines (like "title: My project"); it was ignored.`)
    }
    return { data: data as Record<string, unknown>, body, bodyLineOffset: end + 1 }
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line + 1}` : ''
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return ignored(`${file}: the front matter is not valid YAML${where} (${reason}). The deck uses default title and timing until it is fixed.`)
  }
}

/** Splits markdown into slide chunks on lines that are exactly `---`, ignoring fenced code. */
export function splitSlides(body: string): string[] {
  return splitSlideChunks(body).map((chunk) => chunk.text)
}

/** Like {@link splitSlides}, with each chunk's first line (0-based, within `body`) for messages that point at a line. */
export function splitSlideChunks(body: string): Array<{ text: string; line: number }> {
  const chunks: Array<{ text: string; line: number }> = []
  let current: string[] = []
  let start = 0
  const inCode = fenceTracker()
  body.split(/\r?\n/).forEach((line, i) => {
    if (!inCode(line) && /^---\s*$/.test(line)) {
      chunks.push({ text: current.join('\n'), line: start })
      current = []
      start = i + 1
    } else {
      current.push(line)
    }
  })
  chunks.push({ text: current.join('\n'), line: start })
  return chunks.filter((chunk) => chunk.text.trim() !== '')
}

/** Splits `Note:` speaker notes off a slide chunk (reveal.js markdown convention). */
export function splitNotes(chunk: string): { content: string; notes: string } {
  const lines = chunk.split('\n')
  const inCode = fenceTracker()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!inCode(line) && /^notes?:/i.test(line)) {
      const first = line.replace(/^notes?:\s?/i, '')
      return { content: lines.slice(0, i).join('\n'), notes: [first, ...lines.slice(i + 1)].join('\n').trim() }
    }
  }
  return { content: chunk, notes: '' }
}

const BUDGET_COMMENT = /<!--\s*budget\s*:\s*([^>]*?)\s*-->/i
/** `<!-- backup -->` (or `appendix`): a Q&A backup slide, outside the talk's plan, slide numbers and time budgets. */
const BACKUP_COMMENT = /<!--\s*(?:backup|appendix)\s*-->/i

/**
 * [Note: slide complexity limits]
 * micromark (under remark) is quadratic in some inputs: 5,000 `*a` took 20 s,
 * 5,000 `>` 47 s and 50,000 `[` 12.5 s on the shared 2-core machine, and each
 * blockquote level costs the renderer stack frames. A slide that could freeze
 * or crash the deck is never handed to a markdown parser (here or in the
 * renderer): it gets a `notice` instead. A presentable 1280×720 slide is far
 * inside both limits; code blocks do not count (their text is not parsed).
 */
const MARKUP = /[[\]*_:{}<>!]/g
const PREFIX = /^(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/

/** Why a slide is too complex to parse safely, or null. */
export function slideComplexity(markdown: string): { nesting: number; markup: number } {
  const inCode = fenceTracker()
  let nesting = 0
  let markup = 0
  for (const line of markdown.split('\n')) {
    if (inCode(line)) continue
    const prefix = PREFIX.exec(line)![0]
    const indent = /^[ \t]*/.exec(line)![0].length
    const markers = (prefix.match(/>|[*+-]|\d{1,9}[.)]/g) ?? []).length
    nesting = Math.max(nesting, markers + Math.floor(indent / 2))
    markup += (line.match(MARKUP) ?? []).length
  }
  return { nesting, markup }
}

function extractTitle(markdown: string, index: number): string {
  const inCode = fenceTracker()
  for (const line of markdown.split('\n')) {
    if (inCode(line)) continue
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (heading) return heading[1]!.replace(/[*_`]/g, '').trim()
  }
  return `Slide ${index + 1}`
}

const directiveParser = unified().use(remarkParse).use(remarkDirective)

/** Leaf (`::name{}`) and container (`:::name`) directives used in a slide. */
export function findDirectives(markdown: string): DirectiveUse[] {
  const found: DirectiveUse[] = []
  const tree = directiveParser.parse(markdown)
  visit(tree, (node) => {
    if (node.type === 'leafDirective' || node.type === 'containerDirective') {
      const directive = node as unknown as { name: string; attributes?: Record<string, string | null | undefined> }
      const attributes: Record<string, string> = {}
      for (const [key, value] of Object.entries(directive.attributes ?? {})) {
        if (value !== null && value !== undefined) attributes[key] = value
      }
      found.push({ name: directive.name, attributes })
    }
  })
  return found
}

function readAuthors(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s*(?:,|;| and )\s*/).filter(Boolean)
  if (Array.isArray(value)) return value.map((item) => String(item)).filter(Boolean)
  return []
}

/**
 * Parses the deck's markdown files (in presentation order; front matter is read
 * from the first file only) into a Deck.
 */
export function parseDeck(files: SourceFile[], root = '', revision = 0, initialProblems: Problem[] = []): Deck {
  const warnings: Problem[] = []
  const errors: Problem[] = []
  for (const problem of initialProblems) (problem.code.startsWith('deck/fatal') ? errors : warnings).push(problem)

  let front: Record<string, unknown> = {}
  const drafts: Array<Omit<Slide, 'index' | 'budgetSec' | 'budgetExplicit'> & { budget: number | null }> = []

  files.forEach((file, fileIndex) => {
    const fm = splitFrontMatter(file.text, file.path)
    if (fm.problem) warnings.push(fm.problem)
    if (fileIndex === 0) front = fm.data
    else if (Object.keys(fm.data).length > 0) {
      warnings.push({
        code: 'deck/front-matter-ignored',
        message: `${file.path}: front matter is only read from the first slide file; this block was ignored.`,
        file: file.path
      })
    }
    for (const chunk of splitSlides(fm.body)) {
      const slideNumber = drafts.length
      const split = splitNotes(chunk)
      const { content } = split
      let { notes } = split
      const notesComplexity = slideComplexity(notes)
      if (notesComplexity.nesting > MAX_SLIDE_NESTING || notesComplexity.markup > MAX_SLIDE_MARKUP) {
        notes = `(The notes of this slide are too complex to show: simplify them in ${file.path}.)`
        warnings.push({
          code: 'deck/notes-too-complex',
          message: `Slide ${slideNumber + 1}: the speaker notes nest too deep or hold too many markdown symbols to render; they are not shown.`,
          file: file.path,
          slide: slideNumber
        })
      }
      let markdown = content
      const backup = BACKUP_COMMENT.test(markdown)
      if (backup) markdown = markdown.replace(BACKUP_COMMENT, '')
      let budget: number | null = null
      const budgetMatch = BUDGET_COMMENT.exec(markdown)
      if (budgetMatch) {
        budget = parseDuration(budgetMatch[1], 's')
        if (budget === null) {
          warnings.push({
            code: 'deck/budget-invalid',
            message: `Slide ${slideNumber + 1}: cannot read the budget "${budgetMatch[1]}". Write it like <!-- budget: 75s -->, <!-- budget: 1:15 --> or <!-- budget: 1.5m -->.`,
            file: file.path,
            slide: slideNumber
          })
        }
        markdown = markdown.replace(BUDGET_COMMENT, '')
      }
      if (markdown.length > MAX_SLIDE_CHARS) {
        warnings.push({
          code: 'deck/slide-too-long',
          message: `Slide ${slideNumber + 1} in ${file.path} has ${markdown.length.toLocaleString('en')} characters; only the first ${MAX_SLIDE_CHARS.toLocaleString('en')} are shown. Move long material to an appendix file.`,
          file: file.path,
          slide: slideNumber
        })
        markdown = markdown.slice(0, MAX_SLIDE_CHARS)
      }
      const { nesting, markup } = slideComplexity(markdown)
      let notice: string | undefined
      if (nesting > MAX_SLIDE_NESTING) {
        notice = `This slide nests blockquotes or lists ${nesting.toLocaleString('en')} levels deep (the limit is ${MAX_SLIDE_NESTING}), so it is not shown. Flatten it in ${file.path}.`
      } else if (markup > MAX_SLIDE_MARKUP) {
        notice = `This slide has ${markup.toLocaleString('en')} markdown symbols ([ ] * _ : { } < > !) outside code blocks (the limit is ${MAX_SLIDE_MARKUP.toLocaleString('en')}), so it is not shown. Put long material in a \`\`\` code block or split the slide (${file.path}).`
      }
      if (notice) {
        warnings.push({ code: 'deck/slide-too-complex', message: `Slide ${slideNumber + 1}: ${notice}`, file: file.path, slide: slideNumber })
        drafts.push({
          title: extractTitle(markdown, slideNumber),
          markdown: '',
          notes,
          directives: [],
          file: file.path,
          budget,
          notice,
          ...(backup && { backup })
        })
        continue
      }
      const directives = findDirectives(markdown)
      for (const directive of directives) {
        const known = KNOWN_DIRECTIVES[directive.name]
        if (!known) {
          warnings.push({
            code: 'deck/unknown-directive',
            message: `Slide ${slideNumber + 1}: "::${directive.name}" is not a demodeck component (known: ${Object.keys(KNOWN_DIRECTIVES)
              .map((name) => `::${name}`)
              .join(', ')}). It shows as a notice on the slide.`,
            file: file.path,
            slide: slideNumber
          })
          continue
        }
        for (const attribute of known.required) {
          if (!directive.attributes[attribute]) {
            warnings.push({
              code: 'deck/directive-attribute-missing',
              message: `Slide ${slideNumber + 1}: ::${directive.name} needs ${attribute}="…", e.g. ${known.example ?? `::${directive.name}{${attribute}="disaster-tweets"}`}.`,
              file: file.path,
              slide: slideNumber
            })
          }
        }
      }
      drafts.push({
        title: extractTitle(markdown, slideNumber),
        markdown: markdown.trim(),
        notes,
        directives,
        file: file.path,
        budget,
        ...(backup && { backup })
      })
    }
  })

  const title = typeof front['title'] === 'string' && front['title'].trim() ? front['title'].trim() : (drafts[0]?.title ?? 'Untitled deck')
  const durationSec = readDurationField(front, 'duration', DEFAULT_DURATION_SEC, warnings)
  const qaSec = readDurationField(front, 'qa', DEFAULT_QA_SEC, warnings)

  if (files.length > 0 && drafts.length === 0) {
    errors.push({
      code: 'deck/empty',
      message: `The deck has no slides: ${files.map((f) => f.path).join(', ')} ${files.length === 1 ? 'is' : 'are'} empty. Write markdown with a "# Title" per slide and --- lines between slides.`
    })
  }

  // Spread the time left over by explicit budgets evenly over the other slides; backup slides are after the talk.
  for (const draft of drafts) if (draft.backup) draft.budget = 0
  const explicitTotal = drafts.reduce((sum, slide) => sum + (slide.budget ?? 0), 0)
  const implicitCount = drafts.filter((slide) => slide.budget === null).length
  if (explicitTotal > durationSec) {
    warnings.push({
      code: 'deck/budget-over',
      message: `The slide budgets add up to ${Math.round(explicitTotal)} s but the talk is ${durationSec} s long. Shorten some budgets or raise "duration" in the front matter.`
    })
  }
  const share = implicitCount > 0 ? Math.max(0, durationSec - explicitTotal) / implicitCount : 0
  const slides: Slide[] = drafts.map(({ budget, ...slide }, index) => ({
    ...slide,
    index,
    budgetSec: Math.round(budget ?? share),
    budgetExplicit: budget !== null && !slide.backup
  }))

  const deck: Deck = {
    title,
    authors: readAuthors(front['authors'] ?? front['author']),
    durationSec,
    qaSec,
    slides,
    warnings,
    errors,
    root,
    revision,
    assetBase: ''
  }
  if (typeof front['theme'] === 'string') deck.theme = front['theme']
  const links = readLinks(front['links'], warnings, files[0]?.path)
  if (links.length > 0) deck.links = links
  return deck
}

function readDurationField(front: Record<string, unknown>, key: string, fallback: number, warnings: Problem[]): number {
  if (!(key in front) || front[key] === null) return fallback
  const value = parseDuration(front[key], 'min')
  if (value === null || value <= 0) {
    warnings.push({
      code: 'deck/duration-invalid',
      message: `Front matter "${key}: ${String(front[key])}" is not a duration; using ${fallback / 60} min. Write minutes (6), "6m", "6:00" or "360s".`
    })
    return fallback
  }
  return value
}
