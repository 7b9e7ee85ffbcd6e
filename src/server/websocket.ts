/**
 * The WebSocket transport of the channel map (the `ws` package does the
 * protocol): `{ id, channel, payload }` in, `{ id, ok, value | error }` out,
 * each call validated by `host.dispatch` exactly like its HTTP route.
 *
 * [Note: why a socket next to the HTTP routes]
 * In Chromium every fetch() costs several milliseconds of network-service
 * work even on loopback; one open socket costs a fraction of that per message.
 * The live demo predicts on every keystroke, so the renderer's API bridge
 * prefers the socket and falls back to HTTP. External clients (curl, reports)
 * keep the documented HTTP routes.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { ApiError } from '../shared/api'

/** Largest message (an image as base64). */
export const MAX_WS_MESSAGE_BYTES = 32 * 1024 * 1024

export type Dispatch = (channel: string, payload: unknown) => Promise<unknown>

/** The socket endpoint: hand it upgrade requests that passed the caller checks. */
export interface SocketEndpoint {
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): void
}

function answer(socket: WebSocket, value: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value))
}

function onMessage(socket: WebSocket, data: RawData, isBinary: boolean, dispatch: Dispatch): void {
  if (isBinary) {
    socket.close(1003, 'text frames only')
    return
  }
  let message: { id?: unknown; channel?: unknown; payload?: unknown }
  try {
    message = JSON.parse(data.toString()) as typeof message
  } catch {
    answer(socket, { id: null, ok: false, error: { code: 'bad_request', message: 'The message is not valid JSON.' } })
    return
  }
  const id = message?.id
  if (typeof message?.channel !== 'string') {
    answer(socket, { id, ok: false, error: { code: 'bad_request', message: 'The message needs a "channel".' } })
    return
  }
  dispatch(message.channel, message.payload).then(
    (value) => answer(socket, { id, ok: true, value }),
    (error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error))
      answer(socket, { id, ok: false, error: { code: apiError.code, message: apiError.message } })
    }
  )
}

/** Creates the endpoint; the HTTP server checks Host and Origin before calling `accept`. */
export function createSocketEndpoint(dispatch: Dispatch): SocketEndpoint {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES, perMessageDeflate: false })
  return {
    accept(req, socket, head) {
      server.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary, dispatch))
        ws.on('error', () => ws.terminate())
      })
    },
    close() {
      for (const client of server.clients) client.terminate()
      server.close()
    }
  }
}
