import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import type { BrowserServer } from '../../../src/server/http-server'
import { noWorker, startDeckServer, tempDeck, type TempDeck } from '../../fixtures/host'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../src/shared/csp'

let server: BrowserServer
let deck: TempDeck
let dir: string
let outside: string
const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))

beforeAll(async () => {
  deck = tempDeck('dd-http-', '---\ntitle: HTTP deck\n---\n# One\nNote: n1\n---\n# Two\n')
  dir = deck.root
  writeFileSync(join(dir, 'slides', 'plot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(dir, 'slides', 'clip.mp4'), VIDEO)
  // A file and a folder outside the deck, reachable through symlinks inside it.
  outside = mkdtempSync(join(tmpdir(), 'dd-outside-'))
  writeFileSync(join(outside, 'secret.png'), 'not for the audience')
  mkdirSync(join(outside, 'photos'))
  writeFileSync(join(outside, 'photos', 'private.png'), 'not for the audience either')
  symlinkSync(join(outside, 'secret.png'), join(dir, 'slides', 'link.png'))
  symlinkSync(join(outside, 'photos'), join(dir, 'slides', 'photos'))
  symlinkSync(join(dir, 'slides', 'plot.png'), join(dir, 'slides', 'alias.png'))
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true })
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  server = await startDeckServer(dir, noWorker)
})
afterAll(async () => {
  await server.close()
  deck.cleanup()
  rmSync(outside, { recursive: true, force: true })
})

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: response.status, json, headers: Object.fromEntries(response.headers) }
}

describe('browser-mode HTTP API', () => {
  it('GET /api/deck answers the documented shape', async () => {
    const { status, json } = await call('GET', '/api/deck')
    expect(status).toBe(200)
    expect(json).toMatchObject({ title: 'HTTP deck', durationSec: 360, qaSec: 600 })
    expect(json.slides.map((s: any) => [s.index, s.title, s.notes, s.budgetSec])).toEqual([
      [0, 'One', 'n1', 180],
      [1, 'Two', '', 180]
    ])
  })

  it('sync state round-trips and rejects bad payloads with a reason', async () => {
    const ok = await call('POST', '/api/sync', { origin: 't', slide: 1 })
    expect(ok.json.slide).toBe(1)
    const bad = await call('POST', '/api/sync', { origin: 't', slide: -3 })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('bad_request')
    expect(bad.json.error.message).toMatch(/slide/)
  })

  it('unknown routes are 404 and wrong methods 400, as JSON errors', async () => {
    expect((await call('GET', '/api/nope')).json.error.code).toBe('not_found')
    expect((await call('DELETE', '/api/deck')).status).toBe(400)
  })

  it('invalid JSON and non-JSON bodies are refused with a message', async () => {
    const broken = await call('POST', '/api/sync', '{"origin":', {})
    expect(broken.status).toBe(400)
    expect(broken.json.error.message).toMatch(/not valid JSON/)
    const form = await fetch(new URL('/api/sync', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'origin=x'
    })
    expect(form.status).toBe(400)
  })

  it('serves the app shell with a strict CSP for client routes', async () => {
    const page = await call('GET', '/presenter')
    expect(page.status).toBe(200)
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/)
    expect(String(page.headers['content-security-policy'])).not.toMatch(/unsafe-eval/)
  })

  it('serves the relative /assets/ of the build from nested routes such as /demo/<id>', async () => {
    for (const path of ['/assets/app.js', '/demo/assets/app.js', '/demo/digits/assets/app.js']) {
      const response = await call('GET', path)
      expect(response.status).toBe(200)
      expect(String(response.headers['content-type'])).toMatch(/javascript/)
    }
  })

  it('serves deck media but never files outside the deck or other types', async () => {
    expect((await call('GET', '/deck-files/slides/plot.png')).status).toBe(200)
    expect((await call('GET', '/deck-files/slides/deck.md')).status).toBe(404)
    expect((await call('GET', '/deck-files/..%2F..%2Fetc%2Fpasswd')).status).toBe(404)
  })

  it('never serves a file outside the deck through a symlink (file or folder); links inside the deck work', async () => {
    expect((await call('GET', '/deck-files/slides/link.png')).status).toBe(404)
    expect((await call('GET', '/deck-files/slides/photos/private.png')).status).toBe(404)
    const inside = await call('GET', '/deck-files/slides/alias.png')
    expect(inside.status).toBe(200)
  })

  it('serves slide videos with Range requests (a video can seek), and deck media run no script', async () => {
    const whole = await fetch(new URL('/deck-files/slides/clip.mp4', server.url))
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(whole.headers.get('content-type')).toBe('video/mp4')
    expect(whole.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(VIDEO)
    const part = await fetch(new URL('/deck-files/slides/clip.mp4', server.url), { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000')
    expect(Buffer.from(await part.arrayBuffer())).toEqual(VIDEO.subarray(100, 200))
    const beyond = await fetch(new URL('/deck-files/slides/clip.mp4', server.url), { headers: { range: 'bytes=5000-6000' } })
    expect(beyond.status).toBe(416)
  })

  it('sends the one CSP of src/shared/csp.ts with the app shell', async () => {
    const page = await call('GET', '/')
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER)
  })

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    const port = new URL(server.url).port
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/deck', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })
})

import { connect } from 'node:net'

/** Opens a raw WebSocket to /api/ws, sends one masked text frame, returns the reply text (or the HTTP status line). */
function wsCall(origin: string, message: unknown): Promise<string> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), '127.0.0.1')
    let data = Buffer.alloc(0)
    let upgraded = false
    socket.on('connect', () => {
      socket.write(
        `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: ${origin}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`
      )
    })
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      if (!upgraded) {
        const end = data.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = data.subarray(0, end).toString()
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy()
          return resolve(head.split('\r\n')[0]!)
        }
        expect(head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=')
        upgraded = true
        data = data.subarray(end + 4)
        const payload = Buffer.from(JSON.stringify(message))
        const mask = Buffer.from([1, 2, 3, 4])
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))
        const header =
          payload.length < 126
            ? Buffer.from([0x81, 0x80 | payload.length])
            : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 255])
        socket.write(Buffer.concat([header, mask, masked]))
      }
      if (upgraded && data.length >= 2) {
        let length = data[1]! & 0x7f
        let offset = 2
        if (length === 126) {
          if (data.length < 4) return
          length = data.readUInt16BE(2)
          offset = 4
        }
        if (data.length < offset + length) return
        socket.destroy()
        resolve(data.subarray(offset, offset + length).toString())
      }
    })
    socket.on('error', reject)
  })
}

