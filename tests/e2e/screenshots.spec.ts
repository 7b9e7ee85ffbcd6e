/**
 * Takes the README's screenshots from the real app on the example deck: the
 * audience window on the live-demo slide and the presenter view. It also
 * asserts what they must show, so a broken view cannot slip into the docs.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, repoRoot, test } from './fixtures'

const shots = join(repoRoot, 'docs', 'screenshots')

test('README screenshots: the live demo slide and the presenter view', async ({ context, server }) => {
  mkdirSync(shots, { recursive: true })
  const audience = await context.newPage()
  await audience.goto(server.url)
  await expect(audience.locator('.reveal .slides > section')).toHaveCount(5)
  // Wait until the window has joined the host's slide; a key pressed before that is not shared.
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await audience.keyboard.press('End')
  await expect(audience.locator('.reveal .slides section.present h1')).toContainText(/use case/i)
  const box = audience.getByLabel('Text to classify')
  await box.fill('Forest fire near La Ronge Sask. Canada')
  await expect(audience.getByTestId('prediction-bars').first()).toContainText('disaster')
  await audience.screenshot({ path: join(shots, 'deck.png') })

  const presenter = await context.newPage()
  await presenter.goto(`${server.url}presenter`)
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 5 / 5')
  await presenter.keyboard.press('Home')
  await presenter.keyboard.press('ArrowRight')
  await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 2 / 5')
  await expect(presenter.getByTestId('notes')).toContainText('model card')
  // The slide's model card is read from the ONNX file: wait for it, not its loading line.
  await expect(presenter.getByTestId('preview-current').getByTestId('card-parity')).toBeVisible()
  await presenter.screenshot({ path: join(shots, 'presenter.png') })
})
