import { describe, expect, it } from 'vitest'
import { STILL_FRAMES, waitForSlidesToSettle } from '../../../../../src/renderer/src/features/presenter/layout-settle'

/** A clock that advances one 16 ms frame per `nextFrame`, and a script of what is loading at each frame. */
function frames(script: number[][]) {
  let frame = 0
  return {
    frame: () => frame,
    pending: () => script[Math.min(frame, script.length - 1)] ?? [],
    nextFrame: () => {
      frame += 1
      return Promise.resolve()
    },
    now: () => frame * 16
  }
}

describe('waitForSlidesToSettle', () => {
  it('waits while a slide is loading, then for the frames it takes to lay out what arrived', async () => {
    // Frames 0–4: the checklist's chunk, then its file, is loading on slide 2; from frame 5 nothing loads.
    const f = frames([[2], [2], [2, 3], [2], [2], []])
    await expect(waitForSlidesToSettle(f)).resolves.toEqual({ loading: [], cancelled: false })
    expect(f.frame()).toBe(5 + STILL_FRAMES)
  })

  it('does not measure in a frame between two loads (a lazy chunk resolved, its data not asked for yet)', async () => {
    const f = frames([[1], [], [1], [1], []])
    await waitForSlidesToSettle(f)
    expect(f.frame()).toBe(4 + STILL_FRAMES)
  })

  it('measures after the still frames when nothing was loading to begin with', async () => {
    const f = frames([[]])
    await waitForSlidesToSettle(f)
    expect(f.frame()).toBe(STILL_FRAMES)
  })

  it('gives up at the deadline and names the slides still loading, once each, in order', async () => {
    const f = frames([[4, 1, 4]])
    await expect(waitForSlidesToSettle({ ...f, timeoutMs: 1000 })).resolves.toEqual({ loading: [1, 4], cancelled: false })
    expect(f.now()).toBeGreaterThanOrEqual(1000)
    expect(f.now()).toBeLessThan(1000 + 32)
  })

  it('stops waiting when the caller no longer wants the answer', async () => {
    const f = frames([[0]])
    await expect(waitForSlidesToSettle({ ...f, cancelled: () => f.frame() >= 3 })).resolves.toEqual({ loading: [], cancelled: true })
    expect(f.frame()).toBe(3)
  })
})
