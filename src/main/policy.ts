/**
 * The Electron security decisions as plain functions (no electron import), so
 * each is unit-tested: which URLs are our app, which permission requests are
 * granted, and whether the menu offers DevTools.
 */
import { pathToFileURL } from 'node:url'

/**
 * True when `url` shows our app: the built renderer's index.html on disk, or
 * (in development) a page of the dev server — matched by origin, so
 * `http://localhost:5173.evil.example/` or `http://localhost:51730/` never pass
 * for `http://localhost:5173`.
 */
export function isAppUrl(url: string, rendererIndex: string, devUrl: string | undefined = process.env['ELECTRON_RENDERER_URL']): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (devUrl) {
    try {
      const dev = new URL(devUrl)
      if ((dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin) return true
    } catch {
      // a malformed dev URL matches nothing
    }
  }
  parsed.hash = ''
  return parsed.protocol === 'file:' && parsed.href === pathToFileURL(rendererIndex).href
}

/** Media a permission request asks for (Electron's `details.mediaTypes` / `details.mediaType`). */
export type MediaKind = 'video' | 'audio' | 'unknown'

/**
 * Whether to grant a permission to one of our pages: the webcam for image
 * demos (video only — never the microphone) and writing to the clipboard
 * (copy as curl). Everything else is denied.
 */
export function permissionGranted(permission: string, media: readonly MediaKind[] | undefined): boolean {
  if (permission === 'clipboard-sanitized-write') return true
  if (permission === 'media') return media !== undefined && media.length > 0 && media.every((kind) => kind === 'video')
  return false
}

/** Whether the View menu offers DevTools: in development only, never in a packaged app. */
export function menuHasDevTools(isPackaged: boolean): boolean {
  return !isPackaged
}
