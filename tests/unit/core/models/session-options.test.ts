import { describe, expect, it } from 'vitest'
import { intraOpThreads, MAX_THREADS, MULTI_THREAD_MIN_BYTES } from '../../../../src/core/models/session-options'

describe('intraOpThreads', () => {
  it('gives a small model one thread, whatever the machine', () => {
    expect(intraOpThreads(3_000_000, 2)).toBe(1)
    expect(intraOpThreads(3_000_000, 32)).toBe(1)
  })

  it('gives a large model half the cores, at least one and at most the cap', () => {
    expect(intraOpThreads(MULTI_THREAD_MIN_BYTES, 2)).toBe(1)
    expect(intraOpThreads(100_000_000, 8)).toBe(4)
    expect(intraOpThreads(100_000_000, 6)).toBe(3)
    expect(intraOpThreads(100_000_000, 64)).toBe(MAX_THREADS)
    expect(intraOpThreads(100_000_000, 1)).toBe(1)
  })

  it('lets a positive integer override win and ignores anything else', () => {
    expect(intraOpThreads(3_000_000, 8, '3')).toBe(3)
    expect(intraOpThreads(100_000_000, 8, '1')).toBe(1)
    expect(intraOpThreads(3_000_000, 8, '0')).toBe(1)
    expect(intraOpThreads(3_000_000, 8, 'lots')).toBe(1)
    expect(intraOpThreads(100_000_000, 8, '2.5')).toBe(4)
    expect(intraOpThreads(100_000_000, 8, '')).toBe(4)
  })
})