describe('the WebSocket transport of the same channel map', () => {
  it('answers a call from our own origin, validated like HTTP', async () => {
    const origin = server.url.replace(/\/$/, '')
    const ok = JSON.parse(await wsCall(origin, { id: 7, channel: 'deck:get', payload: {} }))
    expect(ok).toMatchObject({ id: 7, ok: true, value: { title: 'HTTP deck' } })
    const bad = JSON.parse(await wsCall(origin, { id: 8, channel: 'sync:update', payload: { origin: 'x', slide: -1 } }))
    expect(bad).toMatchObject({ id: 8, ok: false, error: { code: 'bad_request' } })
  })

  it('refuses pages from other origins (a socket is not covered by the same-origin policy)', async () => {
    expect(await wsCall('http://evil.example', { id: 1, channel: 'deck:get', payload: {} })).toBe('HTTP/1.1 403 Forbidden')
  })
})

describe('cross-site requests cannot change anything (CSRF)', () => {
  const slide = async (): Promise<number> => (await call('GET', '/api/sync')).json.slide
  const post = (path: string, init: { body?: string; headers?: Record<string, string> }) =>
    fetch(new URL(path, server.url), { method: 'POST', ...init })

  it('refuses a text/plain body that claims to be JSON (what fetch no-cors can send)', async () => {
    await call('POST', '/api/sync', { origin: 't', slide: 0 })
    const response = await post('/api/sync', {
      headers: { 'content-type': 'text/plain; charset=application/json' },
      body: JSON.stringify({ origin: 'evil', slide: 1 })
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toMatch(/content-type: application\/json/)
    expect(await slide()).toBe(0)
  })

  it('refuses a body-less POST, even with the fields in the query string', async () => {
    const response = await post('/api/sync?origin=evil&slide=1&blackout=true', {})
    expect(response.status).toBe(400)
    const jsonButEmpty = await post('/api/sync?origin=evil&slide=1', { headers: { 'content-type': 'application/json' } })
    expect(jsonButEmpty.status).toBe(400)
    expect((await jsonButEmpty.json()).error.message).toMatch(/JSON body/)
    expect(await slide()).toBe(0)
  })

  it('ignores the query string of a POST: fields come from the path and the JSON body only', async () => {
    const response = await post('/api/sync?slide=1', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ origin: 't' }) })
    expect(response.status).toBe(200)
    expect(await slide()).toBe(0)
  })

  it('refuses a JSON call from another origin or a same-site page (another loopback port)', async () => {
    const other = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`
    const fromOther = await post('/api/sync', {
      headers: { 'content-type': 'application/json', origin: other },
      body: JSON.stringify({ origin: 'evil', slide: 1 })
    })
    expect(fromOther.status).toBe(403)
    expect((await fromOther.json()).error.message).toContain(other)
    const sameSite = await post('/api/sync', {
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
      body: JSON.stringify({ origin: 'evil', slide: 1 })
    })
    expect(sameSite.status).toBe(403)
    const read = await call('GET', '/api/deck', undefined, { 'sec-fetch-site': 'cross-site' })
    expect(read.status).toBe(403)
    expect(await slide()).toBe(0)
  })

  it('lets our own page (same origin) change the talk', async () => {
    const own = server.url.replace(/\/$/, '')
    const response = await post('/api/sync', {
      headers: { 'content-type': 'application/json; charset=utf-8', origin: own, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ origin: 't', slide: 1 })
    })
    expect(response.status).toBe(200)
    expect(await slide()).toBe(1)
    await call('POST', '/api/sync', { origin: 't', slide: 0 })
  })
})

import WebSocket from 'ws'

/** Opens a socket from our own origin and resolves once it is open. */
function openSocket(): Promise<WebSocket> {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws') + 'api/ws', { origin: server.url.replace(/\/$/, '') })
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

const closeCode = (socket: WebSocket): Promise<number> => new Promise((resolve) => socket.once('close', (code) => resolve(code)))

describe('the WebSocket transport follows RFC 6455 (the ws package)', () => {
  it('answers a ping of the largest control size (125 bytes) with the same pong', async () => {
    const socket = await openSocket()
    const payload = Buffer.alloc(125, 7)
    const pong = new Promise<Buffer>((resolve) => socket.once('pong', resolve))
    socket.ping(payload)
    expect(await pong).toEqual(payload)
    socket.close()
  })

  it('closes with 1002 on a control frame over 125 bytes instead of answering a broken pong', async () => {
    const socket = await openSocket()
    const closed = closeCode(socket)
    // A raw, masked ping frame with a 16-bit length of 200 (forbidden for control frames).
    const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket
    const payload = Buffer.alloc(200, 1)
    raw.write(Buffer.concat([Buffer.from([0x89, 0x80 | 126, 0, 200, 0, 0, 0, 0]), payload]))
    expect(await closed).toBe(1002)
  })

  it('closes with 1007 on text that is not UTF-8', async () => {
    const socket = await openSocket()
    const closed = closeCode(socket)
    const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket
    raw.write(Buffer.from([0x81, 0x80 | 2, 0, 0, 0, 0, 0xc3, 0x28]))
    expect(await closed).toBe(1007)
  })

  it('carries calls and says so when a message is not JSON', async () => {
    const socket = await openSocket()
    const replies: unknown[] = []
    const two = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        replies.push(JSON.parse(data.toString()))
        if (replies.length === 2) resolve()
      })
    )
    socket.send('{not json')
    socket.send(JSON.stringify({ id: 3, channel: 'deck:get', payload: {} }))
    await two
    expect(replies).toContainEqual({ id: null, ok: false, error: { code: 'bad_request', message: 'The message is not valid JSON.' } })
    expect(replies).toContainEqual(expect.objectContaining({ id: 3, ok: true }))
    socket.close()
  })
})
