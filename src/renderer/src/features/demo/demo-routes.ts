/**
 * Links between the deck and the full-screen demo. The router accepts both
 * `/demo/<id>` and `#/demo/<id>`; the Electron window loads a file: URL where
 * only the hash can route.
 */

function servedOverHttp(): boolean {
  return location.protocol === 'http:' || location.protocol === 'https:'
}

/** Link to the full-screen demo of a model: `/demo/<id>` in browser mode, `#/demo/<id>` from a file: page. */
export function demoHref(id: string): string {
  const path = `/demo/${encodeURIComponent(id)}`
  return servedOverHttp() ? path : `#${path}`
}

/** Link back to the audience deck. */
export function deckHref(): string {
  return servedOverHttp() ? '/' : '#/'
}

/** The local API's origin for the curl command, or null when the page has none (Electron). */
export function apiOrigin(): string | null {
  return servedOverHttp() ? location.origin : null
}

/** Points the address bar at another model's demo without a reload (the page keeps its own state). */
export function replaceDemoRoute(id: string): void {
  const path = `/demo/${encodeURIComponent(id)}`
  // From `/demo` (no model yet) too: the picker's choice goes in the address bar.
  if (location.hash === '#/demo' || location.hash.startsWith('#/demo/')) history.replaceState(history.state, '', `#${path}`)
  else if (location.pathname === '/demo' || location.pathname.startsWith('/demo/')) history.replaceState(history.state, '', path)
}
