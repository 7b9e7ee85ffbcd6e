/**
 * The /runs view with a W&B runs-table export beside ordinary runs, in real
 * Chromium against the browser-mode server: the export's 176 summary-only
 * runs are one group (not 176 rows to untick), the list filters by name and
 * selects all or none, the chart's "Not logged" caption stays one line, and a
 * JSONL run reads like a CSV run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { removeDir, startServer, type DeckServer } from './fixtures'

const TABLE_RUNS = 176

function makeDeck(): string {
  const deck = mkdtempSync(join(tmpdir(), 'demodeck-runs-'))
  mkdirSync(join(deck, 'slides'), { recursive: true })
  mkdirSync(join(deck, 'runs'), { recursive: true })
  writeFileSync(join(deck, 'slides', 'deck.md'), '---\ntitle: Runs\n---\n\n# Runs\n')
  // W&B's runs-table export (one quoted row per run: meta, config, summary), as in a real AutoML project's repository.
  const header = ['Name', 'Created', 'Runtime', 'ID', 'State', 'optimizer', 'lr', 'agent_score']
  const rows = Array.from({ length: TABLE_RUNS }, (_, i) => [
    `sweep-${i}`,
    '2022-11-30T15:00:00.000Z',
    String(60 + i),
    `id${String(i).padStart(5, '0')}`,
    'finished',
    i % 2 ? 'Adam' : 'SGD',
    String(0.001 * (1 + (i % 5))),
    String(0.5 + i / 1000)
  ])
  writeFileSync(join(deck, 'runs', 'wandb_export_2022-11-30.csv'), [header, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'))
  // A plain CSV run and a JSONL run with the same history, both with a `step` key.
  const steps = Array.from({ length: 50 }, (_, s) => ({ step: s, loss: 1 / (1 + s), acc: s / 50 }))
  writeFileSync(join(deck, 'runs', 'baseline.csv'), ['step,loss,acc', ...steps.map((r) => `${r.step},${r.loss},${r.acc}`)].join('\n') + '\n')
  writeFileSync(join(deck, 'runs', 'tuned.jsonl'), steps.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return deck
}

let deck: string
let server: DeckServer

test.beforeAll(async () => {
  deck = makeDeck()
  server = await startServer(deck)
})
test.afterAll(async () => {
  await server?.stop()
  removeDir(deck)
})

test('a runs-table export is one group; filter, select all and none narrow the list in a few clicks', async ({ page }) => {
  await page.goto(new URL('runs', server.url).href)
  const list = page.getByTestId('run-list')
  const group = list.getByTestId('run-group')
  await expect(group).toHaveCount(1)
  await expect(group).toContainText(`${TABLE_RUNS} runs`)
  await expect(group).toContainText('summary only (no history)')
  // Collapsed, and not selected at first: the two runs with a history are.
  await expect(list.getByRole('checkbox')).toHaveCount(3)
  const groupBox = page.getByRole('checkbox', { name: `All ${TABLE_RUNS} runs of wandb_export_2022-11-30.csv` })
  await expect(groupBox).not.toBeChecked()
  await expect(page.getByText(`2 of ${TABLE_RUNS + 2} runs selected`)).toBeVisible()
  await expect(page.locator('.dd-line-smooth path.recharts-line-curve').first()).toBeAttached()

  // The whole export in one click; the chart's caption summarises what those runs did not log.
  await groupBox.check()
  await expect(page.getByText(`${TABLE_RUNS + 2} of ${TABLE_RUNS + 2} runs selected`)).toBeVisible()
  const footnote = page.locator('.dd-chart-footnote')
  await expect(footnote).toContainText(/Not logged: loss in sweep-0, sweep-1, sweep-2 and 173 more runs/)
  expect((await footnote.innerText()).length).toBeLessThan(300)

  // None, then a name filter and "Select shown": 7 runs in 3 clicks and a few keys.
  await page.getByRole('button', { name: 'Select none' }).click()
  await expect(page.getByText(`0 of ${TABLE_RUNS + 2} runs selected`)).toBeVisible()
  await page.getByLabel('Filter runs by name').fill('sweep-1')
  // sweep-1, sweep-10 … sweep-19, sweep-100 … sweep-175: the group opens to show them.
  await expect(page.getByText(/87 match “sweep-1”/)).toBeVisible()
  await page.getByLabel('Filter runs by name').fill('sweep-17')
  await expect(page.getByText(/7 match “sweep-17”/)).toBeVisible()
  await page.getByRole('button', { name: 'Select shown' }).click()
  await expect(page.getByText(`7 of ${TABLE_RUNS + 2} runs selected`)).toBeVisible()
  const shown = list.getByRole('checkbox', { name: /^sweep-17/ })
  await expect(shown).toHaveCount(7)
  for (const box of await shown.all()) await expect(box).toBeChecked()
  await expect(page.getByTestId('run-table').locator('tbody tr')).toHaveCount(7)
})

test('a JSONL run reads like the same CSV run: no "step" metric, a filled summary', async ({ page }) => {
  await page.goto(new URL('runs', server.url).href)
  await expect(page.getByRole('checkbox', { name: 'loss', exact: true })).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'step', exact: true })).toHaveCount(0)
  const table = page.getByTestId('run-table')
  for (const name of ['baseline', 'tuned']) {
    const row = table.locator('tbody tr', { hasText: name })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('0.02')
    await expect(row).not.toContainText('—')
  }
})
