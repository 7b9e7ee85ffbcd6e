/**
 * A minimal WebSocket endpoint (RFC 6455, text frames only) that carries the
 * same channel map as the HTTP routes: `{ id, channel, payload }` in,
 * `{ id, ok, value | error }` out, each call validated by `host.dispatch`.
 *
 * [Note: why a socket next to the HTTP routes]
 * In Chromium every fetch() costs several milliseconds of network-service
 * work even on loopback; one open socket costs a fraction of that per message.
 * The live demo predicts on every keystroke, so the renderer's API bridge
 * prefers the socket and falls back to HTTP. External clients (curl, reports)
 * keep the documented HTTP routes.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { ApiError } from '../shared/api'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
/** Largest message (an image as base64). */
export const MAX_WS_MESSAGE_BYTES = 32 * 1024 * 1024

export type Dispatch = (channel: string, payload: unknown) => Promise<unknown>

function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  const length = payload.length
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  header[0] = 0x81 // FIN + text
  if (length < 126) header[1] = length
  else if (length < 65536) {
    header[1] = 126
    header.writeUInt16BE(length, 2)
  } else {
    header[1] = 127
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([header, payload])
}

function controlFrame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from([0x80 | opcode, payload.length]), payload])
}

/**
 * Accepts an upgrade request if it comes from our own page (Origin must be the
 * server's own origin: WebSockets are not covered by the same-origin policy).
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, allowedOrigins: Set<string>, dispatch: Dispatch): void {
  const key = req.headers['sec-websocket-key']
  const origin = req.headers.origin ?? ''
  if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket' || !allowedOrigins.has(origin)) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    return
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64')
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true)

  let buffer: Buffer = Buffer.alloc(0)
  let fragments: Buffer[] = []
  let fragmentBytes = 0
  const send = (value: unknown): void => {
    if (!socket.destroyed) socket.write(frame(JSON.stringify(value)))
  }
  const close = (code: number): void => {
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(code, 0)
    if (!socket.destroyed) socket.end(controlFrame(0x8, payload))
  }

  const onMessage = (text: string): void => {
    let message: { id?: unknown; channel?: unknown; payload?: unknown }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      send({ id: null, ok: false, error: { code: 'bad_request', message: 'The message is not valid JSON.' } })
      return
    }
    const id = message.id
    if (typeof message.channel !== 'string') {
      send({ id, ok: false, error: { code: 'bad_request', message: 'The message needs a "channel".' } })
      return
    }
    dispatch(message.channel, message.payload).then(
      (value) => send({ id, ok: true, value }),
      (error: unknown) => {
        const apiError = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error))
        send({ id, ok: false, error: { code: apiError.code, message: apiError.message } })
      }
    )
  }

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
    for (;;) {
      if (buffer.length < 2) return
      const fin = (buffer[0]! & 0x80) !== 0
      const opcode = buffer[0]! & 0x0f
      const masked = (buffer[1]! & 0x80) !== 0
      let length = buffer[1]! & 0x7f
      let offset = 2
      if (length === 126) {
        if (buffer.length < 4) return
        length = buffer.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        if (buffer.length < 10) return
        const big = buffer.readBigUInt64BE(2)
        if (big > BigInt(MAX_WS_MESSAGE_BYTES)) return close(1009)
        length = Number(big)
        offset = 10
      }
      if (!masked) return close(1002) // clients must mask
      if (length > MAX_WS_MESSAGE_BYTES) return close(1009)
      if (buffer.length < offset + 4 + length) return
      const mask = buffer.subarray(offset, offset + 4)
      const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length))
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!
      buffer = buffer.subarray(offset + 4 + length)
      if (opcode === 0x8) return close(1000)
      if (opcode === 0x9) {
        if (!socket.destroyed) socket.write(controlFrame(0xa, payload))
        continue
      }
      if (opcode === 0xa) continue
      if (opcode === 0x1 || opcode === 0x0) {
        fragmentBytes += payload.length
        if (fragmentBytes > MAX_WS_MESSAGE_BYTES) return close(1009)
        fragments.push(payload)
        if (fin) {
          const text = Buffer.concat(fragments).toString('utf8')
          fragments = []
          fragmentBytes = 0
          onMessage(text)
        }
        continue
      }
      return close(1003) // binary or unknown opcodes are not part of the protocol
    }
  })
  socket.on('error', () => socket.destroy())
}
