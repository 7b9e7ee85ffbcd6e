/**
 * The demodeck-asset: protocol that shows the deck's slide media in Electron
 * (`demodeck-asset://deck/slides/plot.png`). Which file a URL may reach is
 * decided by resolveDeckAsset, the same rule as browser mode's /deck-files/:
 * slide media inside the deck's real folder, symlinks included.
 */
import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { resolveDeckAsset } from '../host/deck/deck-assets'

export const ASSET_SCHEME = 'demodeck-asset'

/** Must run before the app is ready. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }])
}

/** The real file behind an asset URL, or null when the URL may not reach one. */
export function assetFileFor(requestUrl: string, deckRoot: string | undefined): string | null {
  if (!deckRoot) return null
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${ASSET_SCHEME}:` || url.host !== 'deck') return null
  let relative: string
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '')
  } catch {
    return null
  }
  return resolveDeckAsset(deckRoot, relative)?.file ?? null
}

/** Serves asset URLs for the open deck (`deckRoot()` changes when another deck is opened). */
export function handleAssetProtocol(deckRoot: () => string | undefined): void {
  protocol.handle(ASSET_SCHEME, (request) => {
    const file = assetFileFor(request.url, deckRoot())
    if (!file) return new Response('not found', { status: 404 })
    return net.fetch(pathToFileURL(file).href, { headers: request.headers })
  })
}
