/**
 * What a chart writes about a series' best point, and where: the legend's
 * text ("best 0.2143", or "reaches 0 at 57" for a loss that hits exactly 0),
 * the marker's value label, and a placement of those labels on the plot that
 * never overlaps (losses all end at their best, so at 100k steps the markers
 * of several runs sit on top of each other at the right edge).
 */
import type { BestPoint, Direction } from './best'
import { formatValue } from './x-axis'

/** Texts for one series' best point. */
export interface BestText {
  /** For the legend entry. */
  legend: string
  /** Beside the marker on the plot. */
  marker: string
}

/**
 * [Note: a loss of exactly 0]
 * A loss that reaches exactly 0 has no "best": every later step ties it, the
 * first zero is not an achievement worth a marker label, and "best 0" on
 * several runs reads as nonsense (it usually means the task became trivial or
 * the loss is computed wrongly, which the presenter should see, not a
 * trophy). So it says where it gets there: "reaches 0 at <x>" (or "0 from the
 * start"). Any other best value reads "best <value>".
 */
export function bestText(best: BestPoint, direction: Direction, formatX: (x: number) => string): BestText {
  if (direction === 'min' && best.y === 0) {
    if (best.index === 0) return { legend: '0 from the start', marker: '0 from the start' }
    return { legend: `reaches 0 at ${formatX(best.x)}`, marker: `0 from ${formatX(best.x)}` }
  }
  const value = formatValue(best.y)
  return { legend: `best ${value}`, marker: value }
}

/** A label to place next to a point (pixels). */
export interface LabelRequest {
  key: string
  /** The point it labels. */
  x: number
  y: number
  text: string
}

/** A placed label: its text's anchor point and alignment (SVG text-anchor). */
export interface PlacedLabel {
  key: string
  text: string
  x: number
  /** Baseline-centre y: draw with dominant-baseline middle (or dy 0.32em). */
  y: number
  anchor: 'start' | 'middle' | 'end'
}

/** The plot's box in pixels. */
export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** Options of {@link placeLabels}. */
export interface PlaceOptions {
  /** Average glyph width (px) of the label font (default 7: 12 px sans-serif digits). */
  charWidth?: number
  /** Label height (px), default 16 (a 12 px font's glyph box is ≈ 14.4 px). */
  lineHeight?: number
  /** Distance from the point to the label's centre (px), default 16: clear of its 5 px dot. */
  gap?: number
}

interface Rect {
  x0: number
  y0: number
  x1: number
  y1: number
}

const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/**
 * Places labels so that none overlaps another, a marker dot, or the plot's
 * edge: above its point, else below, else stacked further away (up to a few
 * lines); a label near the right (left) edge is right- (left-) aligned so it
 * stays inside. A label with no free place is left out (the legend still
 * has the value). Greedy in the order given.
 */
export function placeLabels(requests: readonly LabelRequest[], plot: Box, options: PlaceOptions = {}): PlacedLabel[] {
  const cw = options.charWidth ?? 7
  const lh = options.lineHeight ?? 16
  const gap = options.gap ?? 16
  const right = plot.left + plot.width
  const bottom = plot.top + plot.height
  // The dots themselves are obstacles (radius 5 plus a little air).
  const taken: Rect[] = requests.map((r) => ({ x0: r.x - 7, y0: r.y - 7, x1: r.x + 7, y1: r.y + 7 }))
  const out: PlacedLabel[] = []
  for (const r of requests) {
    const w = r.text.length * cw + 4
    let anchor: PlacedLabel['anchor'] = 'middle'
    let x0 = r.x - w / 2
    if (x0 + w > right) {
      anchor = 'end'
      x0 = Math.min(r.x + 6, right) - w
    } else if (x0 < plot.left) {
      anchor = 'start'
      x0 = Math.max(r.x - 6, plot.left)
    }
    const offsets: number[] = []
    for (let k = 0; k < 6; k++) offsets.push(-(gap + k * lh), gap + k * lh)
    for (const dy of offsets) {
      const cy = r.y + dy
      const rect = { x0, y0: cy - lh / 2, x1: x0 + w, y1: cy + lh / 2 }
      if (rect.y0 < plot.top || rect.y1 > bottom || rect.x0 < plot.left - 1 || rect.x1 > right + 1) continue
      if (taken.some((t) => overlaps(t, rect))) continue
      taken.push(rect)
      out.push({ key: r.key, text: r.text, x: anchor === 'middle' ? r.x : anchor === 'end' ? x0 + w - 2 : x0 + 2, y: cy, anchor })
      break
    }
  }
  return out
}
