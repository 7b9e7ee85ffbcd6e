/**
 * The Electron app itself, driven by Playwright's `_electron`. It runs where
 * an Electron binary and a display exist (a user's machine, or CI with
 * internet and Xvfb) and reports itself skipped, with the reason, elsewhere.
 * Everything it checks beyond the wiring is proven in browser mode too.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { outDir, repoRoot } from './fixtures'

/** Where electron's installer put the binary; read directly, since require('electron') would start a download. */
function electronBinary(): string | null {
  try {
    const dir = join(repoRoot, 'node_modules', 'electron')
    const path = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim())
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const skipReason = !binary
  ? 'No Electron binary here: electron downloads it from GitHub on install, which this machine cannot reach (the package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD). The same features are tested in browser mode.'
  : !process.env['DISPLAY'] && process.platform === 'linux'
    ? 'No display: run the tests under xvfb-run to include the Electron app.'
    : !existsSync(join(outDir, 'main', 'index.js'))
      ? 'The app is not built (npm run build).'
      : null

// Say why in the run's output, not only in the report.
if (skipReason) console.log(`\n[electron e2e] skipped: ${skipReason}\n`)

test.describe('Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '')

  test('opens the audience and presenter windows, locked down, and keeps them in sync', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--deck', repoRoot, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' }
    })
    try {
      await expect.poll(() => app.windows().length, { timeout: 20_000 }).toBe(2)
      const pages = app.windows()
      const presenter = pages.find((page) => page.url().includes('presenter'))!
      const audience = pages.find((page) => !page.url().includes('presenter'))!
      await expect(audience.locator('.reveal .slides > section')).toHaveCount(6)
      await expect(presenter.getByTestId('talk-remaining')).toHaveText('6:00')

      // The renderer sees only the contract: no Node, no raw ipcRenderer.
      const surface = await audience.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: Object.keys((window as unknown as { demodeck: object }).demodeck).sort()
      }))
      expect(surface.require).toBe('undefined')
      expect(surface.process).toBe('undefined')
      expect(surface.api).toContain('deck:get')
      expect(surface.api).not.toContain('invoke')

      // Sandboxed: even the preload world has no Node; the page cannot navigate away.
      await audience.evaluate(() => {
        window.location.href = 'https://example.com'
      })
      await expect(audience.locator('.reveal')).toBeVisible()

      // window.open is denied.
      await audience.evaluate(() => window.open('https://example.com'))
      expect(app.windows()).toHaveLength(2)

      await audience.keyboard.press('ArrowRight')
      await expect(presenter.getByTestId('slide-counter')).toHaveText('Slide 2 / 6')
    } finally {
      await app.close()
    }
  })
})
