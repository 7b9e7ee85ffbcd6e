/**
 * The graph demo's edit history: what the demo sends to the host after each
 * sequence of clicks, and the neighbourhood it highlights.
 */
import { describe, expect, it } from 'vitest'
import { applySteps, baseNeighbours, classCounts, neighbourhood, parseNodeId } from '../../../../../src/renderer/src/features/graph/graph-model'

// 0–1–2–3 path plus 1–4.
const data = { nodes: 5, edges: [0, 1, 1, 2, 2, 3, 1, 4] }
const base = baseNeighbours(data)

describe('applySteps', () => {
  it('sends nothing before any edit', () => {
    expect(applySteps(base, []).edits).toEqual({})
  })

  it('cutting a node removes each of its links once', () => {
    const g = applySteps(base, [{ kind: 'cut', node: 1 }])
    expect(g.edits.removeEdges).toEqual([
      [0, 1],
      [1, 2],
      [1, 4]
    ])
    expect(g.neighbours[1]).toEqual([])
    expect(g.neighbours[2]).toEqual([3])
  })

  it('a link added and then cut is simply gone (never a removal of a link the file lacks)', () => {
    const g = applySteps(base, [
      { kind: 'add', a: 0, b: 3 },
      { kind: 'cut', node: 3 }
    ])
    expect(g.edits.addEdges).toBeUndefined()
    expect(g.edits.removeEdges).toEqual([[2, 3]])
  })

  it('re-adding a cut link restores it instead of adding a duplicate', () => {
    const g = applySteps(base, [
      { kind: 'cut', node: 0 },
      { kind: 'add', a: 1, b: 0 }
    ])
    expect(g.edits).toEqual({})
    expect(g.neighbours[0]).toEqual([1])
  })

  it('blanks words and ignores a link that already exists', () => {
    const g = applySteps(base, [
      { kind: 'blank', node: 2 },
      { kind: 'add', a: 2, b: 3 }
    ])
    expect(g.edits).toEqual({ clearFeatures: [2] })
  })
})

describe('neighbourhood', () => {
  it('lists 1-hop and 2-hop nodes without the node itself', () => {
    expect(neighbourhood(base, 0)).toEqual({ hop1: [1], hop2: [2, 4] })
    expect(neighbourhood(base, 2)).toEqual({ hop1: [1, 3], hop2: [0, 4] })
  })

  it('counts classes largest first', () => {
    expect(classCounts([0, 1, 2, 3], [5, 6, 6, 5])).toEqual([
      { cls: 5, count: 2 },
      { cls: 6, count: 2 }
    ])
  })

  it('reads typed node ids', () => {
    expect(parseNodeId(' 1708 ', 2708)).toBe(1708)
    expect(parseNodeId('#3', 5)).toBe(3)
    expect(parseNodeId('2708', 2708)).toBeNull()
    expect(parseNodeId('12a', 2708)).toBeNull()
  })
})
