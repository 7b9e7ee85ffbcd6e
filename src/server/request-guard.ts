/**
 * Who may call browser mode's API: the checks that keep other web pages (and
 * other names for 127.0.0.1) from driving the talk. Pure functions over
 * request headers, so each rule is unit-tested on its own.
 *
 * [Note: what browser mode defends against]
 * - DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and
 *   then calls us "same-origin". The Host header still says evil.example, so
 *   only `127.0.0.1:PORT` and `localhost:PORT` are answered (`hostAllowed`).
 * - Cross-site request forgery: any page the presenter has open (even one on
 *   another loopback port: same *site*, other *origin*) can send simple
 *   requests — `fetch(…, { mode: 'no-cors' })` with a text/plain body, an
 *   HTML form post, a body-less POST — that the browser delivers without
 *   asking us. Chromium marks them with `Origin` and `Sec-Fetch-Site`, so a
 *   request carrying another origin, or `Sec-Fetch-Site` other than
 *   `same-origin`, is refused before it reaches a handler (`callerRefusal`).
 *   State-changing calls must also carry exactly `application/json` (no
 *   simple request can set that type) and a body; the path and the body are
 *   their only inputs (never the query string).
 * Tools without a browser (curl, scripts) send neither header and are let in:
 * they can only reach 127.0.0.1 from this machine anyway.
 */
import type { IncomingHttpHeaders } from 'node:http'

/** `host:port` names this server answers to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

/** Origins of our own pages. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((hostPort) => `http://${hostPort}`))
}

/** True when the Host header names this server (no DNS rebinding). */
export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  return allowedHosts(port).has(headers.host ?? '')
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/**
 * Why a request to the API must be refused because of who sent it, or null
 * when it may go on: our own pages, or a client that is not a browser. A read
 * typed into the address bar (`Sec-Fetch-Site: none`) is fine; a change never is.
 */
export function callerRefusal(headers: IncomingHttpHeaders, port: number, changesState: boolean): string | null {
  const origin = single(headers.origin)
  if (origin !== undefined && !allowedOrigins(port).has(origin)) {
    return `A page from ${origin === 'null' ? 'an opaque origin' : origin} may not call demodeck's API (only demodeck's own pages may).`
  }
  const site = single(headers['sec-fetch-site'])
  if (site !== undefined && site !== 'same-origin' && (changesState || site !== 'none')) {
    return `Only demodeck's own pages may call its API (this request came ${site === 'none' ? 'from outside any page' : `from a ${site} page`}).`
  }
  return null
}

/** True when a Content-Type header is exactly JSON (`application/json`, optionally with a UTF-8 charset). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false
  const [essence, ...parameters] = value.split(';').map((part) => part.trim().toLowerCase())
  if (essence !== 'application/json') return false
  return parameters.every((parameter) => parameter === '' || parameter === 'charset=utf-8' || parameter === 'charset="utf-8"')
}

/** Why a state-changing request's body is refused before it is read, or null. */
export function bodyRefusal(headers: IncomingHttpHeaders): string | null {
  if (!isJsonContentType(single(headers['content-type']))) {
    return 'Calls that change something must send a JSON body with content-type: application/json.'
  }
  const length = headers['content-length']
  const chunked = /\bchunked\b/i.test(single(headers['transfer-encoding']) ?? '')
  if (!chunked && (length === undefined || Number(length) === 0)) {
    return 'Calls that change something must send a JSON body (send {} when there is nothing to say).'
  }
  return null
}
