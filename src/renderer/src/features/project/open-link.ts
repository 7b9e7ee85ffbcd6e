/**
 * Opens a project link outside the app. In browser mode that is a new tab; in
 * Electron the window-open request reaches the main process, whose handler
 * hands it to the system browser with `shell.openExternal` after the same
 * http(s)-only check (src/main/open-external.ts). Anything else is refused here
 * already, so a `javascript:` or `file:` link never gets as far as the browser.
 */
import { isSafeExternalUrl } from '../../../../core/project/links'

/** Opens `url` in the user's browser; false (and nothing opened) when it is not an http(s) address. */
export function openLink(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false
  window.open(url, '_blank', 'noopener,noreferrer')
  return true
}

const ICONS: Record<string, string> = {
  repository: '⌥',
  wandb: '📈',
  'api-docs': '📘',
  api: '⚡',
  cloud: '☁',
  ci: '⚙',
  web: '🔗'
}

/** A small symbol for a link's kind. */
export function linkIcon(kind: string): string {
  return ICONS[kind] ?? ICONS['web']!
}
