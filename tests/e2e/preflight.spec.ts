/**
 * "Ready for the talk?": `npm run check` (the built CLI, measuring slides in
 * Debian's Chromium) on a deliberately broken deck and on the example deck,
 * and the same report in the presenter's panel.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { copyDeck, expect, outDir, removeDir, repoRoot, startServer, test } from './fixtures'
import type { PreflightReport } from '../../src/shared/preflight'

const broken = join(repoRoot, 'tests/fixtures/decks/broken-exam')

function brokenCopy(): string {
  const dir = copyDeck(broken)
  writeFileSync(join(dir, 'slides', 'big.png'), Buffer.alloc(6 * 1024 * 1024, 7))
  return dir
}

function runCheck(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(outDir, 'main', 'check.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}

test.describe('npm run check', () => {
  test.setTimeout(180_000)

  test('finds every planted problem in the broken deck, overflow measured in Chromium, and exits 1', async () => {
    const dir = brokenCopy()
    try {
      const { code, stdout, stderr } = await runCheck(['--deck', dir, '--json'])
      expect(code, stderr).toBe(1)
      const report = JSON.parse(stdout) as PreflightReport
      const all = report.checks.flatMap((c) => c.findings)
      const expected = (
        JSON.parse(readFileSync(join(broken, 'expected.json'), 'utf8')) as {
          findings: Array<{ code: string; slide?: number; message?: string; severity: string }>
        }
      ).findings
      for (const want of expected) {
        const hit = all.find(
          (f) =>
            f.code === want.code && (want.slide === undefined || f.slide === want.slide - 1) && (!want.message || f.message.includes(want.message))
        )
        expect(hit, `${want.code} ${want.message ?? ''}`).toBeDefined()
        expect(hit!.severity).toBe(want.severity)
      }
      expect(report.checks.find((c) => c.id === 'layout')!.summary).toContain('measured at 1280×720 and 1024×768')
      // The short slides fit: only the two long ones overflow.
      expect([...new Set(all.filter((f) => f.code === 'layout/overflow').map((f) => f.slide! + 1))].sort()).toEqual([6, 7])
    } finally {
      removeDir(dir)
    }
  })

  test('passes the example deck with every slide measured, and prints a readable report', async () => {
    const { code, stdout, stderr } = await runCheck(['--deck', repoRoot])
    expect(code, stdout + stderr).toBe(0)
    expect(stdout).toContain('Ready for the talk? — Spotting disasters in tweets')
    expect(stdout).toMatch(/✔ Fits the projector\s+measured at 1280×720 \(Chromium, audience view\)/)
    expect(stdout).toMatch(/✔ Models\s+3 models on slides; 3 loaded and run, 3 passed parity/)
    expect(stdout).toMatch(/Ready: no errors/)
  })

  test('a bad option is a usage error (exit 2) that shows the usage', async () => {
    const { code, stderr } = await runCheck(['--dekc', repoRoot])
    expect(code).toBe(2)
    expect(stderr).toContain('Unknown option "--dekc"')
    expect(stderr).toContain('Usage: npm run check')
  })
})

test.describe('Ready for the talk? in the presenter', () => {
  test('the example deck is ready', async ({ page, server }) => {
    await page.goto(server.url + 'presenter')
    await page.getByTestId('ready-button').click()
    const panel = page.getByRole('dialog', { name: 'Ready for the talk?' })
    await expect(panel.getByTestId('ready-verdict')).toHaveText(/^Ready: no errors/, { timeout: 60_000 })
    await expect(panel.locator('[data-check="models"]')).toHaveAttribute('data-status', 'pass')
    await expect(panel.locator('[data-check="layout"]')).toContainText('presenter, 2 of 8 slides')
    await expect(page.getByTestId('ready-button')).toHaveText('✔ Ready')
  })

  test('the broken deck lists what to fix, with a way to each slide', async ({ page }) => {
    test.setTimeout(120_000)
    const dir = brokenCopy()
    const server = await startServer(dir)
    try {
      await page.goto(server.url + 'presenter')
      await page.getByTestId('ready-button').click()
      const panel = page.getByRole('dialog', { name: 'Ready for the talk?' })
      await expect(panel.getByTestId('ready-verdict')).toHaveText(/^Not ready: \d+ errors/, { timeout: 60_000 })
      const unknown = panel.locator('li[data-code="directive/unknown-model"]')
      await expect(unknown).toContainText('no-such-model')
      await expect(unknown).toContainText('slides/deck.md:23')
      await expect(panel.locator('li[data-code="layout/overflow"]')).toContainText('Slide 7 is')
      await expect(panel.locator('li[data-code="assets/remote"]').first()).toContainText('https://example.com/logo.png')
      await unknown.getByRole('button', { name: 'Go to slide 2' }).click()
      await expect(page.getByTestId('slide-counter')).toHaveText('Slide 2 / 7')
    } finally {
      await server.stop()
      removeDir(dir)
    }
  })

  test('a long checklist is measured once it has loaded, and flagged as overflowing', async ({ page }) => {
    // ::checklist reads the README through the host after its lazy chunk loads: measured too early, the slide
    // holds one line ("Reading README.md…") and passes as fitting.
    const dir = mkdtempSync(join(tmpdir(), 'demodeck-long-checklist-'))
    mkdirSync(join(dir, 'slides'))
    const tasks = Array.from({ length: 60 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] Task number ${i + 1} of the course checklist (M${(i % 30) + 1})`)
    writeFileSync(join(dir, 'README.md'), `# Project\n\n### Week 1\n\n${tasks.join('\n')}\n`)
    writeFileSync(
      join(dir, 'slides', 'deck.md'),
      '---\ntitle: Long checklist\n---\n\n# Problem\n\nShort.\n\n---\n\n# Model\n\nShort too.\n\n---\n\n# Checklist\n\n::checklist{src="README.md" columns="1"}\n'
    )
    const server = await startServer(dir)
    try {
      await page.goto(server.url + 'presenter')
      await page.getByTestId('ready-button').click()
      const panel = page.getByRole('dialog', { name: 'Ready for the talk?' })
      await expect(panel.getByTestId('ready-verdict')).toHaveText(/ready/i, { timeout: 60_000 })
      await expect(panel.locator('[data-check="layout"]')).toContainText('presenter, 3 of 3 slides')
      await expect(panel.getByTestId('ready-verdict')).toHaveText(/^Not ready: 1 error/)
      const overflow = panel.locator('li[data-code="layout/overflow"]')
      await expect(overflow).toHaveCount(1)
      await expect(overflow).toContainText('Slide 3 is')
      await expect(panel.locator('li[data-code="layout/not-measured"]')).toHaveCount(0)
    } finally {
      await server.stop()
      removeDir(dir)
    }
  })
})
