/**
 * The audience and presenter windows. With an external display the audience
 * window goes full screen there and the presenter stays on the laptop;
 * with one display both open side by side.
 */
import { BrowserWindow, screen } from 'electron'
import { secureWebPreferences } from './security'

export interface WindowPaths {
  preload: string
  rendererIndex: string
}

function load(window: BrowserWindow, paths: WindowPaths, route: string): void {
  const dev = process.env['ELECTRON_RENDERER_URL']
  if (dev) void window.loadURL(`${dev}#${route}`)
  else void window.loadFile(paths.rendererIndex, { hash: route })
}

export function createAudienceWindow(paths: WindowPaths): BrowserWindow {
  const displays = screen.getAllDisplays()
  const primary = screen.getPrimaryDisplay()
  const external = displays.find((display) => display.id !== primary.id)
  const target = external ?? primary
  const window = new BrowserWindow({
    title: 'demodeck',
    x: target.workArea.x + 40,
    y: target.workArea.y + 40,
    width: Math.min(1280, target.workArea.width - 80),
    height: Math.min(760, target.workArea.height - 80),
    backgroundColor: '#191919',
    show: false,
    fullscreen: Boolean(external),
    webPreferences: secureWebPreferences(paths.preload)
  })
  window.once('ready-to-show', () => window.show())
  load(window, paths, '/')
  return window
}

export function createPresenterWindow(paths: WindowPaths): BrowserWindow {
  const primary = screen.getPrimaryDisplay()
  const window = new BrowserWindow({
    title: 'demodeck — presenter',
    x: primary.workArea.x + 80,
    y: primary.workArea.y + 80,
    width: Math.min(1280, primary.workArea.width - 100),
    height: Math.min(800, primary.workArea.height - 100),
    backgroundColor: '#191919',
    show: false,
    webPreferences: secureWebPreferences(paths.preload)
  })
  window.once('ready-to-show', () => window.show())
  load(window, paths, '/presenter')
  return window
}

export function createRouteWindow(paths: WindowPaths, route: string, title: string): BrowserWindow {
  const window = new BrowserWindow({
    title,
    width: 1280,
    height: 800,
    backgroundColor: '#191919',
    show: false,
    webPreferences: secureWebPreferences(paths.preload)
  })
  window.once('ready-to-show', () => window.show())
  load(window, paths, route)
  return window
}
