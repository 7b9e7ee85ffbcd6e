/**
 * The exam-day backups and report figures of the example deck, made by the
 * built CLI (`npm run export`) with Debian's Chromium, then checked as a
 * person would: poppler reads the PDFs (titles, page count and size, vector
 * chart, the demo's real prediction), the HTML is opened from disk in
 * Chromium with every non-file request aborted and presented slide by slide,
 * and the figures are valid PNG/SVG of the right size that the snippet embeds.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { copyDeck, expect, outDir, removeDir, repoRoot, startServer, test } from './fixtures'
import { loadDeck } from '../../src/host/deck/load-deck'

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0
const deck = loadDeck(repoRoot)
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase()

let dir = ''
let output = ''

function pdf(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(300_000)
  dir = mkdtempSync(join(tmpdir(), 'demodeck-export-'))
  const args = [
    join(outDir, 'main', 'export.js'),
    '--deck',
    repoRoot,
    '--pdf',
    join(dir, 'deck.pdf'),
    '--notes',
    join(dir, 'notes.pdf'),
    '--html',
    join(dir, 'deck.html'),
    '--figures',
    join(dir, 'figures')
  ]
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('exit', done)
  })
  expect(code, output).toBe(0)
})

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the export says what it wrote and has nothing to warn about', () => {
  expect(output).toContain(join(dir, 'deck.pdf'))
  expect(output).toContain(`Exported ${deck.slides.length} slides in`)
  expect(output).not.toContain('warning:')
})

test.describe('slides PDF', () => {
  test.skip(!hasPoppler, 'poppler-utils (pdftotext) is not installed; .ci/run installs it')

  test('one 16:9 page per slide, every title as text', () => {
    const info = pdf('pdfinfo', [join(dir, 'deck.pdf')])
    expect(info).toMatch(new RegExp(`Pages:\\s+${deck.slides.length}\\b`))
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!
    expect(Number(size[1]) / Number(size[2])).toBeCloseTo(16 / 9, 3)
    for (const [i, slide] of deck.slides.entries()) {
      const text = squash(pdf('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), join(dir, 'deck.pdf'), '-']))
      expect(text, `page ${i + 1}`).toContain(squash(slide.title))
    }
  })

  test('charts are vector paths, not pictures; the card and the demo are there with real values', () => {
    const chartPage = deck.slides.findIndex((s) => s.directives.some((d) => d.name === 'chart')) + 1
    const svg = pdf('pdftocairo', ['-svg', '-f', String(chartPage), '-l', String(chartPage), join(dir, 'deck.pdf'), '-'])
    const textPage = pdf('pdftocairo', ['-svg', '-f', '1', '-l', '1', join(dir, 'deck.pdf'), '-'])
    const paths = (s: string): number => (s.match(/<path /g) ?? []).length
    expect(paths(svg)).toBeGreaterThan(paths(textPage) + 50)
    expect(
      pdf('pdfimages', ['-list', '-f', String(chartPage), '-l', String(chartPage), join(dir, 'deck.pdf')])
        .trim()
        .split('\n').length
    ).toBe(2) // header lines only

    const cardPage = deck.slides.findIndex((s) => s.directives.some((d) => d.name === 'model-card')) + 1
    const card = squash(pdf('pdftotext', ['-f', String(cardPage), '-l', String(cardPage), join(dir, 'deck.pdf'), '-']))
    expect(card).toContain('parameters')
    expect(card).toContain('export parity')
    const demoPage = deck.slides.findIndex((s) => s.directives.some((d) => d.name === 'demo')) + 1
    const demo = squash(pdf('pdftotext', ['-f', String(demoPage), '-l', String(demoPage), join(dir, 'deck.pdf'), '-']))
    // The first example (an earthquake tweet) with the model's real answer.
    expect(demo).toContain('magnitude 6.1 earthquake')
    expect(demo).toMatch(/disaster \d{1,3}\.\d%/)

    // The Q&A backups: the A/B with both models' answers, the drift report with its verdict, numbered apart.
    const pageOf = (name: string): string => {
      const page = deck.slides.findIndex((s) => s.directives.some((d) => d.name === name && (name !== 'demo' || d.attributes['compare']))) + 1
      return squash(pdf('pdftotext', ['-f', String(page), '-l', String(page), join(dir, 'deck.pdf'), '-']))
    }
    const ab = pageOf('demo')
    expect(ab).toContain('same answer')
    expect(ab).toContain('disaster tweets (int8)')
    expect(ab).toContain('3.6 mib')
    expect(ab).toContain('agreed on 1 of 1')
    expect(ab).toContain('backup 1 / 2')
    expect(pageOf('drift')).toContain('3 of 13 features drifted')
  })

  test('the handout has each slide with its notes on A4', () => {
    const info = pdf('pdfinfo', [join(dir, 'notes.pdf')])
    expect(info).toMatch(new RegExp(`Pages:\\s+${deck.slides.length}\\b`))
    expect(info).toContain('(A4)')
    const first = squash(pdf('pdftotext', ['-f', '1', '-l', '1', join(dir, 'notes.pdf'), '-']))
    expect(first).toContain(squash(deck.slides[0]!.notes.split('\n')[0]!))
  })
})

test('the HTML copy presents every slide from disk with the network blocked', async ({ page }) => {
  const html = readFileSync(join(dir, 'deck.html'), 'utf8')
  expect(html).not.toMatch(/https?:\/\/127\.0\.0\.1/)
  expect(html).not.toMatch(/<script[^>]+src=/)
  const blocked: string[] = []
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue()
    blocked.push(route.request().url())
    return route.abort()
  })
  await page.goto(pathToFileURL(join(dir, 'deck.html')).href)
  for (const [i, slide] of deck.slides.entries()) {
    const current = page.locator('.dd-print-slide.dd-current')
    await expect(current).toHaveAttribute('data-slide-index', String(i))
    await expect(current.locator('h1')).toHaveText(new RegExp(slide.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'))
    await expect(current).toBeInViewport({ ratio: 0.95 })
    if (slide.directives.some((d) => d.name === 'chart')) {
      // The curves themselves: path data with many points, not just axis ticks.
      const lines = await current
        .locator('svg.recharts-surface path')
        .evaluateAll((paths) => paths.filter((p) => /^M[^M]*L/.test(p.getAttribute('d') ?? '')).length)
      expect(lines).toBeGreaterThanOrEqual(4)
    }
    if (slide.directives.some((d) => d.name === 'demo')) await expect(current.getByTestId('prediction-row').first()).toContainText(/disaster\s*\d/)
    if (slide.directives.some((d) => d.name === 'model-card')) await expect(current.getByTestId('card-params')).toHaveText(/\d/)
    await page.keyboard.press('ArrowRight')
  }
  await expect(page.locator('.dd-print-slide.dd-current')).toHaveAttribute('data-slide-index', String(deck.slides.length - 1))
  await page.keyboard.press('Home')
  await expect(page.locator('.dd-print-slide.dd-current')).toHaveAttribute('data-slide-index', '0')
  // The fonts came inlined: the title font is the deck's, not a fallback.
  expect(await page.evaluate(() => document.fonts.check('bold 40px "Source Sans Pro"'))).toBe(true)
  expect(blocked).toEqual([])
})

test('report figures: valid PNG and SVG of each chart and the model card, at 2×, embedded by figures.md', async ({ page }) => {
  const folder = join(dir, 'figures')
  const markdown = readFileSync(join(folder, 'figures.md'), 'utf8')
  const images = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)].map((m) => m[1]!)
  const charts = deck.slides.flatMap((s) => s.directives.filter((d) => d.name === 'chart'))
  const cards = deck.slides.flatMap((s) => s.directives.filter((d) => d.name === 'model-card'))
  expect(images).toHaveLength(charts.length + cards.length)
  for (const png of images) {
    const svgName = png.replace(/\.png$/, '.svg')
    expect(markdown).toContain(`(${svgName})`)
    expect(existsSync(join(folder, png)), png).toBe(true)
    const size = pngSize(join(folder, png))
    const svg = readFileSync(join(folder, svgName), 'utf8')
    const w = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1])
    const h = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1])
    expect(Math.abs(size.width - 2 * w), `${png} width`).toBeLessThanOrEqual(2)
    expect(Math.abs(size.height - 2 * h), `${png} height`).toBeLessThanOrEqual(2)
    if (png.includes('-chart')) expect(size.width).toBeGreaterThanOrEqual(2000)
    // The SVG is a well-formed document a browser draws.
    await page.goto(pathToFileURL(join(folder, svgName)).href)
    expect(await page.evaluate(() => document.documentElement.tagName + (document.querySelector('parsererror') ? ' parsererror' : ''))).toBe('svg')
    if (png.includes('-chart')) expect(await page.locator('path').count()).toBeGreaterThanOrEqual(4)
  }
})

test('the presenter’s Backups entry writes the PDF, handout, HTML and figures into the deck', async ({ page }) => {
  test.setTimeout(300_000)
  const copy = copyDeck()
  const server = await startServer(copy)
  try {
    await page.goto(server.url + 'presenter')
    await page.getByTestId('backups-button').click()
    const panel = page.getByRole('dialog', { name: 'Backups' })
    await panel.getByRole('button', { name: 'Make the backups' }).click()
    await expect(panel.getByTestId('backups-done')).toBeVisible({ timeout: 240_000 })
    const name = basename(copy)
    for (const file of [`exports/${name}.pdf`, `exports/${name}-notes.pdf`, `exports/${name}.html`, 'reports/figures/figures.md']) {
      await expect(panel).toContainText(join(copy, file))
      expect(statSync(join(copy, file)).size, file).toBeGreaterThan(500)
    }
    expect(
      readFileSync(join(copy, 'exports', `${name}.pdf`))
        .subarray(0, 5)
        .toString()
    ).toBe('%PDF-')
  } finally {
    await server.stop()
    removeDir(copy)
  }
})
