/**
 * Takes secrets out of text demodeck stores or shows: a W&B key or an
 * endpoint token as is, URL-encoded or base64-encoded (as HTTP Basic carries
 * it), and any `Basic …` / `Bearer …` credential a server echoes back.
 * Pure (no Buffer), so every host and the core itself redact the same way.
 */

/** An HTTP credential as servers echo it: `Basic <token>` or `Bearer <token>`. */
const AUTH_VALUE = /\b(Basic|Bearer)\s+([A-Za-z0-9+/=._~-]{12,})/gi

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Whether `token` after "Basic"/"Bearer" is a credential rather than a word of prose. */
function isCredential(scheme: string, token: string): boolean {
  // Basic carries base64("user:password").
  if (/^basic$/i.test(scheme)) {
    if (!/^[A-Za-z0-9+/]+=*$/.test(token)) return false
    try {
      return atob(token.replace(/=+$/, '')).includes(':')
    } catch {
      return false
    }
  }
  return /\d/.test(token) || token.length >= 24
}

/**
 * The forms in which a secret can travel or be echoed back: as is, URL-encoded,
 * and base64 (standard, unpadded and URL-safe) of `api:<secret>` (HTTP Basic, as
 * sent to W&B) and of the secret alone.
 */
function secretForms(secret: string): string[] {
  const b64 = (s: string): string[] => {
    const std = base64(s)
    const bare = std.replace(/=+$/, '')
    return [std, bare, bare.replace(/\+/g, '-').replace(/\//g, '_')]
  }
  const forms = new Set([secret, encodeURIComponent(secret), ...b64(`api:${secret}`), ...b64(secret)])
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length)
}

/** A secret, several, or none. */
export type Secrets = string | null | undefined | ReadonlyArray<string | null | undefined>

/** Removes every form of each secret (see `secretForms`) from `text`; secrets shorter than 4 characters are left alone. */
export function redact(text: string, secrets: Secrets): string {
  let out = text
  const list = typeof secrets === 'string' ? [secrets] : (secrets ?? [])
  for (const secret of list) {
    if (secret && secret.length >= 4) for (const form of secretForms(secret)) out = out.split(form).join('[redacted]')
  }
  return out
}

/**
 * For messages a server sent us: `redact`, and any `Basic …` / `Bearer …`
 * credential whoever's it is (a proxy may echo the header it received).
 */
export function redactMessage(text: string, secrets: Secrets): string {
  return redact(text, secrets).replace(AUTH_VALUE, (whole, scheme: string, token: string) =>
    isCredential(scheme, token) ? `${scheme} [redacted]` : whole
  )
}
