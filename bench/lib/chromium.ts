/**
 * Debian's Chromium for the benches, with the flags this machine needs (no sandbox, no GPU) and none of the
 * background traffic that would land in a measurement. `DEMODECK_CHROMIUM` names another binary.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

/** The flags every bench launches Chromium with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']

/** Launches Chromium headless with `CHROMIUM_ARGS` plus `extraArgs`. */
export function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: process.env['DEMODECK_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs]
  })
}
