/**
 * Finds a Chromium on this machine and launches it headless through
 * playwright-core (never a downloaded browser): Debian's /usr/bin/chromium,
 * Chrome or Edge where installed, or DEMODECK_CHROMIUM. Used by the CLI's
 * layout check and by the PDF/HTML export. Both work without it and say so.
 */
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
]

/** Path of a Chromium-family browser, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env['DEMODECK_CHROMIUM']
  if (wanted) return existsSync(wanted) ? wanted : null
  return CANDIDATES.find((path) => existsSync(path)) ?? null
}

/** A launched browser, or the reason there is none (no playwright-core, no Chromium, launch failed). */
export async function launchChromium(): Promise<{ browser: Browser } | { reason: string }> {
  const executablePath = findChromium()
  if (!executablePath) {
    return { reason: 'no Chromium, Chrome or Edge was found (set DEMODECK_CHROMIUM to its path)' }
  }
  let chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    return { reason: 'playwright-core is not installed (npm install)' }
  }
  try {
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      timeout: 30_000
    })
    return { browser }
  } catch (error) {
    return { reason: `${executablePath} did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` }
  }
}
