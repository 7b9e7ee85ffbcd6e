/**
 * The Cora deck (examples/cora-gcn) in real Chromium at 1280×720: the whole
 * citation graph is painted (a 2-D first frame, then WebGL through sigma.js
 * with the selection and camera carried over; the 2-D canvas alone with a note
 * when WebGL is blocked), a paper found by id or clicked on the
 * canvas shows its bars and neighbours, a what-if edit re-runs the model and
 * lists the papers that changed class, and undo brings the graph back.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { expect, repoRoot, startServer, test as base, type DeckServer } from './fixtures'

const deck = join(repoRoot, 'examples/cora-gcn')
const present = existsSync(join(deck, 'models/cora-gcn/model.onnx'))

const test = base.extend<{ cora: DeckServer }>({
  cora: async ({}, use) => {
    const server = await startServer(deck)
    await use(server)
    await server.stop()
  }
})
test.skip(!present, 'examples/cora-gcn has no trained model')
// Each test walks a whole what-if session in a WebGL canvas drawn in software: give it room on a loaded machine.
test.setTimeout(150_000)

/** Pixels of the graph canvas that are not its background: a blank panel has none. */
async function drawnPixels(stage: Locator): Promise<number> {
  const png = PNG.sync.read(await stage.screenshot())
  let drawn = 0
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!]
    if (Math.abs(r - 0x12) + Math.abs(g - 0x15) + Math.abs(b - 0x1b) > 60) drawn++
  }
  return drawn
}

/** Opens the full-screen demo and waits until `renderer` is the one on screen (no swap left to happen mid-test). */
async function openFullScreen(page: Page, server: DeckServer, renderer: 'webgl' | 'canvas2d' = 'webgl'): Promise<Locator> {
  await page.goto(`${server.url}#/demo/cora-gcn`)
  const demo = page.getByTestId('demo')
  // The first open also starts the inference worker and loads the model: slow on a loaded 2-core machine.
  await expect(demo.getByTestId('graph-stage')).toHaveAttribute('data-painted', 'yes', { timeout: 30_000 })
  await expect(demo.getByTestId('graph-stage')).toHaveAttribute('data-renderer', renderer, { timeout: 30_000 })
  return demo
}

async function findPaper(demo: Locator, id: number): Promise<void> {
  await demo.getByRole('textbox', { name: 'Find a paper by id' }).fill(String(id))
  await demo.getByRole('button', { name: 'Find' }).click()
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', String(id))
}

test('the graph is drawn with WebGL, a found paper shows its bars and neighbours, and a what-if edit can be undone', async ({ page, cora }) => {
  const demo = await openFullScreen(page, cora)
  await expect(demo.getByTestId('graph-canvas')).toHaveAttribute('data-renderer', 'webgl')
  await expect(demo.getByTestId('graph-fallback')).toHaveCount(0)
  expect(await drawnPixels(demo.getByTestId('graph-stage'))).toBeGreaterThan(5000)
  await expect(demo.getByTestId('graph-accuracy')).toHaveText(/test accuracy 8\d\.\d\s?%/)

  await findPaper(demo, 1708)
  const node = demo.getByTestId('graph-node')
  await expect(node.getByTestId('prediction-row')).toHaveCount(5)
  await expect(node.getByText('Paper 1708')).toBeVisible()
  await expect(node.getByTestId('graph-neighbours')).toContainText(/\d+ linked papers?/)
  const cut = node.getByRole('button', { name: /Cut its \d+ links?/ })
  await cut.click()
  const changes = demo.getByTestId('graph-changes')
  await expect(changes).toContainText('1 edit')
  await expect(demo.getByTestId('graph-stage')).toHaveAttribute('data-busy', 'no')
  await expect(node.getByRole('button', { name: 'Cut its 0 links' })).toBeDisabled()
  await node.getByRole('button', { name: 'Blank its words' }).click()
  await expect(changes).toContainText('2 edits')
  await expect(node).toContainText('0 words of 1,433 (blanked)')
  await changes.getByRole('button', { name: /Undo/ }).click()
  await changes.getByRole('button', { name: /Undo/ }).click()
  await expect(changes).toHaveCount(0)
  await expect(node.getByRole('button', { name: /Cut its [1-9]\d* links?/ })).toBeEnabled()
})

test('adding a link to another paper re-runs the model; a bad id gets a message', async ({ page, cora }) => {
  const demo = await openFullScreen(page, cora)
  await findPaper(demo, 2000)
  const node = demo.getByTestId('graph-node')
  const target = node.getByRole('textbox', { name: 'Paper id to link to' })
  await target.fill('99999')
  await node.getByRole('button', { name: /Add a link/ }).click()
  await expect(node.getByRole('alert')).toHaveText('no paper “99999”')
  await target.fill('0')
  await node.getByRole('button', { name: /Add a link/ }).click()
  await expect(demo.getByTestId('graph-changes')).toContainText('1 edit')
  await expect(node.getByTestId('graph-neighbours')).toContainText('0')
  await expect(demo.getByTestId('graph-changed-count')).toHaveText(/^\d+$/)
})

