/**
 * `npm run check -- [--deck DIR] [--json] [--no-browser]`: the preflight
 * ("Ready for the talk?") from the command line. Serves the deck in-process,
 * measures every slide in Chromium when one is installed, prints the report
 * and exits 1 when it has errors (0 when ready, 2 on a usage error).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { LayoutMeasurement, PreflightReport } from '../../shared/preflight'
import { layoutViewports } from '../../core/preflight/checks'
import { formatReport } from '../../core/preflight/format'
import { readSources } from '../../host/preflight/deck-check'
import { launchChromium } from '../browser/chromium'
import { measureLayout } from '../browser/measure-layout'
import { fail, openDeckSession, parseOptions } from './deck-session'

const USAGE = `Usage: npm run check -- [--deck DIR] [--json] [--no-browser]
  --deck DIR     deck folder (slides/, models/, runs/); default: the current folder
  --json         print the report as JSON
  --no-browser   skip the layout check (it needs Chromium)
Exit status: 0 ready (warnings allowed), 1 errors found, 2 bad usage.`

async function main(): Promise<void> {
  const { values, flags } = parseOptions(process.argv.slice(2), { values: ['deck'], flags: ['json', 'no-browser'] }, USAGE)
  const deckRoot = resolve(values['deck'] ?? process.cwd())
  if (!existsSync(deckRoot) || !statSync(deckRoot).isDirectory()) fail(`The deck folder ${deckRoot} does not exist.`)
  const log = (line: string): void => {
    if (!flags.has('json')) console.error(line)
  }
  const session = await openDeckSession(deckRoot)
  let report: PreflightReport
  try {
    const deck = session.host.deck()
    let layout: LayoutMeasurement[] | undefined
    let layoutNote: string | undefined
    if (flags.has('no-browser')) layoutNote = 'skipped (--no-browser)'
    else if (deck.slides.length === 0) layoutNote = 'the deck has no slides'
    else {
      const launched = await launchChromium()
      if ('reason' in launched) layoutNote = `${launched.reason}`
      else {
        try {
          const viewports = layoutViewports(readSources(deckRoot))
          log(`Measuring ${deck.slides.length} slides at ${viewports.map((v) => `${v.width}×${v.height}`).join(' and ')} in Chromium…`)
          layout = await measureLayout(launched.browser, session.url, deck.slides.length, viewports)
        } catch (error) {
          layoutNote = `the browser could not measure the slides (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
        } finally {
          await launched.browser.close()
        }
      }
    }
    log('Loading models and runs…')
    report = (await session.host.dispatch('deck:check', {
      ...(layout ? { layout } : {}),
      ...(layoutNote ? { layoutNote } : {}),
      clock: false
    })) as PreflightReport
  } finally {
    await session.close()
  }
  console.log(flags.has('json') ? JSON.stringify(report, null, 2) : formatReport(report))
  process.exitCode = report.ok ? 0 : 1
}

void main().catch((error: unknown) => {
  console.error(`demodeck: the check could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(3)
})
