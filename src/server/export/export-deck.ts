/**
 * Makes the exam-day backups of a served deck with Chromium: the slides as a
 * PDF (one 16:9 page per slide, vector text and charts), the speaker-notes
 * handout PDF, one offline HTML file, and the report figures. Each output is
 * optional; all of them come from the same print view, rendered once.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Browser } from 'playwright-core'
import { exportFigures, type Figure } from './figures'
import { snapshotHtml } from './html-snapshot'
import { openPrintPage } from './print-page'

export interface ExportTargets {
  /** Slides PDF path. */
  pdf?: string
  /** Speaker-notes handout PDF path. */
  notes?: string
  /** Offline HTML path. */
  html?: string
  /** Folder for the report figures. */
  figures?: string
}

export interface ExportResult {
  files: Array<{ path: string; bytes: number; what: string }>
  figures: Figure[]
  /** Things the copies miss (a demo that showed no prediction, a font that could not be inlined…). */
  warnings: string[]
  /** Milliseconds per step, for the bench. */
  timings: Record<string, number>
}

/** Renders the print view of `baseUrl` and writes the requested targets. */
export async function exportDeck(
  browser: Browser,
  baseUrl: string,
  deckTitle: string,
  targets: ExportTargets,
  log: (line: string) => void = () => undefined
): Promise<ExportResult> {
  const result: ExportResult = { files: [], figures: [], warnings: [], timings: {} }
  const note = (path: string, what: string): void => {
    result.files.push({ path, bytes: statSync(path).size, what })
  }
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now()
    try {
      return await work()
    } finally {
      result.timings[name] = Math.round(performance.now() - start)
    }
  }
  for (const path of [targets.pdf, targets.notes, targets.html]) if (path) mkdirSync(dirname(path), { recursive: true })

  if (targets.pdf || targets.html || targets.figures) {
    log('Rendering the slides…')
    const print = await timed('render', () => openPrintPage(browser, baseUrl, 'slides'))
    try {
      result.warnings.push(...print.incomplete)
      if (targets.figures) {
        log('Exporting figures…')
        // A backup without figures beats no backup: the PDF and the HTML are still made when this fails.
        try {
          const { figures, skipped } = await timed('figures', () => exportFigures(print.page, targets.figures!, deckTitle))
          result.figures = figures
          result.warnings.push(...skipped)
          for (const f of figures) {
            note(`${targets.figures}/${f.png}`, `figure (PNG): ${f.caption}`)
            note(`${targets.figures}/${f.svg}`, `figure (SVG): ${f.caption}`)
          }
          note(`${targets.figures}/figures.md`, 'markdown snippet embedding the figures')
        } catch (error) {
          result.warnings.push(`the report figures could not be exported: ${(error as Error).message.split('\n')[0]}`)
        }
      }
      if (targets.pdf) {
        log('Printing the PDF…')
        await timed('pdf', async () => {
          await print.page.emulateMedia({ media: 'screen' })
          await print.page.pdf({
            path: targets.pdf!,
            width: '1280px',
            height: '720px',
            printBackground: true,
            margin: { top: '0', right: '0', bottom: '0', left: '0' }
          })
        })
        note(targets.pdf, 'slides PDF')
      }
      if (targets.html) {
        log('Writing the offline HTML…')
        const snapshot = await timed('html', () => snapshotHtml(print.page, print.requested))
        writeFileSync(targets.html, snapshot.html)
        result.warnings.push(...snapshot.dropped.map((url) => `the HTML copy leaves out ${url} (not part of the deck, or it did not load)`))
        note(targets.html, 'offline HTML')
      }
    } finally {
      await print.context.close()
    }
  }
  if (targets.notes) {
    log('Printing the speaker notes…')
    const print = await timed('notes-render', () => openPrintPage(browser, baseUrl, 'notes'))
    try {
      await timed('notes-pdf', async () => {
        await print.page.emulateMedia({ media: 'screen' })
        await print.page.pdf({ path: targets.notes!, format: 'A4', printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } })
      })
      note(targets.notes, 'speaker-notes handout PDF')
    } finally {
      await print.context.close()
    }
  }
  return result
}
