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
      layout: Array.from(graph.layout),
      labels: Array.from(graph.labels),
      split: Array.from(graph.split),
      featureCounts: featureCounts(graph),
      featureSize: graph.featureSize
    }
    cache.set(graph, data)
  }
  return { id, ...data, classNames }
}
