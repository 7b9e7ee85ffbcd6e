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

/** Redaction lives in core, shared with the endpoint service (see core/secrets/redact.ts). */
export { redact, redactMessage } from '../../core/secrets/redact'
