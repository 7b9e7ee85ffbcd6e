/**
 * The README's screenshots, from the real app on the example deck: the
 * audience window on the live-demo slide and the presenter view. It asserts
 * what they must show, so a broken view cannot slip into the docs. The
 * pictures go to the test's output folder; `UPDATE_SCREENSHOTS=1` writes them
 * to docs/screenshots instead (so a plain `npm test` leaves the clone clean).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, repoRoot, test } from './fixtures'

/** The slide the audience sees now (the Q&A backup slides hold demos too). */
const presentSlide = (page: import('@playwright/test').Page) => page.locator('.reveal .slides > section.present')

test('README screenshots: the live demo slide and the presenter view', async ({ context, server }, testInfo) => {
  const shots = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(repoRoot, 'docs', 'screenshots') : testInfo.outputPath()
  mkdirSync(shots, { recursive: true })
  // A speaker opens the deck minutes before the talk, and the model is loaded and checked by then: wait
  // for that (its export parity check runs last) so the latency line shows warm numbers, as in the exam.
  await expect
    .poll(
      async () => {
        const models = (await (await fetch(`${server.url}api/models`)).json()) as { id: string; parity?: { ok: boolean } }[]
        return models.find((m) => m.id === 'disaster-tweets')?.parity?.ok ?? null
      },
      { timeout: 30_000 }
    )
    .toBe(true)
  const audience = await context.newPage()
  await audience.goto(server.url)
  await expect(audience.locator('.reveal .slides > section')).toHaveCount(8)
  // Wait until the window has joined the host's slide; a key pressed before that is not shared.
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await audience.keyboard.press('End')
  await expect(audience.locator('.reveal .slides section.present h1')).toContainText(/use case/i)
  const box = presentSlide(audience).getByLabel('Text to classify')
  // Type the way a speaker does, so the latency line has a few warm predictions in it.
  await box.fill('Forest fire near La Ronge')
  await box.pressSequentially(' Sask. Canada', { delay: 40 })
  await expect(presentSlide(audience).getByTestId('prediction-bars').first()).toContainText('disaster')
  await expect(audience.getByTestId('latency')).toContainText(/n=\d{2}|n=[4-9]/)
  // No half-finished slide transition in the picture.
  await expect.poll(() => audience.evaluate('document.getAnimations().length')).toBe(0)
  await audience.screenshot({ path: join(shots, 'deck.png') })

  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 6 / 6')
  await presenter.keyboard.press('Home')
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 2 / 6')
  await expect(presenter.getByTestId('notes')).toContainText('model card')
  // The slide's model card is read from the ONNX file: wait for it, not its loading line.
  await expect(presenter.getByTestId('preview-current').getByTestId('card-parity')).toBeVisible()
  await presenter.screenshot({ path: join(shots, 'presenter.png') })
})
