/**
 * Window lock-down in one place: web preferences, navigation and window-open
 * guards, permission requests (only the webcam, only for our pages) and the
 * trusted-sender check used by every IPC handler.
 */
import { app, type BrowserWindow, type IpcMainInvokeEvent, type WebContents, type WebPreferences } from 'electron'
import { isAppUrl, permissionGranted, type MediaKind } from './policy'
import { openExternalSafely } from './open-external'

/** Web preferences of every window; DevTools only in development (`app.isPackaged` false). */
export function secureWebPreferences(preload: string, devTools = !app.isPackaged): WebPreferences {
  return {
    devTools,
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

/** Only the webcam (video, never the microphone) and clipboard writes, only for our own pages (see permissionGranted). */
export function installPermissionHandlers(rendererIndex: string, session: Electron.Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes as MediaKind[] | undefined) : undefined
    callback(isAppUrl(contents.getURL(), rendererIndex) && permissionGranted(permission, media))
  })
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    const media = details.mediaType ? [details.mediaType as MediaKind] : undefined
    return Boolean(contents && isAppUrl(contents.getURL(), rendererIndex) && permissionGranted(permission, media))
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
