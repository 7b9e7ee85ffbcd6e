import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { createHost } from '../../../src/host/create-host'
import { startBrowserServer, type BrowserServer } from '../../../src/server/http-server'

let server: BrowserServer
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-http-'))
  mkdirSync(join(dir, 'slides'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'slides', 'deck.md'), '---\ntitle: HTTP deck\n---\n# One\nNote: n1\n---\n# Two\n')
  writeFileSync(join(dir, 'slides', 'plot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>')
  mkdirSync(join(dir, 'renderer', 'assets'))
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  server = await startBrowserServer({
    rendererDir: join(dir, 'renderer'),
    port: 0,
    createHost: (emit) => createHost({ deckRoot: dir, spawnWorker: () => { throw new Error('no worker in this test') }, emit, watch: false })
  })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await response.text()
  let json: unknown = null
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
    const form = await fetch(new URL('/api/sync', server.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'origin=x' })
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
        const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 255])
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
