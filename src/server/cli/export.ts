/**
 * `npm run export -- [--deck DIR] [--pdf FILE] [--notes FILE] [--html FILE] [--figures DIR]`
 * and `npm run figures -- [--deck DIR] [--out DIR]`: the exam-day backups and
 * the report figures, rendered by Chromium from the deck served in-process.
 * Without targets, export writes exports/<deck>.pdf and .html in the deck.
 */
import { existsSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { launchChromium } from '../browser/chromium'
import { exportDeck, type ExportTargets } from '../export/export-deck'
import { fail, openDeckSession, parseOptions } from './deck-session'

const EXPORT_USAGE = `Usage: npm run export -- [--deck DIR] [--pdf FILE] [--notes FILE] [--html FILE] [--figures DIR]
  --deck DIR      deck folder; default: the current folder
  --pdf FILE      the slides as a PDF, one 16:9 page per slide (charts as vector graphics)
  --notes FILE    a handout PDF: each slide above its speaker notes (A4)
  --html FILE     one offline HTML file that presents the deck (arrow keys, O for all slides)
  --figures DIR   every chart and model card as PNG + SVG, with figures.md embedding them
With no target: --pdf and --html into exports/ in the deck.`

const FIGURES_USAGE = `Usage: npm run figures -- [--deck DIR] [--out DIR]
  --deck DIR   deck folder; default: the current folder
  --out DIR    where to write; default: reports/figures in the deck`

async function main(): Promise<void> {
  const figuresOnly = process.argv[2] === 'figures'
  const argv = process.argv.slice(figuresOnly ? 3 : 2)
  const { values } = figuresOnly
    ? parseOptions(argv, { values: ['deck', 'out'], flags: [] }, FIGURES_USAGE)
    : parseOptions(argv, { values: ['deck', 'pdf', 'notes', 'html', 'figures'], flags: [] }, EXPORT_USAGE)
  const deckRoot = resolve(values['deck'] ?? process.cwd())
  if (!existsSync(deckRoot) || !statSync(deckRoot).isDirectory()) fail(`The deck folder ${deckRoot} does not exist.`)
  const targets: ExportTargets = {}
  if (figuresOnly) targets.figures = resolve(values['out'] ?? join(deckRoot, 'reports', 'figures'))
  else {
    for (const key of ['pdf', 'notes', 'html', 'figures'] as const) if (values[key]) targets[key] = resolve(values[key]!)
    if (Object.keys(targets).length === 0) {
      const name = basename(deckRoot) || 'deck'
      targets.pdf = join(deckRoot, 'exports', `${name}.pdf`)
      targets.html = join(deckRoot, 'exports', `${name}.html`)
    }
  }
  const launched = await launchChromium()
  if ('reason' in launched) {
    console.error(`demodeck: cannot export: ${launched.reason}. The export renders the slides in Chromium.`)
    process.exit(1)
  }
  const session = await openDeckSession(deckRoot)
  try {
    const deck = session.host.deck()
    if (deck.slides.length === 0) {
      console.error(`demodeck: the deck has no slides to export (${[...deck.errors, ...deck.warnings][0]?.message ?? 'slides/ is empty'}).`)
      process.exitCode = 1
      return
    }
    const started = performance.now()
    const result = await exportDeck(launched.browser, session.url, deck.title, targets, (line) => console.error(line))
    for (const f of result.files) console.log(`${f.path}  (${f.what}, ${(f.bytes / 1024).toFixed(0)} KB)`)
    for (const w of result.warnings) console.error(`warning: ${w}`)
    console.error(`Exported ${deck.slides.length} slides in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
  } finally {
    await launched.browser.close()
    await session.close()
  }
}

void main().catch((error: unknown) => {
  console.error(`demodeck: the export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(1)
})
