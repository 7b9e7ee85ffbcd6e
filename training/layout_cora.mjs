/**
 * Computes the 2-D layout of a demodeck graph file once, at training time, and writes it
 * into the file (`layout`: x0, y0, x1, y1, …), so the demo opens instantly and looks the
 * same every time. ForceAtlas2 (graphology-layout-forceatlas2, Barnes-Hut) from seeded
 * random starting positions: the same input gives the same layout.
 *
 * Usage: node training/layout_cora.mjs path/to/graph.json [iterations]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import Graph from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'

const file = process.argv[2]
const iterations = Number(process.argv[3] ?? 800)
const g = JSON.parse(readFileSync(file, 'utf8'))

// mulberry32: a tiny seeded generator, so the starting positions never change.
let seed = 12345
const random = () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const graph = new Graph({ type: 'undirected' })
for (let i = 0; i < g.nodes; i++) graph.addNode(i, { x: random() * 1000, y: random() * 1000 })
for (let k = 0; k < g.edges.length; k += 2) graph.addEdge(g.edges[k], g.edges[k + 1])
const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true, gravity: 1, scalingRatio: 10 }
const started = Date.now()
const positions = forceAtlas2(graph, { iterations, settings })
const layout = []
for (let i = 0; i < g.nodes; i++) layout.push(Math.round(positions[i].x * 10) / 10, Math.round(positions[i].y * 10) / 10)
g.layout = layout
g.layoutAlgorithm = `ForceAtlas2 (graphology-layout-forceatlas2), ${iterations} iterations, Barnes-Hut, gravity 1, scaling 10, seeded start`
writeFileSync(file, JSON.stringify(g) + '\n')
console.log(`  layout: ${g.nodes} nodes, ${iterations} ForceAtlas2 iterations in ${((Date.now() - started) / 1000).toFixed(1)} s`)
