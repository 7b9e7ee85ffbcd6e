/**
 * The drawable part of a graph model's graph (`models:graph`): links, stored
 * layout, true labels, split and words per node, as plain arrays for JSON.
 * Built once per model revision from the graph the folder reader checked.
 */
import type { GraphData } from '../../shared/types'
import { featureCounts, type Graph } from '../../core/models/graph'

const cache = new WeakMap<Graph, Omit<GraphData, 'id' | 'classNames'>>()

/** The graph as the renderer draws it. */
export function graphData(id: string, graph: Graph, classNames: string[]): GraphData {
  let data = cache.get(graph)
  if (!data) {
    data = {
      nodes: graph.nodes,
      edges: Array.from(graph.edges),
      layout: graph.layout.length ? Array.from(graph.layout) : sunflower(graph.nodes),
      labels: Array.from(graph.labels),
      split: Array.from(graph.split),
      featureCounts: featureCounts(graph),
      featureSize: graph.featureSize
    }
    cache.set(graph, data)
  }
  return { id, ...data, classNames }
}

/** A stand-in layout for a graph file without one: nodes on a sunflower spiral (even spacing, deterministic). */
function sunflower(n: number): number[] {
  const out: number[] = []
  const golden = Math.PI * (3 - Math.sqrt(5))
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(i + 0.5) * 10
    out.push(Math.round(r * Math.cos(i * golden) * 10) / 10, Math.round(r * Math.sin(i * golden) * 10) / 10)
  }
  return out
}
