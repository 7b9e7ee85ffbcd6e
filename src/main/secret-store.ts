/**
 * The W&B key entered in the app, encrypted with the OS keychain through
 * Electron safeStorage and kept in the user-data folder — never in the deck.
 *
 * [Note: no plain-text fallback]
 * On Linux without a keyring (no GNOME Keyring/KWallet, or
 * --password-store=basic) safeStorage still "encrypts", with the `basic_text`
 * backend: a key every Chromium build knows, so the file is as good as plain
 * text. demodeck then refuses to store the key and says what to do instead.
 */
import { app, safeStorage } from 'electron'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStore } from '../host/services'

/**
 * Why a key must not be stored with this keychain backend, or null when it is
 * safe. `backend` is safeStorage.getSelectedStorageBackend() (Linux only).
 */
export function keychainRefusal(platform: NodeJS.Platform, encryptionAvailable: boolean, backend: string | undefined): string | null {
  const instead = 'Set WANDB_API_KEY or add api.wandb.ai to ~/.netrc instead, then restart demodeck.'
  if (!encryptionAvailable) return `This system has no keychain demodeck can use, so the key is not stored. ${instead}`
  if (platform === 'linux' && (backend === 'basic_text' || backend === 'unknown' || backend === undefined)) {
    return `No keyring (GNOME Keyring or KWallet) is running, so Electron would keep the key in plain text: demodeck did not store it. ${instead}`
  }
  return null
}

/** The secret store, or undefined when this system has no encryption at all. */
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
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined
      const refusal = keychainRefusal(process.platform, safeStorage.isEncryptionAvailable(), backend)
      if (refusal) throw new Error(refusal)
      mkdirSync(app.getPath('userData'), { recursive: true })
      writeFileSync(file, safeStorage.encryptString(value), { mode: 0o600 })
    }
  }
}
