/**
 * W&B sync in the /runs page against the loopback W&B stand-in, in Chromium:
 * a sync stuck on a slow server is stopped by Cancel at once.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, removeDir, repoRoot, startServer, test } from './fixtures'

test('Cancel stops a W&B sync that is waiting on a slow server', async ({ page }) => {
  const { startFakeWandb } = (await import(resolve(repoRoot, 'tests', 'support', 'fake-wandb.ts'))) as typeof import('../support/fake-wandb')
  const fake = await startFakeWandb({ faults: [{ delayMs: 120_000, match: 'sampledHistory' }] })
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-cancel-'))
  mkdirSync(join(deck, 'slides'))
  writeFileSync(join(deck, 'slides', 'deck.md'), '# Runs\n')
  const home = mkdtempSync(join(tmpdir(), 'demodeck-home-'))
  const server = await startServer(deck, { WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key, HOME: home })
  try {
    await page.goto(new URL('runs', server.url).href)
    await expect(page.getByTestId('wandb-status')).toContainText('API key found')
    await page.getByLabel('W&B run path or URL').fill('demo-entity/exam-project/abc12345')
    await page.getByRole('button', { name: 'Sync', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Syncing…' })).toBeDisabled()
    await expect.poll(() => fake.requests.some((r) => r.query.includes('sampledHistory'))).toBe(true)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByText('Sync cancelled. The runs already in the deck are unchanged.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sync', exact: true })).toBeEnabled()
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0)
  } finally {
    await server.stop()
    await fake.close()
    removeDir(deck)
    removeDir(home)
  }
})
