/**
 * Spots text that looks like a W&B API key in deck files (a deck is meant to
 * be shared: a key in it would leak). Only key-shaped values next to a key-ish
 * name or in a netrc-style line count, so git commit hashes (also 40 hex chars,
 * common in W&B config) do not raise false alarms.
 */

const NAMED = /(?:WANDB_API_KEY|wandb[_-]?key|(?:api|auth|access|secret)[_-]?(?:key|token))["']?\s*[:=]\s*["']?(?:[A-Za-z0-9]+-)?[0-9a-f]{40,}/i
const NETRC = /\b(?:password|passwd)\s+["']?(?:[A-Za-z0-9]+-)?[0-9a-f]{40,}/i

/** True when `text` contains something that looks like a W&B API key. */
export function looksLikeWandbKey(text: string): boolean {
  return NAMED.test(text) || NETRC.test(text)
}

/** An HTTP credential as servers echo it: `Basic <token>` or `Bearer <token>`. */
const AUTH_VALUE = /\b(Basic|Bearer)\s+([A-Za-z0-9+/=._~-]{12,})/gi

/** Whether `token` after "Basic"/"Bearer" is a credential rather than a word of prose. */
function isCredential(scheme: string, token: string): boolean {
  // Basic carries base64("user:password").
  if (/^basic$/i.test(scheme)) return /^[A-Za-z0-9+/]+=*$/.test(token) && Buffer.from(token, 'base64').toString('latin1').includes(':')
  return /\d/.test(token) || token.length >= 24
}

/**
 * The forms in which a key can travel or be echoed back: as is, URL-encoded,
 * and base64 (standard and URL-safe) of `api:<key>` (HTTP Basic, as sent to W&B)
 * and of the key alone.
 */
function secretForms(secret: string): string[] {
  const b64 = (s: string): string[] => {
    const std = Buffer.from(s, 'utf8').toString('base64')
    return [std, std.replace(/=+$/, ''), Buffer.from(s, 'utf8').toString('base64url')]
  }
  const forms = new Set([secret, encodeURIComponent(secret), ...b64(`api:${secret}`), ...b64(secret)])
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length)
}

/** Removes every form of `secret` (see `secretForms`) from text we store or show (no-op for empty secrets). */
export function redact(text: string, secret: string | null | undefined): string {
  let out = text
  if (secret) for (const form of secretForms(secret)) out = out.split(form).join('[redacted]')
  return out
}

/**
 * For messages a server sent us: `redact`, and any `Basic …` / `Bearer …`
 * credential whoever's it is (a proxy may echo the header it received).
 */
export function redactMessage(text: string, secret: string | null | undefined): string {
  return redact(text, secret).replace(AUTH_VALUE, (whole, scheme: string, token: string) => (isCredential(scheme, token) ? `${scheme} [redacted]` : whole))
}
