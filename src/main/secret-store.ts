/**
 * The W&B key entered in the app, encrypted with the OS keychain through
 * Electron safeStorage and kept in the user-data folder — never in the deck.
 */
import { app, safeStorage } from 'electron'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStore } from '../host/services'

export function createSecretStore(): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  const file = join(app.getPath('userData'), 'wandb-key.bin')
  return {
    get() {
      try {
        return existsSync(file) ? safeStorage.decryptString(readFileSync(file)) : null
      } catch {
        return null
      }
    },
    set(value) {
      mkdirSync(app.getPath('userData'), { recursive: true })
      writeFileSync(file, safeStorage.encryptString(value), { mode: 0o600 })
    }
  }
}
