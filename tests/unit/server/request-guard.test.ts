import { describe, expect, it } from 'vitest'
import { bodyRefusal, callerRefusal, hostAllowed, isJsonContentType } from '../../../src/server/request-guard'

const PORT = 5317
const own = `http://127.0.0.1:${PORT}`

describe('callerRefusal: only our own pages (or non-browser clients) may call the API', () => {
  it('lets our pages and tools without a browser in', () => {
    expect(callerRefusal({ origin: own, 'sec-fetch-site': 'same-origin' }, PORT, true)).toBeNull()
    expect(callerRefusal({ origin: `http://localhost:${PORT}`, 'sec-fetch-site': 'same-origin' }, PORT, true)).toBeNull()
    expect(callerRefusal({ 'sec-fetch-site': 'same-origin' }, PORT, false)).toBeNull()
    expect(callerRefusal({}, PORT, true)).toBeNull() // curl
  })

  it('refuses another origin, even another port of 127.0.0.1 (same site, other origin)', () => {
    expect(callerRefusal({ origin: `http://127.0.0.1:${PORT + 1}` }, PORT, true)).toMatch(/http:\/\/127\.0\.0\.1:5318 may not call/)
    expect(callerRefusal({ origin: 'https://evil.example' }, PORT, false)).toMatch(/evil\.example/)
    expect(callerRefusal({ origin: 'null' }, PORT, true)).toMatch(/opaque origin/)
    expect(callerRefusal({ origin: `https://127.0.0.1:${PORT}` }, PORT, true)).not.toBeNull()
  })

  it('refuses Sec-Fetch-Site other than same-origin; an address-bar read (none) is fine, a change is not', () => {
    expect(callerRefusal({ 'sec-fetch-site': 'same-site' }, PORT, true)).toMatch(/same-site page/)
    expect(callerRefusal({ 'sec-fetch-site': 'cross-site' }, PORT, false)).toMatch(/cross-site page/)
    expect(callerRefusal({ 'sec-fetch-site': 'none' }, PORT, false)).toBeNull()
    expect(callerRefusal({ 'sec-fetch-site': 'none' }, PORT, true)).toMatch(/outside any page/)
  })
})

describe('hostAllowed: DNS rebinding', () => {
  it('answers 127.0.0.1 and localhost on our port only', () => {
    expect(hostAllowed({ host: `127.0.0.1:${PORT}` }, PORT)).toBe(true)
    expect(hostAllowed({ host: `localhost:${PORT}` }, PORT)).toBe(true)
    expect(hostAllowed({ host: `evil.example:${PORT}` }, PORT)).toBe(false)
    expect(hostAllowed({ host: '127.0.0.1' }, PORT)).toBe(false)
    expect(hostAllowed({}, PORT)).toBe(false)
  })
})

describe('state-changing bodies', () => {
  it('require exactly application/json (a simple request cannot send it)', () => {
    expect(isJsonContentType('application/json')).toBe(true)
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true)
    expect(isJsonContentType('text/plain; charset=application/json')).toBe(false)
    expect(isJsonContentType('application/json-patch+json')).toBe(false)
    expect(isJsonContentType('application/jsonx')).toBe(false)
    expect(isJsonContentType('application/json; charset=latin1')).toBe(false)
    expect(isJsonContentType('multipart/form-data; boundary=application/json')).toBe(false)
    expect(isJsonContentType(undefined)).toBe(false)
  })

  it('refuse a POST without a body or with a non-JSON type, with a reason', () => {
    expect(bodyRefusal({ 'content-type': 'application/json', 'content-length': '2' })).toBeNull()
    expect(bodyRefusal({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' })).toBeNull()
    expect(bodyRefusal({ 'content-type': 'application/json', 'content-length': '0' })).toMatch(/send \{\}/)
    expect(bodyRefusal({ 'content-type': 'application/json' })).toMatch(/JSON body/)
    expect(bodyRefusal({ 'content-type': 'text/plain', 'content-length': '20' })).toMatch(/content-type: application\/json/)
    expect(bodyRefusal({})).toMatch(/content-type: application\/json/)
  })
})
