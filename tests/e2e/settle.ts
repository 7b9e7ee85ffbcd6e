/**
 * Race-free ways for e2e specs to reach a slide, to start from warm models and
 * to read a box.
 *
 * [Note: reach a slide through the host]
 * A server keeps the slide the last window (or an earlier test of the same
 * file) left the deck on, and a page joins that slide a moment after it loads.
 * Clicking "next" until the title read once matches can read a slide that is
 * about to change and click one time too many. These helpers move the host's
 * shared state to the slide (as a presenter window would) and then wait for
 * the page to show it, so how the page got there never depends on timing.
 */
import type { Locator, Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { expect, type DeckServer } from './fixtures'
import type { Deck, ModelInfo, PredictInput } from '../../src/shared/types'

/** Moves the shared presenter/audience state to slide `slide` (0-based), before its first step, as another window would. */
export async function syncToSlide(server: DeckServer, slide: number): Promise<void> {
  const response = await fetch(new URL('api/sync', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ origin: 'e2e-navigate', slide, fragment: -1 })
  })
  expect(response.ok, `POST api/sync {slide: ${slide}}`).toBe(true)
}

/** The index of the deck's slide titled `title` (the host's parsed deck). */
export async function slideIndex(server: DeckServer, title: string): Promise<number> {
  const deck = (await (await fetch(new URL('api/deck', server.url))).json()) as Deck
  const index = deck.slides.findIndex((s) => s.title === title)
  expect(index, `the deck has a slide titled "${title}" (it has ${deck.slides.map((s) => `"${s.title}"`).join(', ')})`).toBeGreaterThanOrEqual(0)
  return index
}

/**
 * Opens the audience page on the slide titled `title` (see [Note: reach a slide through the host]) and
 * returns the current slide once it shows that title.
 */
export async function openAtSlide(page: Page, server: DeckServer, title: string): Promise<Locator> {
  await syncToSlide(server, await slideIndex(server, title))
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  const present = page.locator('.reveal .slides > section.present')
  await expect(present.locator('h1, h2').first()).toHaveText(title)
  return present
}

/** The box of `locator` once two reads 100 ms apart agree (reveal.js animates and re-centres slides; panels fill in). */
export async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = ''
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await locator.boundingBox())
        const settled = now === last && now !== 'null'
        last = now
        return settled
      },
      { intervals: [100] }
    )
    .toBe(true)
  return JSON.parse(last) as { x: number; y: number; width: number; height: number }
}

// [Note: warm the models a spec types into]
// A model's first answer on a fresh server waits for its inference process: a Node process that loads
// ONNX Runtime and the model, while the host also warms the deck's other models. That is seconds on a
// quiet laptop and well over the 10 s an assertion waits on a loaded 2-core CI machine, so a spec that
// checks what the page shows (not how fast a cold start is: that is `npm run bench`) first asks each
// model it uses for one answer over the API, and its assertions then wait on a warm model.

/** An input model `model` accepts: its first example, or (image models) a small black PNG. */
function inputFor(model: ModelInfo): PredictInput {
  const example = model.examples[0]
  if (model.task === 'text-classification') return { text: example?.text ?? 'warm-up' }
  if (model.task === 'tabular-classification') return { features: example?.features ?? {} }
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(0)
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255
  return { image: `data:image/png;base64,${PNG.sync.write(png).toString('base64')}` }
}

/**
 * Asks each model in `ids` for one prediction (see [Note: warm the models a spec types into]) and fails
 * with the host's reason when one cannot answer. Call it before clearing the prediction log.
 */
export async function warmModels(server: DeckServer, ids: readonly string[]): Promise<void> {
  const models = (await (await fetch(new URL('api/models', server.url))).json()) as ModelInfo[]
  for (const id of ids) {
    const model = models.find((m) => m.id === id)
    expect(model, `the deck has a model "${id}"`).toBeTruthy()
    const response = await fetch(new URL(`api/models/${encodeURIComponent(id)}/predict`, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inputFor(model!))
    })
    expect(response.ok, `warming "${id}": ${response.ok ? '' : await response.text()}`).toBe(true)
  }
}
