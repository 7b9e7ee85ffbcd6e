/**
 * Opens the renderer's print view (`/print`, `/print/notes`) of a served deck
 * in Chromium and waits until every live component is complete: charts drawn,
 * model cards loaded, demos (and A/B demos) showing their first example's prediction, drift histograms drawn (see
 * [Note: print readiness] in PrintView.tsx). A component that never gets there
 * is reported, and the copy is made anyway: a backup with one blank box beats
 * no backup.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

/** In the page: what is still incomplete (empty when the copy can be taken). */
const PENDING = `(() => {
  const root = document.querySelector('[data-testid="print"]')
  if (!root) return ['the print view did not render']
  const pending = []
  root.querySelectorAll('[data-slide-index]').forEach((page) => {
    const n = Number(page.getAttribute('data-slide-index')) + 1
    if (page.querySelector('.dd-directive-loading, .dm-loading') || /Loading (runs|training history|model|chart|demo)/.test(page.textContent || '')) pending.push('slide ' + n + ': still loading')
    page.querySelectorAll('[data-testid="demo"]').forEach((demo) => {
      if (demo.querySelector('.dm-model-errors, .dm-alert')) return
      if (!demo.querySelector('[data-testid="prediction-row"]')) pending.push('slide ' + n + ': the demo shows no prediction')
    })
    page.querySelectorAll('[data-testid="ab-demo"]').forEach((ab) => {
      if (ab.querySelector('.dm-alert')) return
      if (ab.querySelectorAll('[data-testid="prediction-row"]').length === 0 || !ab.querySelector('.ab-agreement.is-agree, .ab-agreement.is-disagree'))
        pending.push('slide ' + n + ': the A/B demo shows no answers')
    })
    page.querySelectorAll('[data-testid="drift-report"]').forEach((report) => {
      if (!report.querySelector('[data-testid="drift-chart"] svg.recharts-surface path')) pending.push('slide ' + n + ': the drift histogram is not drawn')
    })
    page.querySelectorAll('.dd-directive-chart').forEach((chart) => {
      if (chart.querySelector('.dd-chart-empty, [role="alert"]')) return
      if (!chart.querySelector('svg.recharts-surface path')) pending.push('slide ' + n + ': the chart is not drawn')
    })
  })
  if (document.fonts.status !== 'loaded') pending.push('fonts are loading')
  return pending
})()`

export interface PrintPage {
  page: Page
  context: BrowserContext
  /** Same-origin URLs the page loaded (fonts, images), for inlining into the HTML copy. */
  requested: Set<string>
  /** What was still incomplete when the wait ended. */
  incomplete: string[]
}

/** Opens the print view and waits for it (at most `timeoutMs`). */
export async function openPrintPage(browser: Browser, baseUrl: string, kind: 'slides' | 'notes', timeoutMs = 60_000): Promise<PrintPage> {
  // 2× pixels: the figures' screenshots are at report resolution (the PDF and chart SVGs are vector anyway).
  const context = await browser.newContext({
    viewport: kind === 'slides' ? { width: 1280, height: 720 } : { width: 794, height: 1123 },
    deviceScaleFactor: 2,
    acceptDownloads: true,
    // The app's CSP has no 'unsafe-eval'; the readiness probe is an evaluated string.
    bypassCSP: true
  })
  const requested = new Set<string>()
  const origin = new URL(baseUrl).origin
  context.on('request', (request) => {
    if (request.url().startsWith(origin)) requested.add(request.url())
  })
  const page = await context.newPage()
  await page.goto(new URL(kind === 'slides' ? 'print' : 'print/notes', baseUrl).href)
  await page.waitForSelector('[data-testid="print"]', { timeout: 30_000 })
  let incomplete: string[] = []
  try {
    await page.waitForFunction(`${PENDING}.length === 0`, undefined, { timeout: timeoutMs, polling: 100 })
  } catch {
    incomplete = (await page.evaluate(PENDING)) as string[]
  }
  // Two frames: charts lay out in the height their slide leaves after the first paint.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
  return { page, context, requested, incomplete }
}
