/**
 * The graph file checks and what-if edits on a small hand-made graph: every bad
 * file gets a sentence naming the problem, every edit gives exactly the links
 * and features a user asked for.
 */
import { describe, expect, it } from 'vitest'
import { GraphFileError, parseGraph } from '../../../../src/core/models/graph'
import { argmaxRows, changedNodes, editedLinks, edgeIndex, GraphInputError, graphFeeds, denseFeatures, splitAccuracy } from '../../../../src/core/models/graph-edits'

/** 4 nodes in a path 0–1–2–3, 3 features. */
function file(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nodes: 4,
    featureSize: 3,
    features: { indptr: [0, 1, 3, 3, 4], indices: [0, 1, 2, 2] },
    edges: [0, 1, 1, 2, 2, 3],
    labels: [0, 1, 1, 0],
    split: [1, 2, 3, 3],
    layout: [0, 0, 1, 0, 2, 0, 3, 0],
    ...patch
  }
}

describe('parseGraph', () => {
  it('reads a good file into typed arrays', () => {
    const g = parseGraph(file(), 2)
    expect(g.nodes).toBe(4)
    expect(Array.from(g.edges)).toEqual([0, 1, 1, 2, 2, 3])
    expect(Array.from(denseFeatures(g))).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1])
  })

  it.each([
    ['an empty graph', { nodes: 0, features: { indptr: [0], indices: [] }, edges: [], labels: [], split: [], layout: [] }, 'the graph is empty (0 nodes)'],
    ['a link to a node that does not exist', { edges: [0, 1, 2, 7] }, 'link 1 joins node 2 and node 7, but the graph has 4 nodes (ids 0–3)'],
    ['a self-loop', { edges: [0, 1, 2, 2] }, 'link 1 is a self-loop on node 2'],
    ['a duplicate link', { edges: [0, 1, 1, 0] }, 'the link between node 1 and node 0 is listed twice'],
    ['a feature outside the width', { features: { indptr: [0, 1, 3, 3, 4], indices: [0, 1, 5, 2] } }, 'node 1 has feature 5, outside the feature width 3'],
    ['labels of the wrong length', { labels: [0, 1] }, 'labels has 2 values; a graph of 4 nodes needs 4'],
    ['a label beyond the classes', { labels: [0, 1, 2, 0] }, 'node 2 has label 2, but the model has 2 classes'],
    ['an odd edge list', { edges: [0, 1, 2] }, 'edges has an odd number of values'],
    ['a negative node id', { edges: [0, -1] }, 'the graph file is invalid: edges.1']
  ])('refuses %s with a clear message', (_name, patch, message) => {
    expect(() => parseGraph(file(patch), 2)).toThrow(GraphFileError)
    expect(() => parseGraph(file(patch), 2)).toThrow(message)
  })
})

describe('what-if edits', () => {
  const g = parseGraph(file(), 2)
  const x = denseFeatures(g)

  it('gives every link in both directions, sources then targets', () => {
    expect(Array.from(edgeIndex(Int32Array.from([0, 1, 2, 3])), Number)).toEqual([0, 2, 1, 3, 1, 3, 0, 2])
  })

  it('removes links in either direction and adds new ones', () => {
    expect(Array.from(editedLinks(g, { removeEdges: [[2, 1]], addEdges: [[3, 0]] }))).toEqual([0, 1, 2, 3, 3, 0])
  })

  it('blanks the features of cleared nodes on a copy, leaving the base matrix alone', () => {
    const feeds = graphFeeds(g, x, { clearFeatures: [1] })
    expect(Array.from(feeds.x.subarray(3, 6))).toEqual([0, 0, 0])
    expect(Array.from(x.subarray(3, 6))).toEqual([0, 1, 1])
    expect(graphFeeds(g, x).x).toBe(x)
  })

  it.each([
    [{ removeEdges: [[0, 2]] }, 'there is no link between node 0 and node 2 to remove'],
    [{ addEdges: [[0, 1]] }, 'node 0 and node 1 are already linked'],
    [{ addEdges: [[1, 1]] }, 'cannot link node 1 to itself'],
    [{ addEdges: [[0, 9]] }, 'node 9 does not exist: the graph has 4 nodes (ids 0–3)'],
    [{ clearFeatures: [4] }, 'node 4 does not exist'],
    [{ removeEdges: [[0, 1], [1, 0]] }, 'there is no link between node 1 and node 0 to remove']
  ] as const)('refuses %j', (edits, message) => {
    expect(() => graphFeeds(g, x, edits as never)).toThrow(GraphInputError)
    expect(() => graphFeeds(g, x, edits as never)).toThrow(message)
  })

  it('allows re-adding a link that the same edit removed', () => {
    expect(Array.from(editedLinks(g, { removeEdges: [[0, 1]], addEdges: [[1, 0]] }))).toEqual([1, 2, 2, 3, 1, 0])
  })
})

describe('outputs', () => {
  it('finds top classes, changed nodes and per-split accuracy', () => {
    const g = parseGraph(file(), 2)
    const top = argmaxRows([0.1, 0.9, 0.8, 0.2, 0.3, 0.7, 0.6, 0.4], 2)
    expect(Array.from(top)).toEqual([1, 0, 1, 0])
    expect(changedNodes(Int32Array.from([1, 1, 1, 0]), top)).toEqual([1])
    expect(splitAccuracy(g, top)).toEqual({ train: 0, val: 0, test: 1 })
  })
})
