/**
 * The curl command for a request the host sent, for the demo's curl panel and
 * the report. Secrets are never in it: the auth header is written as a shell
 * variable (`"Authorization: Bearer $CLOUD_RUN_TOKEN"`), so the command works in
 * the student's own shell and shows nothing on the projector.
 */
import type { OutgoingRequest } from './request'

/** How the request was authenticated, by name only. */
export interface AuthShown {
  header: string
  scheme: string
  /** The environment variable the token came from, written as $NAME. */
  env?: string
  /** The keychain entry it came from (shown as a placeholder). */
  keychain?: string
}

/** Quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/** Builds the curl command; `maxChars` shortens long JSON or text bodies for the screen (the copy keeps them whole). */
export function curlFor(request: OutgoingRequest, auth?: AuthShown, options: { timeoutSec?: number; maxChars?: number } = {}): string {
  const lines: string[] = [`curl -X POST ${shellQuote(request.url)}`]
  if (auth) {
    const value = auth.env ? `$${auth.env}` : `<token from the keychain entry "${auth.keychain ?? ''}">`
    const text = `${auth.header}: ${auth.scheme ? auth.scheme + ' ' : ''}${value}`
    // Double quotes so the shell expands $NAME; the name is a plain identifier, nothing else to escape.
    lines.push(auth.env ? `-H "${text}"` : `-H ${shellQuote(text)}`)
  }
  const shorten = (s: string): string => (options.maxChars && s.length > options.maxChars ? s.slice(0, options.maxChars - 1) + '…' : s)
  const b = request.body
  switch (b.type) {
    case 'json':
      lines.push(`-H 'content-type: application/json'`, `-d ${shellQuote(shorten(b.text))}`)
      break
    case 'text':
      lines.push(`-H ${shellQuote(`content-type: ${b.contentType}`)}`, `--data-binary ${shellQuote(shorten(b.text))}`)
      break
    case 'bytes':
      lines.push(`-H ${shellQuote(`content-type: ${b.contentType}`)}`, `--data-binary ${shellQuote('@' + b.fileName)}`)
      break
    case 'multipart':
      for (const part of b.parts) {
        lines.push(
          'bytes' in part
            ? `-F ${shellQuote(`${part.name}=@${part.fileName};type=${part.contentType}`)}`
            : `-F ${shellQuote(`${part.name}=${shorten(part.value)}`)}`
        )
      }
      break
    case 'none':
      break
  }
  if (options.timeoutSec) lines.push(`--max-time ${Math.max(1, Math.ceil(options.timeoutSec))}`)
  return lines.join(' \\\n  ')
}
