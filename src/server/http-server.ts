/**
 * Browser mode: one loopback HTTP server that serves the built renderer, the
 * channel map under /api, server-sent events at /api/events and the deck's own
 * files (slide images) under /deck-files/. Binds 127.0.0.1 only, checks the
 * Host header (no DNS rebinding) and requires JSON for POSTs (no cross-site
 * form posts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { ApiError, errorStatus, type ErrorBody, type EventName, type Events } from '../shared/api'
import type { Host } from '../host/create-host'
import { buildRequest, matchRoute } from './http-api'
import { acceptWebSocket } from './websocket'

/** Largest JSON body (a phone photo as base64 fits). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm'
}

/** File types a deck may serve to the page (slide media); never models, runs or dotfiles. */
const DECK_ASSET_EXT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.mp4', '.webm'])

export interface BrowserServer {
  server: Server
  url: string
  emit<E extends EventName>(event: E, payload: Events[E]): void
  close(): Promise<void>
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(body)
}

function sendError(res: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error))
  const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } }
  sendJson(res, errorStatus[apiError.code], body)
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw new ApiError('too_large', `The request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES} bytes.`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new ApiError('too_large', `The request body is over the ${MAX_BODY_BYTES}-byte limit.`)
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ApiError('bad_request', `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)}).`)
  }
}

function serveFile(res: ServerResponse, file: string, headers: Record<string, string> = {}): void {
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream'
  res.writeHead(200, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    ...headers
  })
  createReadStream(file).pipe(res)
}

/** Resolves `relative` inside `root`, or null when it would escape it. */
function safeJoin(root: string, relative: string): string | null {
  const target = normalize(join(root, relative))
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep) ? target : null
}

export interface ServerOptions {
  host: Host
  rendererDir: string
  port: number
}

/** Starts the browser-mode server; resolves once it listens. */
export function startBrowserServer(options: Omit<ServerOptions, 'host'> & { createHost: (emit: BrowserServer['emit']) => Host }): Promise<BrowserServer> {
  const rendererDir = resolve(options.rendererDir)
  const clients = new Set<ServerResponse>()
  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of clients) client.write(frame)
  }
  const host = options.createHost(emit)
  let port = options.port
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, error)
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      sendJson(res, 421, { error: { code: 'bad_request', message: 'demodeck answers only on 127.0.0.1 / localhost.' } })
      return
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const method = req.method ?? 'GET'
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': demodeck events\n\n')
      clients.add(res)
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
      req.on('close', () => {
        clearInterval(heartbeat)
        clients.delete(res)
      })
      return
    }
    if (url.pathname.startsWith('/api/')) {
      const match = matchRoute(method, url.pathname)
      if (match === 'method-mismatch') throw new ApiError('bad_request', `${method} is not allowed on ${url.pathname}.`)
      if (!match) throw new ApiError('not_found', `No API route ${method} ${url.pathname}. See GET /api/deck, /api/models, /api/runs.`)
      let body: unknown
      if (method === 'POST') {
        const type = req.headers['content-type'] ?? ''
        const length = Number(req.headers['content-length'] ?? 0)
        if (length > 0 && !type.includes('application/json')) {
          throw new ApiError('bad_request', 'POST bodies must be JSON (content-type: application/json).')
        }
        body = await readBody(req)
      }
      const result = await host.dispatch(match.channel, buildRequest(match, url.searchParams, body))
      sendJson(res, 200, result)
      return
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: { code: 'bad_request', message: `${method} is not allowed here.` } })
      return
    }
    if (url.pathname.startsWith('/deck-files/')) {
      let relative: string
      try {
        relative = decodeURIComponent(url.pathname.slice('/deck-files/'.length))
      } catch {
        throw new ApiError('bad_request', 'Bad file path.')
      }
      const file = safeJoin(host.deckRoot, relative)
      if (!file || relative.split('/').some((part) => part.startsWith('.')) || !DECK_ASSET_EXT.has(extname(file).toLowerCase()) || !existsSync(file) || !statSync(file).isFile()) {
        throw new ApiError('not_found', `No slide asset ${relative}.`)
      }
      serveFile(res, file, { 'cache-control': 'no-cache' })
      return
    }
    let relative: string
    try {
      relative = decodeURIComponent(url.pathname)
    } catch {
      relative = '/'
    }
    // The build uses relative asset URLs (Electron loads it from disk), so a page at
    // /demo/digits asks for /demo/assets/…: serve /assets/ from any depth.
    const assetsAt = relative.lastIndexOf('/assets/')
    if (assetsAt > 0) relative = relative.slice(assetsAt)
    const file = safeJoin(rendererDir, relative)
    if (file && existsSync(file) && statSync(file).isFile()) {
      serveFile(res, file, { 'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' })
      return
    }
    // Client-side routes (/, /presenter, /demo/<id>, /runs) all get the app shell.
    const index = join(rendererDir, 'index.html')
    if (!existsSync(index)) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The renderer is not built. Run `npm run build` (npm run web does it for you).')
      return
    }
    serveFile(res, index, { 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' })
  }

  const sockets = new Set<import('node:stream').Duplex>()
  server.on('upgrade', (req, socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname !== '/api/ws' || !allowedHosts().has(req.headers.host ?? '')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const origins = new Set([...allowedHosts()].map((hostPort) => `http://${hostPort}`))
    acceptWebSocket(req, socket, origins, (channel, payload) => host.dispatch(channel, payload))
  })

  return new Promise((resolveServer, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      if (address && typeof address === 'object') port = address.port
      resolveServer({
        server,
        url: `http://127.0.0.1:${port}/`,
        emit,
        close: () =>
          new Promise<void>((done) => {
            for (const client of clients) client.end()
            for (const socket of sockets) socket.destroy()
            host.dispose()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
