/**
 * Electron glue for links, with electron mocked (no Electron binary here):
 * window.open and navigation away from the app reach shell.openExternal only
 * for http(s) addresses; file:, javascript:, data: and custom schemes never do.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const openExternal = vi.fn(async (_url: string) => undefined)
vi.mock('electron', () => ({ shell: { openExternal }, app: { on: vi.fn() } }))

const { openExternalSafely } = await import('../../../src/main/open-external')
const { guardContents } = await import('../../../src/main/security')

type WindowOpenHandler = (details: { url: string }) => { action: string }
type NavigateHandler = (event: { preventDefault: () => void }, url: string) => void

function fakeContents(): { contents: never; open: () => WindowOpenHandler; navigate: () => NavigateHandler } {
  let open: WindowOpenHandler | undefined
  const listeners = new Map<string, NavigateHandler>()
  const contents = {
    setWindowOpenHandler: (handler: WindowOpenHandler) => (open = handler),
    on: (event: string, handler: NavigateHandler) => listeners.set(event, handler)
  }
  return { contents: contents as never, open: () => open!, navigate: () => listeners.get('will-navigate')! }
}

beforeEach(() => openExternal.mockClear())

describe('openExternalSafely', () => {
  it('hands an https link to the system browser', () => {
    expect(openExternalSafely('https://github.com/me/tweets', () => undefined)).toBe(true)
    expect(openExternal).toHaveBeenCalledWith('https://github.com/me/tweets')
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'ms-settings:', 'https://me:pw@example.com/'])(
    'refuses %s and says so',
    (url) => {
      const log = vi.fn()
      expect(openExternalSafely(url, log)).toBe(false)
      expect(openExternal).not.toHaveBeenCalled()
      expect(log.mock.calls[0]![0]).toContain('refused')
    }
  )
})

describe('guardContents', () => {
  it('denies every window.open and opens only http(s) ones outside', () => {
    const { contents, open } = fakeContents()
    guardContents(contents, '/app/out/renderer/index.html')
    expect(open()({ url: 'https://wandb.ai/me/tweets' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://wandb.ai/me/tweets')
    openExternal.mockClear()
    expect(open()({ url: 'file:///home/me/.ssh/id_rsa' })).toEqual({ action: 'deny' })
    expect(open()({ url: 'javascript:fetch("x")' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('stops navigation away from the app and opens http(s) targets in the browser only', () => {
    const { contents, navigate } = fakeContents()
    guardContents(contents, '/app/out/renderer/index.html')
    const event = { preventDefault: vi.fn() }
    navigate()(event, 'http://127.0.0.1:8000/docs')
    expect(event.preventDefault).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledWith('http://127.0.0.1:8000/docs')
    openExternal.mockClear()
    navigate()(event, 'file:///etc/passwd')
    expect(openExternal).not.toHaveBeenCalled()
  })
})
