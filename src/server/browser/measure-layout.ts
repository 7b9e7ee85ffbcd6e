/**
 * Measures every slide of the audience view in a real browser, at 1280×720
 * and at the configured projector size: how far its content runs past the
 * 1280×720 slide (reveal.js cuts that off, silently), and the smallest text
 * on screen. Live components are measured as shown (charts drawn, demos and
 * model cards loaded), since they decide how much room a slide has left.
 */
import type { Browser, Page } from 'playwright-core'
import type { LayoutMeasurement } from '../../shared/preflight'

/** Overflow below this many slide pixels is rounding. */
const SLACK_PX = 4

/** In the page: true once the current slide's live components have loaded (no loading notice left). */
const SLIDE_SETTLED = `(() => {
  const section = document.querySelector('.reveal .slides > section.present')
  if (!section) return false
  // Every live component's loading state: lazy code, models, runs, and the project's files (::checklist, ::code, ::tree).
  if (section.querySelector('.dd-directive-loading, .dm-loading, .dd-project-loading')) return false
  if (document.fonts && document.fonts.status !== 'loaded') return false
  const text = section.textContent || ''
  return !/Loading (runs|training history|model|chart|demo)/.test(text)
})()`

/** In the page: overflow of the current slide in slide pixels, and its smallest text outside live components in screen pixels. */
const MEASURE = `(() => {
  const section = document.querySelector('.reveal .slides > section.present')
  const slides = document.querySelector('.reveal .slides')
  if (!section || !slides) return null
  const content = section.querySelector('.dd-slide-content') || section
  const slideW = 1280, slideH = 720
  const scale = slides.getBoundingClientRect().width / slideW || 1
  // The slide's own blocks, not what scrolls inside a live component (a chart's footnote, a demo's history).
  let bottom = section.offsetHeight, right = section.offsetWidth
  for (const child of content.children) {
    if (!(child instanceof HTMLElement)) continue
    const top = child.offsetParent === section ? 0 : content.offsetTop
    bottom = Math.max(bottom, top + child.offsetTop + child.offsetHeight)
    right = Math.max(right, child.offsetLeft + child.offsetWidth)
  }
  const over = bottom - slideH
  const wide = right - slideW
  let smallest = null
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent || !node.textContent.trim()) continue
    const el = node.parentElement
    if (!el || el.closest('.dd-directive, svg, .fragment:not(.visible)')) continue
    const rect = el.getBoundingClientRect()
    if (rect.width === 0 || rect.height === 0) continue
    const px = parseFloat(getComputedStyle(el).fontSize) * scale
    if (smallest === null || px < smallest) smallest = px
  }
  return { over: Math.ceil(Math.max(over, wide)), smallest }
})()`

async function showSlide(page: Page, baseUrl: string, slide: number): Promise<void> {
  // Through the host, like the presenter: the audience window follows the shared state.
  await page.evaluate(
    `fetch(${JSON.stringify(new URL('api/sync', baseUrl).href)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ origin: 'preflight', slide: ${slide}, fragment: -1 }) })`
  )
  await page.waitForSelector(`.reveal .slides > section.present[data-slide-index="${slide}"]`, { timeout: 15_000 })
  await page.waitForFunction(SLIDE_SETTLED, undefined, { timeout: 30_000 })
  // Two frames: the chart lays itself out in the height the slide leaves, after the first paint.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
}

/**
 * Shows each slide of the deck served at `baseUrl` at each viewport and
 * measures it. Leaves the shared state on slide 1 with the clocks untouched.
 */
export async function measureLayout(
  browser: Browser,
  baseUrl: string,
  slideCount: number,
  viewports: Array<{ width: number; height: number }>
): Promise<LayoutMeasurement[]> {
  const out: LayoutMeasurement[] = []
  for (const viewport of viewports) {
    // The app's CSP has no 'unsafe-eval'; our own probes are evaluated strings, so the harness context bypasses it.
    const context = await browser.newContext({ viewport, bypassCSP: true })
    try {
      const page = await context.newPage()
      await page.goto(baseUrl)
      await page.waitForSelector('[data-testid="audience"][data-synced="true"]', { timeout: 30_000 })
      const measurement: LayoutMeasurement = { viewport, overflow: [], source: 'Chromium, audience view' }
      for (let slide = 0; slide < slideCount; slide++) {
        await showSlide(page, baseUrl, slide)
        const m = (await page.evaluate(MEASURE)) as { over: number; smallest: number | null } | null
        if (!m) continue
        if (m.over > SLACK_PX) measurement.overflow.push({ slide, px: m.over })
        if (m.smallest !== null && (!measurement.smallestText || m.smallest < measurement.smallestText.px)) {
          measurement.smallestText = { slide, px: Math.round(m.smallest * 10) / 10 }
        }
      }
      if (slideCount > 0) await showSlide(page, baseUrl, 0)
      out.push(measurement)
    } finally {
      await context.close()
    }
  }
  return out
}
