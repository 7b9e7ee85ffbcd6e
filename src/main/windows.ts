/**
 * The audience and presenter windows. With an external display the audience
 * window goes full screen there and the presenter stays on the laptop;
 * with one display both open side by side.
 */
import { BrowserWindow, screen, type Rectangle } from 'electron'
import { secureWebPreferences } from './security'

export interface WindowPaths {
  preload: string
  rendererIndex: string
}

/** One locked-down window showing `route` of the app, shown once it has painted. */
function openWindow(paths: WindowPaths, route: string, title: string, bounds: Partial<Rectangle>, fullscreen = false): BrowserWindow {
  const window = new BrowserWindow({
    title,
    ...bounds,
    backgroundColor: '#191919',
    show: false,
    fullscreen,
    webPreferences: secureWebPreferences(paths.preload)
  })
  window.once('ready-to-show', () => window.show())
  const dev = process.env['ELECTRON_RENDERER_URL']
  if (dev) void window.loadURL(`${dev}#${route}`)
  else void window.loadFile(paths.rendererIndex, { hash: route })
  return window
}

/** Bounds inset by `margin` inside a display's work area, at most `width`×`height`. */
function inset(area: Rectangle, margin: number, width: number, height: number): Partial<Rectangle> {
  return {
    x: area.x + margin,
    y: area.y + margin,
    width: Math.min(width, area.width - 2 * margin),
    height: Math.min(height, area.height - 2 * margin)
  }
}

export function createAudienceWindow(paths: WindowPaths): BrowserWindow {
  const primary = screen.getPrimaryDisplay()
  const external = screen.getAllDisplays().find((display) => display.id !== primary.id)
  const target = external ?? primary
  return openWindow(paths, '/', 'demodeck', inset(target.workArea, 40, 1280, 760), Boolean(external))
}

export function createPresenterWindow(paths: WindowPaths): BrowserWindow {
  return openWindow(paths, '/presenter', 'demodeck — presenter', inset(screen.getPrimaryDisplay().workArea, 60, 1280, 800))
}

export function createRouteWindow(paths: WindowPaths, route: string, title: string): BrowserWindow {
  return openWindow(paths, route, title, { width: 1280, height: 800 })
}
