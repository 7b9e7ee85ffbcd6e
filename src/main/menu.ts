/**
 * The application menu as data: what each item does comes from index.ts;
 * DevTools appear only in development (see menuHasDevTools).
 */
import type { MenuItemConstructorOptions } from 'electron'
import { menuHasDevTools } from './policy'

/** What the menu items do. */
export interface MenuActions {
  openDeck(): void
  openRecent(folder: string): void
  presenter(): void
  audience(): void
  demo(): void
  runs(): void
}

/** The menu template; `isPackaged` false (development) adds DevTools to View; `recent` fills Open Recent. */
export function menuTemplate(actions: MenuActions, isPackaged: boolean, recent: readonly string[] = []): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((folder) => ({ label: folder, click: () => actions.openRecent(folder) }))
    : [{ label: 'No recent decks', enabled: false }]
  const view: MenuItemConstructorOptions[] = [{ role: 'togglefullscreen' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }]
  if (menuHasDevTools(isPackaged)) view.push({ type: 'separator' }, { role: 'toggleDevTools' })
  return [
    {
      label: 'Deck',
      submenu: [
        { label: 'Open Deck Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDeck() },
        { label: 'Open Recent', submenu: recentItems },
        { label: 'Presenter Window', accelerator: 'CmdOrCtrl+P', click: () => actions.presenter() },
        { label: 'Audience Window', click: () => actions.audience() },
        { label: 'Full-screen Demo', click: () => actions.demo() },
        { label: 'Training Runs', click: () => actions.runs() },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view }
  ]
}
