import { describe, expect, it } from 'vitest'
import { bestPoint } from '../../../../src/core/series/best'
import { bestText, placeLabels, type PlacedLabel } from '../../../../src/core/series/best-labels'

const plot = { left: 72, top: 18, width: 1000, height: 400 }
const box = (l: PlacedLabel): { x0: number; x1: number; y0: number; y1: number } => {
  const w = l.text.length * 7 + 4
  const x0 = l.anchor === 'middle' ? l.x - w / 2 : l.anchor === 'end' ? l.x + 2 - w : l.x - 2
  return { x0, x1: x0 + w, y0: l.y - 8, y1: l.y + 8 }
}

describe('best-point labels', () => {
  it('never overlap when four losses end at their best in the same corner (100k steps)', () => {
    // Each run's best is its last step: the markers sit within a few pixels of each other at the right edge.
    const requests = [0, 1, 2, 3].map((k) => ({ key: `r${k}`, x: 1071 - k, y: 380 + k * 3, text: (0.2143 + k * 0.0011).toFixed(4) }))
    const placed = placeLabels(requests, plot)
    expect(placed.length).toBe(4)
    for (let i = 0; i < placed.length; i++) {
      const a = box(placed[i]!)
      // Inside the plot, right-aligned at the right edge.
      expect(placed[i]!.anchor).toBe('end')
      expect(a.x1).toBeLessThanOrEqual(plot.left + plot.width + 1)
      expect(a.y0).toBeGreaterThanOrEqual(plot.top)
      expect(a.y1).toBeLessThanOrEqual(plot.top + plot.height)
      for (let j = 0; j < i; j++) {
        const b = box(placed[j]!)
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${placed[i]!.key} overlaps ${placed[j]!.key}`).toBe(false)
      }
    }
  })

  it('goes below the point at the top edge, and leaves a label out rather than overlap', () => {
    const [top] = placeLabels([{ key: 'a', x: 500, y: 20, text: '0.9' }], plot)
    expect(top!.y).toBeGreaterThan(20)
    const crowd = Array.from({ length: 40 }, (_, k) => ({ key: `k${k}`, x: 500, y: 200, text: '0.5000' }))
    expect(placeLabels(crowd, plot).length).toBeLessThan(40)
  })
})

describe('best-point texts', () => {
  it('reads "best <value>" for a loss that stays above 0', () => {
    const best = bestPoint([0, 1, 2], [0.9, 0.31416, 0.5], 'min')!
    expect(bestText(best, 'min', String)).toEqual({ legend: 'best 0.3142', marker: '0.3142' })
    expect(bestText(bestPoint([0, 1], [0.2, 0.97], 'max')!, 'max', String).legend).toBe('best 0.97')
  })

  it('says where a loss reaches exactly 0 instead of "best 0"', () => {
    const best = bestPoint([0, 10, 20, 30], [2.3, 0.4, 0, 0], 'min')!
    expect(bestText(best, 'min', (x) => `step ${x}`)).toEqual({ legend: 'reaches 0 at step 20', marker: '0 from step 20' })
    expect(bestText(bestPoint([0, 1], [0, 0], 'min')!, 'min', String).legend).toBe('0 from the start')
    // An accuracy of 0 is simply its best (worst) value: not this case.
    expect(bestText({ index: 0, x: 0, y: 0 }, 'max', String).legend).toBe('best 0')
  })
})
