/**
 * What the graph canvas redraws after a state change: the links a what-if
 * edit removed or added, and the nodes whose colour, ring or emphasis changed
 * (everything when the selection moved).
 */
import { describe, expect, it } from 'vitest'
import { Emphasis, linkDiff, nodesToRedraw, type GraphViewState } from '../../../../../src/renderer/src/features/graph/graph-view'

function view(over: Partial<GraphViewState> = {}): GraphViewState {
  return {
    nodes: 4,
    layout: [0, 0, 1, 0, 0, 1, 1, 1],
    links: [0, 1, 1, 2],
    fill: ['#a', '#b', '#a', '#b'],
    ring: [null, null, null, null],
    emphasis: new Uint8Array(4),
    selected: null,
    ...over
  }
}

describe('linkDiff', () => {
  it('finds nothing between the same links listed in another order or direction', () => {
    expect(linkDiff([0, 1, 1, 2], [2, 1, 1, 0])).toEqual({ removed: [], added: [] })
  })

  it('lists the links a cut removed and a link added', () => {
    expect(linkDiff([0, 1, 1, 2, 2, 3], [2, 3, 3, 0])).toEqual({
      removed: [
        [0, 1],
        [1, 2]
      ],
      added: [[3, 0]]
    })
  })
})

describe('nodesToRedraw', () => {
  it('asks for a full redraw on the first frame and when the selection moves', () => {
    expect(nodesToRedraw(null, view())).toBeNull()
    expect(nodesToRedraw(view(), view({ selected: 2 }))).toBeNull()
  })

  it('names only the recoloured and newly ringed nodes after a what-if answer', () => {
    const next = view({ fill: ['#a', '#a', '#a', '#b'], ring: [null, null, null, '#ffd400'] })
    expect(nodesToRedraw(view(), next)).toEqual({ nodes: [1, 3], emphasisChanged: false })
  })

  it('says when an emphasis changed (sizes, order and labels must be re-indexed)', () => {
    const before = view({ selected: 0, emphasis: Uint8Array.from([Emphasis.Selected, Emphasis.Hop1, Emphasis.Faded, Emphasis.Faded]) })
    const after = view({ selected: 0, emphasis: Uint8Array.from([Emphasis.Selected, Emphasis.Hop1, Emphasis.Faded, Emphasis.Normal]) })
    expect(nodesToRedraw(before, after)).toEqual({ nodes: [3], emphasisChanged: true })
  })

  it('has nothing to redraw when nothing a node shows changed', () => {
    expect(nodesToRedraw(view(), view())).toEqual({ nodes: [], emphasisChanged: false })
  })
})
