/**
 * Where the W&B API key comes from, in the SDK's order: `WANDB_API_KEY`, then
 * `~/.netrc` (the entry of the host called: `machine api.wandb.ai`, or the host
 * of a custom WANDB_BASE_URL), then
 * the app's own SecretStore (Electron safeStorage). The key is only ever handed
 * to the HTTP layer; everything else sees `KeyStatus`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStore } from '../services'

export const DEFAULT_BASE_URL = 'https://api.wandb.ai'

/** W&B key shape (wbauth/validation.py): optional `prefix-`, then at least 40 word characters. */
export const KEY_SHAPE = /^(?:[A-Za-z0-9]+-)?\w{40,}$/

export type KeySource = 'env' | 'netrc' | 'keychain' | 'none'

export interface ResolvedKey {
  key: string | null
  source: KeySource
}

export interface CredentialOptions {
  env: NodeJS.ProcessEnv
  homeDir?: string
  secretStore?: SecretStore
}

/** The API base URL without a trailing slash (env `WANDB_BASE_URL`, default https://api.wandb.ai). */
export function baseUrlFrom(env: NodeJS.ProcessEnv): string {
  const raw = (env['WANDB_BASE_URL'] ?? '').trim()
  return (raw || DEFAULT_BASE_URL).replace(/\/+$/, '')
}

/** Password of the first netrc entry whose machine is one of `hosts`, else null. */
export function netrcPassword(text: string, hosts: string[]): string | null {
  const tokens = text
    .split('\n')
    .map((line) => line.replace(/^\s*#.*$/, ''))
    .join('\n')
    .split(/\s+/)
    .filter(Boolean)
  let machine: string | null = null
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t === 'machine') {
      machine = tokens[++i] ?? null
    } else if (t === 'default') {
      machine = '*default*'
    } else if ((t === 'password' || t === 'passwd') && machine && hosts.includes(machine)) {
      return tokens[i + 1] ?? null
    } else if (t === 'login' || t === 'account' || t === 'password' || t === 'passwd') {
      i++
    }
  }
  return null
}

/**
 * Host names whose netrc entry may be sent to `baseUrl`: only the host actually
 * called (with and without its port), as curl and the wandb SDK do. Never
 * api.wandb.ai's password for another host: a WANDB_BASE_URL pointing
 * elsewhere must not receive the W&B cloud key.
 */
export function netrcHosts(baseUrl: string): string[] {
  try {
    const u = new URL(baseUrl)
    return [...new Set([u.hostname, u.host])]
  } catch {
    // a malformed base URL is reported when it is used; no netrc entry fits it
    return []
  }
}

/** Finds the key without exposing it beyond the return value. */
export function resolveKey(options: CredentialOptions): ResolvedKey {
  const envKey = (options.env['WANDB_API_KEY'] ?? '').trim()
  if (envKey) return { key: envKey, source: 'env' }
  const home = options.homeDir ?? options.env['HOME'] ?? options.env['USERPROFILE']
  if (home) {
    const netrcFile = options.env['NETRC'] ?? join(home, '.netrc')
    try {
      const key = netrcPassword(readFileSync(netrcFile, 'utf8'), netrcHosts(baseUrlFrom(options.env)))
      if (key) return { key, source: 'netrc' }
    } catch {
      // no netrc: fine
    }
  }
  try {
    const stored = options.secretStore?.get()
    if (stored) return { key: stored, source: 'keychain' }
  } catch {
    // an unreadable store counts as no key
  }
  return { key: null, source: 'none' }
}
