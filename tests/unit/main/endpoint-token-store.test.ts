/** The desktop app's keychain store for endpoint tokens, with Electron mocked (safeStorage as a reversible cipher). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const userData = mkdtempSync(join(tmpdir(), 'demodeck-tokens-'))
let encryption = true
vi.mock('electron', () => ({
  app: { getPath: () => userData },
  safeStorage: {
    isEncryptionAvailable: () => encryption,
    encryptString: (value: string) => Buffer.from([...Buffer.from(value)].map((b) => b ^ 0x5a)),
    decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString()
  }
}))

const { createEndpointTokenStore } = await import('../../../src/main/endpoint-token-store')

afterAll(() => rmSync(userData, { recursive: true, force: true }))

describe('endpoint token store', () => {
  it('keeps tokens by name, encrypted on disk, outside the deck', () => {
    const store = createEndpointTokenStore()!
    store.set('mri-api', 'ya29.secret-token')
    store.set('other', 'x')
    expect(store.get('mri-api')).toBe('ya29.secret-token')
    expect(store.get('missing')).toBeNull()
    expect(readFileSync(join(userData, 'endpoint-tokens.json'), 'utf8')).not.toContain('ya29')
  })

  it('is absent where the OS offers no encryption', () => {
    encryption = false
    expect(createEndpointTokenStore()).toBeUndefined()
    encryption = true
  })
})
