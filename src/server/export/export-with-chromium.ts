/**
 * The backups for the presenter's "Backups" entry in browser mode: launches
 * the system Chromium, prints the running server's print view, closes it.
 * One export at a time; failures are ApiErrors the presenter shows.
 */
import { ApiError } from '../../shared/api'
import type { ExportSummary } from '../../shared/preflight'
import { launchChromium } from '../browser/chromium'
import { exportDeck, type ExportTargets } from './export-deck'

let running: Promise<ExportSummary> | null = null

/** Exports the deck served at `baseUrl` to `targets`. */
export function exportWithChromium(baseUrl: string, deckTitle: string, targets: ExportTargets): Promise<ExportSummary> {
  if (running) return Promise.reject(new ApiError('unprocessable', 'A backup is already being made; wait for it to finish.'))
  if (!baseUrl) return Promise.reject(new ApiError('unprocessable', 'The server is still starting; try again in a moment.'))
  running = (async () => {
    const started = performance.now()
    const launched = await launchChromium()
    if ('reason' in launched) throw new ApiError('unprocessable', `Cannot make the backups: ${launched.reason}. They are printed by Chromium.`)
    try {
      const result = await exportDeck(launched.browser, baseUrl, deckTitle, targets)
      return { files: result.files, warnings: result.warnings, seconds: Math.round((performance.now() - started) / 100) / 10 }
    } finally {
      await launched.browser.close()
    }
  })().finally(() => {
    running = null
  })
  return running
}
