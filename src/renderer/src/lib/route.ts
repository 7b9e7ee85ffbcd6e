/**
 * Which view this window shows. Browser mode uses paths (`/presenter`), the
 * Electron build loads index.html from disk and uses the hash
 * (`#/presenter`); both forms are accepted everywhere.
 */
export type Route =
  { view: 'deck' } | { view: 'presenter' } | { view: 'demo'; modelId: string } | { view: 'runs' } | { view: 'print'; notes: boolean }

export function parseRoute(pathname: string, hash: string): Route {
  const fromHash = hash.startsWith('#/') ? hash.slice(1) : ''
  const path = (fromHash || pathname).replace(/\/+$/, '') || '/'
  if (path === '/presenter') return { view: 'presenter' }
  if (path === '/runs') return { view: 'runs' }
  // The static copy for export: /print (slides) and /print/notes (the speaker-notes handout).
  if (path === '/print' || path === '/print/notes') return { view: 'print', notes: path === '/print/notes' }
  const demo = /^\/demo\/([^/]+)$/.exec(path)
  if (demo) {
    try {
      return { view: 'demo', modelId: decodeURIComponent(demo[1]!) }
    } catch {
      return { view: 'demo', modelId: demo[1]! }
    }
  }
  if (path === '/demo') return { view: 'demo', modelId: '' }
  return { view: 'deck' }
}

export function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.hash)
}

/** Link target for a route that works in both hosts. */
export function routeHref(path: string): string {
  return window.location.protocol === 'file:' ? `#${path}` : path
}