test('clicking a paper on the WebGL canvas selects it, clicking the background clears it', async ({ page, cora }) => {
  const demo = await openFullScreen(page, cora)
  await findPaper(demo, 1708)
  const canvas = demo.getByTestId('graph-stage')
  const box = (await canvas.boundingBox())!
  // The camera flies to the found paper: clicking the centre hits it once the flight ends.
  await page.mouse.click(box.x + 8, box.y + 8)
  await expect(demo.getByTestId('graph-node')).toHaveCount(0)
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708', { timeout: 500 })
  }).toPass({ timeout: 10_000 })
})

test('without WebGL the graph falls back to a 2-D canvas with a note, never a blank panel', async ({ page, cora }) => {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (/webgl/.test(type)) return null
      return (original as (...a: unknown[]) => unknown).call(this, type, ...rest)
    } as typeof original
  })
  const demo = await openFullScreen(page, cora, 'canvas2d')
  await expect(demo.getByTestId('graph-canvas')).toHaveAttribute('data-renderer', 'canvas2d')
  await expect(demo.getByTestId('graph-fallback')).toContainText('WebGL is not available')
  expect(await drawnPixels(demo.getByTestId('graph-stage'))).toBeGreaterThan(5000)
  await findPaper(demo, 1708)
  await expect(demo.getByTestId('graph-node').getByTestId('prediction-row')).toHaveCount(5)
  const box = (await demo.getByTestId('graph-stage').boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
})

test('the whole graph is drawn on a 2-D canvas before WebGL starts; WebGL takes over where the 2-D frame was, selection included', async ({
  page,
  cora
}) => {
  // Hold the WebGL renderer's chunk back until the 2-D frame has been checked: the swap then happens on cue.
  let release = (): void => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/SigmaCanvas-[^/]*\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto(`${cora.url}#/demo/cora-gcn`)
  const demo = page.getByTestId('demo')
  const stage = demo.getByTestId('graph-stage')
  await expect(stage).toHaveAttribute('data-painted', 'yes', { timeout: 30_000 })
  await expect(stage).toHaveAttribute('data-renderer', 'canvas2d')
  await expect(demo.getByTestId('graph-fallback')).toHaveCount(0)
  expect(await drawnPixels(stage)).toBeGreaterThan(5000)
  // The 2-D frame is live: a paper found by id is centred and zoomed in (as sigma's camera would fly).
  await findPaper(demo, 1708)
  await expect(demo.getByTestId('graph-node').getByTestId('prediction-row')).toHaveCount(5)
  const box = (await stage.boundingBox())!
  await page.mouse.click(box.x + 8, box.y + 8)
  await expect(demo.getByTestId('graph-node')).toHaveCount(0)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
  release()
  await expect(stage).toHaveAttribute('data-renderer', 'webgl', { timeout: 30_000 })
  await expect(demo.getByTestId('graph-canvas')).toHaveCount(1)
  expect(await drawnPixels(stage)).toBeGreaterThan(5000)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
  // sigma starts with the 2-D canvas's camera: clearing the selection and clicking the centre hits the same paper.
  // The two clicks come quickly: a click on the background and then on a paper are two clicks, not sigma's
  // double-click zoom.
  await page.mouse.click(box.x + 8, box.y + 8)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
})

test('when the browser takes the WebGL context away, the 2-D canvas comes back where the camera was, selection included', async ({ page, cora }) => {
  const demo = await openFullScreen(page, cora)
  const stage = demo.getByTestId('graph-stage')
  await findPaper(demo, 1708)
  const box = (await stage.boundingBox())!
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  // The camera flies to the found paper: once a click at the centre hits it, the flight is over.
  await expect(async () => {
    await page.mouse.click(centre.x, centre.y)
    await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708', { timeout: 500 })
  }).toPass({ timeout: 10_000 })
  // A GPU reset: the browser takes sigma's WebGL context away.
  const lost = await stage.evaluate((el) => {
    for (const canvas of el.querySelectorAll('canvas')) {
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null
      const lose = gl?.getExtension('WEBGL_lose_context')
      if (lose) {
        lose.loseContext()
        return true
      }
    }
    return false
  })
  expect(lost).toBe(true)
  await expect(stage).toHaveAttribute('data-renderer', 'canvas2d')
  await expect(demo.getByTestId('graph-canvas')).toHaveCount(1)
  await expect(demo.getByTestId('graph-fallback')).toContainText('WebGL context away')
  expect(await drawnPixels(stage)).toBeGreaterThan(5000)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
  // The 2-D canvas shows what sigma showed: the paper is still at the centre.
  await page.mouse.click(box.x + 8, box.y + 8)
  await expect(demo.getByTestId('graph-node')).toHaveCount(0)
  await page.mouse.click(centre.x, centre.y)
  await expect(demo.getByTestId('graph-node')).toHaveAttribute('data-node', '1708')
})

