/**
 * The only way demodeck opens anything outside itself in Electron: a link the
 * presenter opens (a project link, a W&B run, a link on a slide) goes to the
 * system browser through `shell.openExternal`, and only when it is an http(s)
 * address without credentials (isSafeExternalUrl). `file:` would open local
 * files or programs, `javascript:`/`data:` would run code, custom schemes
 * launch other applications: all are refused and logged.
 */
import { shell } from 'electron'
import { isSafeExternalUrl } from '../core/project/links'

/** Opens `url` in the system browser; false (nothing opened) when the URL is not allowed. */
export function openExternalSafely(url: string, log: (message: string) => void = console.warn): boolean {
  if (!isSafeExternalUrl(url)) {
    log(`demodeck refused to open ${JSON.stringify(url.slice(0, 120))}: only http(s) links open outside the app.`)
    return false
  }
  shell.openExternal(url).catch((error: unknown) => log(`the system browser did not open ${url}: ${String(error)}`))
  return true
}
