/**
 * Report figures: every chart of the deck as SVG and as PNG (the chart's own
 * export: white background, legend, 2× its on-slide size), and every model
 * card as PNG (a 2× screenshot) and SVG (its HTML in a foreignObject, styles
 * inlined), written to a folder with `figures.md`, a markdown snippet that
 * embeds them for the written report.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

/** One figure file pair and how the snippet describes it. */
export interface Figure {
  slide: number
  kind: 'chart' | 'model-card'
  caption: string
  png: string
  svg: string
}

/** In the page: the charts and model cards in slide order, with what a caption needs. */
const LIST = `(() => Array.from(document.querySelectorAll('[data-testid="print"] .dd-directive-chart, [data-testid="print"] .dd-directive-model-card')).map((el, i) => {
  el.setAttribute('data-figure', String(i))
  const page = el.closest('[data-slide-index]')
  const chart = el.querySelector('[role="region"][aria-label^="Training chart: "]')
  const card = el.querySelector('[data-testid="model-card"]')
  const heading = page ? page.querySelector('h1, h2') : null
  return {
    index: i,
    slide: page ? Number(page.getAttribute('data-slide-index')) : 0,
    kind: el.classList.contains('dd-directive-chart') ? 'chart' : 'model-card',
    label: chart ? chart.getAttribute('aria-label').slice('Training chart: '.length) : card ? (card.getAttribute('aria-label') || 'Model card') : '',
    slideTitle: heading ? heading.textContent.trim() : '',
    drawn: Boolean(chart ? chart.querySelector('svg.recharts-surface path') : card)
  }
}))()`

/** In the page: a model card as a stand-alone SVG (foreignObject with every style inlined). */
const CARD_SVG = `((index) => {
  const el = document.querySelector('[data-figure="' + index + '"] [data-testid="model-card"]')
  const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'text-align', 'text-transform', 'letter-spacing', 'white-space',
    'display', 'flex-direction', 'flex-wrap', 'justify-content', 'align-items', 'gap', 'grid-template-columns', 'grid-column', 'width', 'height', 'min-width', 'max-width',
    'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
    'border-top', 'border-right', 'border-bottom', 'border-left', 'border-radius', 'box-sizing', 'opacity', 'overflow', 'list-style-type', 'vertical-align']
  const clone = el.cloneNode(true)
  const copy = (from, to) => {
    const cs = getComputedStyle(from)
    to.setAttribute('style', props.map((p) => p + ':' + cs.getPropertyValue(p)).join(';'))
    for (let i = 0; i < from.children.length; i++) copy(from.children[i], to.children[i])
  }
  copy(el, clone)
  const box = el.getBoundingClientRect()
  const w = Math.ceil(box.width), h = Math.ceil(box.height)
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('xmlns', ns)
  svg.setAttribute('width', String(w))
  svg.setAttribute('height', String(h))
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h)
  const fo = document.createElementNS(ns, 'foreignObject')
  fo.setAttribute('width', String(w))
  fo.setAttribute('height', String(h))
  const wrap = document.createElementNS('http://www.w3.org/1999/xhtml', 'div')
  wrap.setAttribute('style', 'background:#191919;width:' + w + 'px;height:' + h + 'px')
  wrap.appendChild(clone)
  fo.appendChild(wrap)
  svg.appendChild(fo)
  return new XMLSerializer().serializeToString(svg)
})`

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'figure'
  )
}

/** Saves what clicking one of the figure's own buttons downloads. */
async function download(page: Page, index: number, button: string, path: string): Promise<void> {
  const find = `Array.from(document.querySelectorAll('[data-figure="${index}"] button')).find((x) => x.textContent.trim() === ${JSON.stringify(button)})`
  // Checked before waiting for a download, so a missing button fails at once instead of after the wait.
  if (!(await page.evaluate(`Boolean(${find})`))) throw new Error(`it has no "${button}" button`)
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    // The toolbar is hidden in the print view; a DOM click still reaches React's handler.
    page.evaluate(`${find}.click()`)
  ])
  await file.saveAs(path)
}

/**
 * Writes every figure of the ready print page (opened with deviceScaleFactor 2)
 * into `dir`, plus `figures.md`. Returns the figures and the snippet.
 */
export async function exportFigures(page: Page, dir: string, deckTitle: string): Promise<{ figures: Figure[]; markdown: string; skipped: string[] }> {
  mkdirSync(dir, { recursive: true })
  const found = (await page.evaluate(LIST)) as Array<{
    index: number
    slide: number
    kind: 'chart' | 'model-card'
    label: string
    slideTitle: string
    drawn: boolean
  }>
  const figures: Figure[] = []
  const skipped: string[] = []
  const counts = new Map<number, number>()
  for (const f of found) {
    if (!f.drawn) {
      skipped.push(`slide ${f.slide + 1}: the ${f.kind === 'chart' ? 'chart has nothing drawn' : 'model card did not load'}`)
      continue
    }
    const k = (counts.get(f.slide) ?? 0) + 1
    counts.set(f.slide, k)
    const base = `slide${f.slide + 1}-${f.kind === 'chart' ? 'chart' : 'model-card'}${k > 1 ? `-${k}` : ''}-${slug(f.label)}`
    const png = `${base}.png`
    const svg = `${base}.svg`
    // One figure that cannot be saved costs that figure, not the others nor the PDF printed after them.
    try {
      if (f.kind === 'chart') {
        await download(page, f.index, 'Export SVG', join(dir, svg))
        await download(page, f.index, 'Export PNG', join(dir, png))
      } else {
        await page.locator(`[data-figure="${f.index}"] [data-testid="model-card"]`).screenshot({ path: join(dir, png) })
        writeFileSync(join(dir, svg), (await page.evaluate(`${CARD_SVG}(${f.index})`)) as string)
      }
    } catch (error) {
      for (const file of [png, svg]) rmSync(join(dir, file), { force: true })
      skipped.push(
        `slide ${f.slide + 1}: the ${f.kind === 'chart' ? 'chart' : 'model card'} could not be exported (${(error as Error).message.split('\n')[0]})`
      )
      continue
    }
    const caption =
      f.kind === 'chart'
        ? `Training curves: ${f.label} (slide ${f.slide + 1}, “${f.slideTitle}”)`
        : `${f.label} (slide ${f.slide + 1}, “${f.slideTitle}”)`
    figures.push({ slide: f.slide, kind: f.kind, caption, png, svg })
  }
  const lines = [`<!-- Figures of "${deckTitle}", exported by demodeck (npm run figures). PNG for the report, SVG for print. -->`, '']
  figures.forEach((f, i) => {
    lines.push(`![${f.caption}](${f.png})`, '', `*Figure ${i + 1}: ${f.caption}.* Vector version: [${f.svg}](${f.svg}).`, '')
  })
  const markdown = lines.join('\n')
  writeFileSync(join(dir, 'figures.md'), markdown)
  return { figures, markdown, skipped }
}
