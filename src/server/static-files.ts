/**
 * File responses of browser mode through `send` (Express's static engine):
 * Range requests so slide videos seek, conditional GETs, HEAD. Which file
 * may be served is decided before this (the renderer build, or a deck asset
 * from resolveDeckAsset); `send` only streams it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import send from 'send'

/** Headers every file response carries. */
const BASE_HEADERS = { 'x-content-type-options': 'nosniff' }

/**
 * Streams `root/relative` (a `/`-separated path already checked by the
 * caller) with `headers` added. Resolves when the response is finished;
 * rejects with the HTTP status `send` chose (404, 416, …) before any header
 * was written.
 */
export function sendStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relative: string,
  headers: Record<string, string>
): Promise<void> {
  const urlPath = '/' + relative.split('/').filter(Boolean).map(encodeURIComponent).join('/')
  return new Promise((resolveSent, reject) => {
    const stream = send(req, urlPath, { root, index: false, dotfiles: 'allow', cacheControl: false, etag: true, lastModified: true })
    stream.on('headers', (response: ServerResponse) => {
      for (const [name, value] of Object.entries({ ...BASE_HEADERS, ...headers })) response.setHeader(name, value)
    })
    stream.on('error', (error: Error & { status?: number }) => reject(Object.assign(error, { status: error.status ?? 500 })))
    stream.on('end', () => resolveSent())
    res.on('close', () => resolveSent())
    stream.pipe(res)
  })
}
