/**
 * Code on slides in real Chromium under the app's CSP: fenced blocks are
 * highlighted (no eval, no wasm), numbered, and `{1|3-5|7}` steps through its
 * ranges with the talk's own "next" and "previous".
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { copyDeck, expect, removeDir, startServer, test, type DeckServer } from './fixtures'

const SLIDES = `---
title: Code
---

# Training loop

\`\`\`python {1|3-5|7}
import torch

for epoch in range(epochs):
    loss = step(model, batch)
    wandb.log({"train/loss": loss})

torch.save(model.state_dict(), "model.pt")
\`\`\`

Note:
Say how to run it:

\`\`\`bash
python src/train.py
\`\`\`

---

# Plain and ranged

\`\`\`bash {2}
pip install -r requirements.txt
python src/train.py --lr 1e-3
\`\`\`

\`\`\`
no language here
\`\`\`

\`\`\`python {x-1}
print("bad meta")
\`\`\`
`

let server: DeckServer
let deck: string

test.beforeAll(async () => {
  deck = copyDeck()
  mkdirSync(join(deck, 'slides'), { recursive: true })
  writeFileSync(join(deck, 'slides', 'deck.md'), SLIDES)
  server = await startServer(deck)
})
test.afterAll(async () => {
  await server.stop()
  removeDir(deck)
})

test('fenced code is highlighted under the CSP, with line numbers, and steps through {1|3-5|7}', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|unsafe-eval|WebAssembly/i.test(message.text())) violations.push(message.text())
  })
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  const block = page.locator('.reveal .slides > section.present').getByTestId('code-block')
  await expect(block).toHaveAttribute('data-highlighted', 'true')
  const lines = block.locator('.dd-code-line')
  await expect(lines).toHaveCount(7)
  await expect(lines.nth(2)).toHaveAttribute('data-line', '3')
  // Keywords get the theme's colour: "import" and "for" are coloured spans, not plain text.
  const keywordColor = await lines
    .nth(0)
    .locator('span', { hasText: 'import' })
    .evaluate((el) => getComputedStyle(el).color)
  const plainColor = await block.locator('pre').evaluate((el) => getComputedStyle(el).color)
  expect(keywordColor).not.toBe(plainColor)
  const gutter = await lines.nth(6).evaluate((el) => getComputedStyle(el, '::before').content)
  expect(gutter).toBe('"7"')

  const lit = async (): Promise<string[]> => block.locator('.dd-code-lit').evaluateAll((els) => els.map((el) => el.getAttribute('data-line') ?? ''))
  await expect.poll(lit).toEqual(['1'])
  await page.keyboard.press('ArrowRight')
  await expect.poll(lit).toEqual(['3', '4', '5'])
  await page.keyboard.press('ArrowRight')
  await expect.poll(lit).toEqual(['7'])
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'code-steps.png') })
  // Dimmed lines really are dimmer than the highlighted one.
  const opacity = (n: number) => lines.nth(n).evaluate((el) => Number(getComputedStyle(el).opacity))
  await expect.poll(() => opacity(0)).toBeLessThan(0.5)
  await expect.poll(() => opacity(6)).toBe(1)
  await page.keyboard.press('ArrowLeft')
  await expect.poll(lit).toEqual(['3', '4', '5'])
  // The steps are the slide's fragments: after the last one, "next" moves to the next slide.
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.reveal .slides > section.present h1')).toHaveText('Plain and ranged')
  expect(violations).toEqual([])
})

test('a single range is highlighted, a block without a language stays plain, bad options say why', async ({ page }) => {
  await page.goto(server.url)
  await expect(page.getByTestId('audience')).toHaveAttribute('data-synced', 'true')
  await page.keyboard.press('End')
  const slide = page.locator('.reveal .slides > section.present')
  await expect(slide.locator('h1')).toHaveText('Plain and ranged')
  const blocks = slide.getByTestId('code-block')
  await expect(blocks).toHaveCount(3)
  await expect(blocks.nth(0)).toHaveAttribute('data-highlighted', 'true')
  await expect(blocks.nth(0).locator('.dd-code-lit')).toHaveAttribute('data-line', '2')
  await expect(blocks.nth(1)).toHaveAttribute('data-highlighted', 'false')
  await expect(blocks.nth(1)).toContainText('no language here')
  await expect(blocks.nth(2)).toContainText('print("bad meta")')
  await expect(blocks.nth(2).getByRole('note')).toContainText('"x-1" is not a line range')
})

test('the presenter counts code steps as fragments and its notes render code too', async ({ page }) => {
  await page.goto(`${server.url}presenter`)
  await expect(page.getByTestId('presenter')).toHaveAttribute('data-synced', 'true')
  await page.keyboard.press('Home')
  await expect(page.getByTestId('slide-counter')).toHaveText('Slide 1 / 2')
  await expect(page.getByTestId('preview-current').getByTestId('code-block')).toHaveAttribute('data-highlighted', 'true')
  await expect(page.getByTestId('notes').getByTestId('code-block')).toContainText('python src/train.py')
  await expect(page.getByTestId('notes').getByTestId('code-block')).toHaveAttribute('data-highlighted', 'true')
  // Two steps after the first, then the next slide.
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('slide-counter')).toHaveText('Slide 1 / 2')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('slide-counter')).toHaveText('Slide 2 / 2')
})
