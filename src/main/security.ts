/**
 * Window lock-down in one place: web preferences, navigation and window-open
 * guards, permission requests (only the webcam, only for our pages) and the
 * trusted-sender check used by every IPC handler.
 */
import { app, type BrowserWindow, type IpcMainInvokeEvent, type WebContents, type WebPreferences } from 'electron'
import { pathToFileURL } from 'node:url'
import { openExternalSafely } from './open-external'

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false
  }
}

/** The page origins our windows may show: the built renderer on disk, or the dev server. */
export function isAppUrl(url: string, rendererIndex: string): boolean {
  const dev = process.env['ELECTRON_RENDERER_URL']
  if (dev && url.startsWith(dev)) return true
  const index = pathToFileURL(rendererIndex).href
  return url.split('#')[0] === index
}

/** Denies every window.open and navigation away from the app; http(s) links open in the user's browser (open-external.ts). */
export function guardContents(contents: WebContents, rendererIndex: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererIndex)) {
      event.preventDefault()
      openExternalSafely(url)
    }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Only the webcam (for image demos) and clipboard reads, only for our own pages. */
export function installPermissionHandlers(rendererIndex: string, session: Electron.Session): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    const ours = isAppUrl(contents.getURL(), rendererIndex)
    callback(ours && (permission === 'media' || permission === 'clipboard-sanitized-write'))
  })
  session.setPermissionCheckHandler((contents, permission) => {
    return Boolean(contents && isAppUrl(contents.getURL(), rendererIndex) && (permission === 'media' || permission === 'clipboard-sanitized-write'))
  })
}

/** IPC calls are answered only for frames that show our app inside one of our windows. */
export function isTrustedSender(event: IpcMainInvokeEvent, windows: () => BrowserWindow[], rendererIndex: string): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if (!windows().some((window) => window.webContents.id === event.sender.id)) return false
  return isAppUrl(frame.url, rendererIndex)
}

/** No new web contents of any kind beyond the ones we create. */
export function lockDownApp(rendererIndex: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, rendererIndex))
}
