/**
 * Deployed-endpoint tokens entered in the desktop app, encrypted with the OS
 * keychain through Electron safeStorage and kept in the user-data folder (one
 * file of encrypted values by name) — never in the deck.
 */
import { app, safeStorage } from 'electron'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TokenStore } from '../host/endpoint/auth'

/** The keychain-backed token store, or undefined where the OS offers no encryption. */
export function createEndpointTokenStore(): TokenStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  const file = join(app.getPath('userData'), 'endpoint-tokens.json')
  const read = (): Record<string, string> => {
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}
    } catch {
      return {}
    }
  }
  return {
    get(name) {
      const sealed = read()[name]
      if (!sealed) return null
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
      } catch {
        return null
      }
    },
    set(name, value) {
      const all = read()
      all[name] = safeStorage.encryptString(value).toString('base64')
      mkdirSync(app.getPath('userData'), { recursive: true })
      writeFileSync(file, JSON.stringify(all), { mode: 0o600 })
    }
  }
}
