/** The charts' history cache: one fetch per run and step count, all forgotten when the runs change on disk. */
import { describe, expect, it } from 'vitest'
import { HistoryCache } from '../../../../../src/renderer/src/features/charts/history-cache'

function counting() {
  const asked: string[] = []
  let version = 0
  const cache = new HistoryCache(async (id: string) => {
    asked.push(id)
    return `${id} v${++version}`
  })
  return { asked, cache }
}

describe('HistoryCache', () => {
  it('fetches a run once per step count', async () => {
    const { asked, cache } = counting()
    expect(await cache.load({ id: 'a', steps: 10 })).toBe('a v1')
    expect(await cache.load({ id: 'a', steps: 10 })).toBe('a v1')
    expect(await cache.load({ id: 'a', steps: 12 })).toBe('a v2')
    expect(asked).toEqual(['a', 'a'])
  })

  it('fetches again after the runs changed, even with the same step count (a replaced run file)', async () => {
    const { asked, cache } = counting()
    await cache.load({ id: 'a', steps: 10 })
    const before = cache.revision
    cache.invalidate()
    expect(cache.revision).not.toBe(before)
    expect(await cache.load({ id: 'a', steps: 10 })).toBe('a v2')
    expect(asked).toEqual(['a', 'a'])
  })

  it('forgets a failed fetch so a retry asks again', async () => {
    let fail = true
    const cache = new HistoryCache(async (id: string) => {
      if (fail) throw new Error('offline')
      return id
    })
    await expect(cache.load({ id: 'a', steps: 1 })).rejects.toThrow('offline')
    fail = false
    expect(await cache.load({ id: 'a', steps: 1 })).toBe('a')
  })
})
