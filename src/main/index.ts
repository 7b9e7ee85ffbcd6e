/**
 * Electron entry: one host for the open deck, the audience and presenter
 * windows, IPC for the channel map, the deck-asset protocol and the menu.
 * All behaviour lives in src/host and src/core; this file only wires Electron.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EventName, Events } from '../shared/api'
import { createHost, type Host } from '../host/create-host'
import { registerIpc } from './ipc/register-ipc'
import { forkUtilityWorker } from './inference-process'
import { createSecretStore } from './secret-store'
import { createEndpointTokenStore } from './endpoint-token-store'
import { ASSET_SCHEME, handleAssetProtocol, registerAssetScheme } from './asset-protocol'
import { menuTemplate } from './menu'
import { chooseStartDeck, readRecentDecks, rememberDeck } from './deck-location'
import { installPermissionHandlers, lockDownApp } from './security'
import { createAudienceWindow, createPresenterWindow, createRouteWindow, type WindowPaths } from './windows'

const here = dirname(fileURLToPath(import.meta.url))
const paths: WindowPaths = {
  preload: join(here, '../preload/index.cjs'),
  rendererIndex: join(here, '../renderer/index.html')
}
registerAssetScheme()

/** [Note: decks in a packaged app] in deck-location.ts: argument, environment, last deck, else the example. */
function startDeck(): string {
  return chooseStartDeck({
    argv: process.argv,
    env: process.env,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData')
  }).path
}

let host: Host | null = null
/** The deck of the host closed with the last window (macOS keeps the app running), reopened on `activate`. */
let closedDeck: string | null = null
const windows = new Set<BrowserWindow>()

function emit<E extends EventName>(event: E, payload: Events[E]): void {
  for (const window of windows) if (!window.isDestroyed()) window.webContents.send(event, payload)
}

function openHost(deckRoot: string): void {
  host?.dispose()
  rememberDeck(app.getPath('userData'), deckRoot)
  buildMenu()
  const secretStore = createSecretStore()
  const endpointTokens = createEndpointTokenStore()
  host = createHost({
    ...(endpointTokens ? { endpointTokens } : {}),
    deckRoot,
    spawnWorker: (modelId) => forkUtilityWorker(join(here, 'inference.worker.js'), modelId),
    ...(secretStore ? { secretStore } : {}),
    emit,
    assetBase: `${ASSET_SCHEME}://deck/`,
    log: (message) => console.error(message),
    // Model warm-up and run index after the first paint ([Note: background work after the first paint]);
    // windows already open (a deck switch) have painted: at once.
    backgroundWhenShown: windows.size === 0
  })
  // Windows already open switch to the new deck (and its models and runs) without a reload.
  emit('deck:changed', host.deck())
  const opened = host
  void opened.dispatch('sync:get', {}).then((state) => emit('sync:changed', state as Events['sync:changed']))
  void opened.dispatch('models:list', {}).then(
    (list) => emit('models:changed', list as Events['models:changed']),
    () => undefined
  )
  void opened.dispatch('runs:list', {}).then(
    (list) => emit('runs:changed', list as Events['runs:changed']),
    () => undefined
  )
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
  const template = menuTemplate(
    {
      openDeck: () => void chooseDeck(),
      openRecent: (folder) => openHost(folder),
      presenter: () => track(createPresenterWindow(paths)),
      audience: () => track(createAudienceWindow(paths)),
      demo: () => track(createRouteWindow(paths, '/demo', 'demodeck — demo')),
      runs: () => track(createRouteWindow(paths, '/runs', 'demodeck — runs'))
    },
    app.isPackaged,
    readRecentDecks(app.getPath('userData'))
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
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
    handleAssetProtocol(() => host?.deckRoot)
    openHost(startDeck())
    registerIpc(
      () => {
        if (!host) throw new Error('no deck open')
        return host
      },
      () => [...windows],
      paths.rendererIndex
    )
    openPresentation()
    app.on('activate', () => {
      if (windows.size > 0) return
      // macOS keeps the app running with no window; the host closed with the last one: reopen its deck.
      if (!host) openHost(closedDeck ?? startDeck())
      openPresentation()
    })
  })
  app.on('window-all-closed', () => {
    closedDeck = host?.deckRoot ?? closedDeck
    host?.dispose()
    host = null
    if (process.platform !== 'darwin') app.quit()
  })
}