test('the deck opens on its five slides and the demo slide fits 1280×720', async ({ page, cora }) => {
  const deckJson = (await (await fetch(new URL('api/deck', cora.url))).json()) as { slides: Array<{ title: string }>; errors: unknown[] }
  expect(deckJson.errors).toEqual([])
  expect(deckJson.slides.map((s) => s.title.split(':')[0])).toEqual([
    '1 · Problem',
    '2 · Model',
    '3 · Data',
    '4 · Framework and pipeline',
    '5 · Use case'
  ])
  await fetch(new URL('api/sync', cora.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e-graph', slide: 4 })
  })
  await page.goto(cora.url)
  const demo = page.locator('.reveal .slides > section.present').getByTestId('demo')
  await expect(demo.getByTestId('graph-stage')).toHaveAttribute('data-painted', 'yes', { timeout: 30_000 })
  // The page opens on slide 1 and moves to the synced slide 5 in a slide transition; the 2-D frame can be
  // drawn while the slide is still moving in: measure where it comes to rest.
  await expect.poll(() => page.evaluate('document.getAnimations().length')).toBe(0)
  const box = (await demo.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(720)
  expect(box.x + box.width).toBeLessThanOrEqual(1280)
  await expect(demo.getByTestId('graph-accuracy')).toBeVisible()
})

test('the slide before the graph demo already loads and draws the graph; WebGL starts once the demo slide is shown', async ({ page, cora }) => {
  await fetch(new URL('api/sync', cora.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e-graph-near', slide: 3 })
  })
  await page.goto(cora.url)
  await expect(page.locator('.reveal .slides > section.present')).toContainText('4 · Framework')
  const next = page.locator('.reveal .slides > section').nth(4).getByTestId('graph-stage')
  await expect(next).toHaveAttribute('data-painted', 'yes', { timeout: 30_000 })
  await expect(next).toHaveAttribute('data-renderer', 'canvas2d')
  await page.keyboard.press('ArrowRight')
  const shown = page.locator('.reveal .slides > section.present').getByTestId('graph-stage')
  await expect(shown).toHaveAttribute('data-renderer', 'webgl', { timeout: 30_000 })
  await expect.poll(() => drawnPixels(shown)).toBeGreaterThan(5000)
})

/** Pixels of the stage in the "changed class" ring colour (#ffd400), which no class colour comes near. */
async function ringPixels(stage: Locator): Promise<number> {
  const png = PNG.sync.read(await stage.screenshot())
  let ring = 0
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - 0xff) + Math.abs(png.data[i + 1]! - 0xd4) + Math.abs(png.data[i + 2]! - 0x00) < 60) ring++
  }
  return ring
}

test('a what-if answer redraws the papers that changed class with a yellow ring, and undo takes the rings away', async ({ page, cora }) => {
  const demo = await openFullScreen(page, cora)
  const stage = demo.getByTestId('graph-stage')
  const changes = demo.getByTestId('graph-changes')
  expect(await ringPixels(stage)).toBe(0)
  // Blanking paper 1713's words changes only its own class: the canvas redraws just that paper.
  await findPaper(demo, 1713)
  await demo.getByTestId('graph-node').getByRole('button', { name: 'Blank its words' }).click()
  await expect(demo.getByTestId('graph-changed-count')).toHaveText('1')
  await expect.poll(() => ringPixels(stage)).toBeGreaterThan(10)
  await changes.getByRole('button', { name: /Undo/ }).click()
  await expect(changes).toHaveCount(0)
  await expect.poll(() => ringPixels(stage)).toBe(0)
  // Cutting paper 1710's five links changes three papers: the links are dropped, the rings drawn, undo restores both.
  await findPaper(demo, 1710)
  // The camera is flying to the paper: take the picture once two in a row agree.
  let drawn = -1
  await expect.poll(async () => drawn === (drawn = await drawnPixels(stage))).toBe(true)
  await demo.getByTestId('graph-node').getByRole('button', { name: 'Cut its 5 links' }).click()
  await expect(demo.getByTestId('graph-changed-count')).toHaveText('3')
  await expect.poll(() => ringPixels(stage)).toBeGreaterThan(10)
  await changes.getByRole('button', { name: /Undo/ }).click()
  await expect(changes).toHaveCount(0)
  await expect.poll(() => ringPixels(stage)).toBe(0)
  await expect(demo.getByTestId('graph-node').getByRole('button', { name: 'Cut its 5 links' })).toBeEnabled()
  await expect.poll(() => drawnPixels(stage)).toBe(drawn)
})
