/**
 * The Electron glue of src/main with electron mocked: what windows get, which
 * IPC senders are answered, which files the asset protocol reaches, what the
 * menu offers, and when the W&B key is refused a plain-text keychain.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const electron = vi.hoisted(() => ({
  isPackaged: true,
  backend: 'gnome_libsecret',
  encryptionAvailable: true,
  written: [] as string[],
  userData: ''
}))

vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return electron.isPackaged
    },
    getPath: () => electron.userData,
    on: () => undefined
  },
  shell: { openExternal: async () => undefined },
  net: { fetch: async () => new Response('') },
  protocol: { handle: () => undefined, registerSchemesAsPrivileged: () => undefined },
  safeStorage: {
    isEncryptionAvailable: () => electron.encryptionAvailable,
    getSelectedStorageBackend: () => electron.backend,
    encryptString: (value: string) => {
      electron.written.push(value)
      return Buffer.from(`enc:${value}`)
    },
    decryptString: (buffer: Buffer) => buffer.toString().replace(/^enc:/, '')
  }
}))

const { isTrustedSender, secureWebPreferences } = await import('../../../src/main/security')
const { assetFileFor } = await import('../../../src/main/asset-protocol')
const { menuTemplate } = await import('../../../src/main/menu')
const { createSecretStore, keychainRefusal } = await import('../../../src/main/secret-store')

let base: string
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dd-main-'))
  mkdirSync(join(base, 'deck', 'slides'), { recursive: true })
  writeFileSync(join(base, 'deck', 'slides', 'plot.png'), 'png')
  writeFileSync(join(base, 'secret.png'), 'outside')
  symlinkSync(join(base, 'secret.png'), join(base, 'deck', 'slides', 'link.png'))
  electron.userData = join(base, 'user-data')
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('windows', () => {
  it('are sandboxed and isolated, without DevTools when packaged', () => {
    const prefs = secureWebPreferences('/p/preload.cjs')
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false })
    expect(secureWebPreferences('/p/preload.cjs', true).devTools).toBe(true)
  })
})

describe('isTrustedSender', () => {
  const index = '/opt/demodeck/out/renderer/index.html'
  const ours = { webContents: { id: 1 } }
  const event = (senderId: number, url: string | null) =>
    ({ sender: { id: senderId }, senderFrame: url === null ? null : { url } }) as unknown as Parameters<typeof isTrustedSender>[0]
  const windows = () => [ours] as unknown as ReturnType<Parameters<typeof isTrustedSender>[1]>

  it('answers our page in our window only', () => {
    expect(isTrustedSender(event(1, `${pathToFileURL(index).href}#/presenter`), windows, index)).toBe(true)
    expect(isTrustedSender(event(2, pathToFileURL(index).href), windows, index)).toBe(false)
    expect(isTrustedSender(event(1, 'https://evil.example/'), windows, index)).toBe(false)
    expect(isTrustedSender(event(1, null), windows, index)).toBe(false)
  })
})

describe('the demodeck-asset: protocol', () => {
  it('reaches slide media in the deck and never a symlink out of it', () => {
    const deck = join(base, 'deck')
    expect(assetFileFor('demodeck-asset://deck/slides/plot.png', deck)).toBe(realpathSync(join(deck, 'slides', 'plot.png')))
    expect(assetFileFor('demodeck-asset://deck/slides/link.png', deck)).toBeNull()
    expect(assetFileFor('demodeck-asset://deck/slides/..%2F..%2Fsecret.png', deck)).toBeNull()
    expect(assetFileFor('demodeck-asset://other/slides/plot.png', deck)).toBeNull()
    expect(assetFileFor('demodeck-asset://deck/slides/%E0%A4%A.png', deck)).toBeNull()
    expect(assetFileFor('demodeck-asset://deck/slides/plot.png', undefined)).toBeNull()
  })
})

describe('the menu', () => {
  const actions = { openDeck: vi.fn(), openRecent: vi.fn(), presenter: vi.fn(), audience: vi.fn(), demo: vi.fn(), runs: vi.fn() }
  const roles = (packaged: boolean): unknown[] =>
    menuTemplate(actions, packaged).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.role) : []))

  it('Open Recent lists the recent decks and opens the one clicked; none is a disabled line', () => {
    const deckMenu = menuTemplate(actions, true, ['/decks/exam', '/decks/old'])[0]!
    const recent = (deckMenu.submenu as Array<{ label?: string; submenu?: unknown }>).find((item) => item.label === 'Open Recent')!
    const items = recent.submenu as Array<{ label: string; click: () => void }>
    expect(items.map((item) => item.label)).toEqual(['/decks/exam', '/decks/old'])
    items[1]!.click()
    expect(actions.openRecent).toHaveBeenCalledWith('/decks/old')
    const empty = (menuTemplate(actions, true)[0]!.submenu as Array<{ label?: string; submenu?: unknown }>).find(
      (item) => item.label === 'Open Recent'
    )!
    expect(empty.submenu).toEqual([{ label: 'No recent decks', enabled: false }])
  })

  it('has no DevTools in a packaged app, and has them in development', () => {
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(false)).toContain('toggleDevTools')
  })
})

describe('the W&B key store', () => {
  it('refuses to store the key in plain text (Linux basic_text) and says what to do', () => {
    expect(keychainRefusal('linux', true, 'basic_text')).toMatch(/plain text.*WANDB_API_KEY/)
    expect(keychainRefusal('linux', true, 'gnome_libsecret')).toBeNull()
    expect(keychainRefusal('darwin', true, undefined)).toBeNull()
    expect(keychainRefusal('win32', false, undefined)).toMatch(/no keychain/)
    electron.backend = 'basic_text'
    electron.written.length = 0
    const store = createSecretStore()!
    expect(() => store.set('k'.repeat(40))).toThrow(/plain text/)
    expect(electron.written).toEqual([])
    expect(store.get()).toBeNull()
  })

  it('stores the key where a keyring is running', () => {
    electron.backend = 'kwallet5'
    const store = createSecretStore()!
    store.set('k'.repeat(40))
    expect(store.get()).toBe('k'.repeat(40))
  })
})
