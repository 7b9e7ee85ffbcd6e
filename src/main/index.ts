/**
 * Electron entry: one host for the open deck, the audience and presenter
 * windows, IPC for the channel map, the deck-asset protocol and the menu.
 * All behaviour lives in src/host and src/core; this file only wires Electron.
 */
import { app, BrowserWindow, dialog, Menu, net, protocol, session, type MenuItemConstructorOptions } from 'electron'
import { existsSync } from 'node:fs'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { EventName, Events } from '../shared/api'
import { createHost, type Host } from '../host/create-host'
import { registerIpc } from './ipc/register-ipc'
import { forkUtilityWorker } from './inference-process'
import { createSecretStore } from './secret-store'
import { createEndpointTokenStore } from './endpoint-token-store'
import { installPermissionHandlers, lockDownApp } from './security'
import { createAudienceWindow, createPresenterWindow, createRouteWindow, type WindowPaths } from './windows'

const here = dirname(fileURLToPath(import.meta.url))
const paths: WindowPaths = {
  preload: join(here, '../preload/index.cjs'),
  rendererIndex: join(here, '../renderer/index.html')
}
const ASSET_SCHEME = 'demodeck-asset'
const ASSET_EXT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.mp4', '.webm'])

protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }])

function deckFromArgs(): string {
  const argv = process.argv
  const flag = argv.indexOf('--deck')
  if (flag >= 0 && argv[flag + 1]) return resolve(argv[flag + 1]!)
  if (process.env['DEMODECK_DECK']) return resolve(process.env['DEMODECK_DECK'])
  // Unpackaged: the repository root is the bundled example deck.
  return resolve(app.getAppPath())
}

let host: Host | null = null
const windows = new Set<BrowserWindow>()

function emit<E extends EventName>(event: E, payload: Events[E]): void {
  for (const window of windows) if (!window.isDestroyed()) window.webContents.send(event, payload)
}

function openHost(deckRoot: string): void {
  host?.dispose()
  const secretStore = createSecretStore()
  const endpointTokens = createEndpointTokenStore()
  host = createHost({
    ...(endpointTokens ? { endpointTokens } : {}),
    deckRoot,
    spawnWorker: () => forkUtilityWorker(join(here, 'inference.worker.js')),
    ...(secretStore ? { secretStore } : {}),
    emit,
    assetBase: `${ASSET_SCHEME}://deck/`,
    log: (message) => console.error(message)
  })
  // Windows already open switch to the new deck (and its models and runs) without a reload.
  emit('deck:changed', host.deck())
  const opened = host
  void opened.dispatch('sync:get', {}).then((state) => emit('sync:changed', state as Events['sync:changed']))
  void opened.dispatch('models:list', {}).then((list) => emit('models:changed', list as Events['models:changed']), () => undefined)
  void opened.dispatch('runs:list', {}).then((list) => emit('runs:changed', list as Events['runs:changed']), () => undefined)
}

function track(window: BrowserWindow): BrowserWindow {
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  return window
}

function openPresentation(): void {
  track(createAudienceWindow(paths))
  track(createPresenterWindow(paths))
}

async function chooseDeck(): Promise<void> {
  const result = await dialog.showOpenDialog({ title: 'Open a deck folder (with slides/ and models/)', properties: ['openDirectory'] })
  const folder = result.filePaths[0]
  if (result.canceled || !folder) return
  openHost(folder)
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Deck',
      submenu: [
        { label: 'Open Deck Folder…', accelerator: 'CmdOrCtrl+O', click: () => void chooseDeck() },
        { label: 'Presenter Window', accelerator: 'CmdOrCtrl+P', click: () => track(createPresenterWindow(paths)) },
        { label: 'Audience Window', click: () => track(createAudienceWindow(paths)) },
        { label: 'Full-screen Demo', click: () => track(createRouteWindow(paths, '/demo', 'demodeck — demo')) },
        { label: 'Training Runs', click: () => track(createRouteWindow(paths, '/runs', 'demodeck — runs')) },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'togglefullscreen' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'toggleDevTools' }]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** Serves the deck's slide media (images, video) to the renderer, never anything outside the deck. */
function registerAssetProtocol(): void {
  protocol.handle(ASSET_SCHEME, (request) => {
    const root = host?.deckRoot
    const url = new URL(request.url)
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '')
    if (!root || url.host !== 'deck') return new Response('not found', { status: 404 })
    const file = normalize(join(root, relative))
    const inside = file.startsWith(root.endsWith(sep) ? root : root + sep)
    if (!inside || !ASSET_EXT.has(extname(file).toLowerCase()) || !existsSync(file)) return new Response('not found', { status: 404 })
    return net.fetch(pathToFileURL(file).href)
  })
}

// Electron: `app.requestSingleInstanceLock` keeps a second launch from racing the first over the deck.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const first = [...windows][0]
    if (first) {
      if (first.isMinimized()) first.restore()
      first.focus()
    }
  })
  lockDownApp(paths.rendererIndex)
  void app.whenReady().then(() => {
    installPermissionHandlers(paths.rendererIndex, session.defaultSession)
    registerAssetProtocol()
    openHost(deckFromArgs())
    registerIpc(
      () => {
        if (!host) throw new Error('no deck open')
        return host
      },
      () => [...windows],
      paths.rendererIndex
    )
    buildMenu()
    openPresentation()
    app.on('activate', () => {
      if (windows.size === 0) openPresentation()
    })
  })
  app.on('window-all-closed', () => {
    host?.dispose()
    if (process.platform !== 'darwin') app.quit()
  })
}
