/**
 * Browser mode: one loopback HTTP server that serves the built renderer, the
 * channel map under /api (and over a WebSocket at /api/ws), server-sent
 * events at /api/events and the deck's own files (slide media) under
 * /deck-files/. Binds 127.0.0.1 only; who may call it is decided in
 * request-guard.ts (see its note on DNS rebinding and cross-site requests).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { existsSync, statSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { ApiError, errorStatus, type ErrorBody, type EventName, type Events } from '../shared/api'
import { CONTENT_SECURITY_POLICY_HEADER } from '../shared/csp'
import type { Host } from '../host/create-host'
import { resolveDeckAsset } from '../host/deck/deck-assets'
import { buildRequest, matchRoute } from './http-api'
import { allowedOrigins, bodyRefusal, callerRefusal, hostAllowed } from './request-guard'
import { sendStatic } from './static-files'
import { createSocketEndpoint } from './websocket'
import { createEventStream } from './event-stream'

/** Largest JSON body (a phone photo as base64 fits). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

/** The policy of the app shell (one source with the renderer's index.html). */
export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_HEADER

/** Deck media opened on their own (an SVG in a tab) run no script and reach nothing. */
const DECK_FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'; sandbox"

export interface BrowserServer {
  server: Server
  url: string
  emit<E extends EventName>(event: E, payload: Events[E]): void
  /** Resolves once the host watches the deck for edits (hot reload): a save before it would go unnoticed. */
  watching: Promise<void>
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

/** Resolves `relative` inside `root` as text (the renderer build has no symlinks of the user's), or null when it would escape. */
function insideRoot(root: string, relative: string): string | null {
  const target = resolve(join(root, relative))
  return target.startsWith(root.endsWith(sep) ? root : root + sep) ? target : null
}

/** Streams a file; a status `send` refuses with (404, 416 …) becomes a plain answer. */
async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relative: string,
  headers: Record<string, string>
): Promise<void> {
  try {
    await sendStatic(req, res, root, relative, headers)
  } catch (error) {
    const status = (error as { status?: number }).status ?? 500
    if (res.headersSent) return void res.destroy()
    if (status === 404) throw new ApiError('not_found', `No file ${relative}.`)
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...((error as { headers?: Record<string, string> }).headers ?? {}) })
    res.end(`${status}`)
  }
}

export interface ServerOptions {
  host: Host
  rendererDir: string
  port: number
}

/** Starts the browser-mode server; resolves once it listens. */
export function startBrowserServer(
  options: Omit<ServerOptions, 'host'> & { createHost: (emit: BrowserServer['emit']) => Host }
): Promise<BrowserServer> {
  const rendererDir = resolve(options.rendererDir)
  const events = createEventStream()
  const emit = <E extends EventName>(event: E, payload: Events[E]): void => events.emit(event, payload)
  const host = options.createHost(emit)
  let port = options.port
  const sockets = createSocketEndpoint((channel, payload) => host.dispatch(channel, payload))

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, error)
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers, port)) {
      sendJson(res, 421, { error: { code: 'bad_request', message: 'demodeck answers only on 127.0.0.1 / localhost.' } })
      return
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const method = req.method ?? 'GET'
    if (url.pathname.startsWith('/api/')) {
      const changesState = method !== 'GET' && method !== 'HEAD'
      const refusal = callerRefusal(req.headers, port, changesState)
      if (refusal) {
        sendJson(res, 403, { error: { code: 'unauthorized', message: refusal } })
        return
      }
      if (url.pathname === '/api/events' && !changesState) return events.open(req, res)
      const match = matchRoute(method, url.pathname)
      if (match === 'method-mismatch') throw new ApiError('bad_request', `${method} is not allowed on ${url.pathname}.`)
      if (!match) throw new ApiError('not_found', `No API route ${method} ${url.pathname}. See GET /api/deck, /api/models, /api/runs.`)
      let body: unknown
      if (changesState) {
        const bad = bodyRefusal(req.headers)
        if (bad) throw new ApiError('bad_request', bad)
        body = await readBody(req)
        if (body === undefined)
          throw new ApiError('bad_request', 'Calls that change something must send a JSON body (send {} when there is nothing to say).')
      }
      // A change takes its fields from the path and the JSON body only, never from the query string.
      const query = changesState ? new URLSearchParams() : url.searchParams
      const result = await host.dispatch(match.channel, buildRequest(match, query, body))
      sendJson(res, 200, result)
      return
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: { code: 'bad_request', message: `${method} is not allowed here.` } })
      return
    }
    if (url.pathname.startsWith('/deck-files/')) {
      let requested: string
      try {
        requested = decodeURIComponent(url.pathname.slice('/deck-files/'.length))
      } catch {
        throw new ApiError('bad_request', 'Bad file path.')
      }
      const asset = resolveDeckAsset(host.deckRoot, requested)
      if (!asset) throw new ApiError('not_found', `No slide asset ${requested}.`)
      await serveStatic(req, res, asset.root, asset.relative, { 'cache-control': 'no-cache', 'content-security-policy': DECK_FILE_POLICY })
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
    const file = insideRoot(rendererDir, relative)
    if (file && existsSync(file) && statSync(file).isFile()) {
      const immutable = relative.startsWith('/assets/')
      await serveStatic(req, res, rendererDir, relative, { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' })
      return
    }
    // Client-side routes (/, /presenter, /demo/<id>, /runs) all get the app shell.
    if (!existsSync(join(rendererDir, 'index.html'))) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The renderer is not built. Run `npm run build` (npm run web does it for you).')
      return
    }
    await serveStatic(req, res, rendererDir, 'index.html', { 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' })
  }

  const upgrading = new Set<Duplex>()
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrading.add(socket)
    socket.on('close', () => upgrading.delete(socket))
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname !== '/api/ws' || !hostAllowed(req.headers, port)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    // Sockets are not covered by the same-origin policy: a browser page must show our own origin.
    if (!allowedOrigins(port).has(String(req.headers.origin)) || callerRefusal(req.headers, port, true)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    sockets.accept(req, socket, head)
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
        watching: host.watching,
        close: () =>
          new Promise<void>((done) => {
            events.close()
            sockets.close()
            for (const socket of upgrading) socket.destroy()
            host.dispose()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
