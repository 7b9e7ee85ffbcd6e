/** When the host's background work starts: at once, on the first `shown()`, or after the fallback wait. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBackgroundStart, SHOWN_FALLBACK_MS } from '../../../src/host/background-start'

afterEach(() => {
  vi.useRealTimers()
})

describe('createBackgroundStart', () => {
  it('starts at once when it need not wait for a window', () => {
    const start = vi.fn()
    const background = createBackgroundStart(start, { whenShown: false })
    expect(start).toHaveBeenCalledTimes(1)
    expect(background.started).toBe(true)
    expect(background.shown()).toBe(false)
    expect(start).toHaveBeenCalledTimes(1)
  })

  it('waits for the first window that has painted the deck, and starts only once', () => {
    vi.useFakeTimers()
    const start = vi.fn()
    const background = createBackgroundStart(start, { whenShown: true })
    vi.advanceTimersByTime(SHOWN_FALLBACK_MS - 1)
    expect(start).not.toHaveBeenCalled()
    expect(background.started).toBe(false)
    expect(background.shown()).toBe(true)
    expect(background.shown()).toBe(false)
    vi.advanceTimersByTime(10 * SHOWN_FALLBACK_MS)
    expect(start).toHaveBeenCalledTimes(1)
  })

  it('starts anyway after the fallback wait when no window says so', () => {
    vi.useFakeTimers()
    const start = vi.fn()
    const background = createBackgroundStart(start, { whenShown: true, fallbackMs: 500 })
    vi.advanceTimersByTime(499)
    expect(start).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(start).toHaveBeenCalledTimes(1)
    expect(background.shown()).toBe(false)
  })

  it('never starts after dispose (a host closed before any window painted)', () => {
    vi.useFakeTimers()
    const start = vi.fn()
    createBackgroundStart(start, { whenShown: true, fallbackMs: 500 }).dispose()
    vi.advanceTimersByTime(5000)
    expect(start).not.toHaveBeenCalled()
  })
})
