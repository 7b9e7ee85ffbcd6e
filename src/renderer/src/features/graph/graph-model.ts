/**
 * Pure helpers of the graph demo: class colours, the what-if edit history and
 * the edits it sends, the (edited) adjacency and a node's 1–2-hop
 * neighbourhood. No React, no DOM: unit-tested directly.
 */
import type { GraphData, GraphEdits } from '../../../../shared/types'

/**
 * One colour per class, Tableau 10 order: distinct on a washed-out projector and
 * for the common colour-vision deficiencies (wrong predictions also get a ring,
 * so colour is never the only cue).
 */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#c9a227', '#9c755f', '#ff9da7', '#bab0ac']

/** Colour of class `c` (cycles after ten). */
export function classColor(c: number): string {
  return c < 0 ? '#999999' : CLASS_COLORS[c % CLASS_COLORS.length]!
}

/** One what-if step, as the user made it (undo pops one). */
export type EditStep = { kind: 'cut'; node: number } | { kind: 'add'; a: number; b: number } | { kind: 'blank'; node: number }

const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`)
const pair = (k: string): [number, number] => k.split('-').map(Number) as [number, number]

/** The graph after a list of steps: links removed from / added to the file's, nodes blanked, and the adjacency. */
export interface EditedGraph {
  edits: GraphEdits
  /** Neighbours of every node in the edited graph. */
  neighbours: number[][]
  blanked: Set<number>
}

/** Neighbour lists of the unedited graph. */
export function baseNeighbours(data: Pick<GraphData, 'nodes' | 'edges'>): number[][] {
  const out: number[][] = Array.from({ length: data.nodes }, () => [])
  for (let k = 0; k < data.edges.length; k += 2) {
    const a = data.edges[k]!
    const b = data.edges[k + 1]!
    out[a]!.push(b)
    out[b]!.push(a)
  }
  return out
}

/**
 * Replays the steps on the file's graph. A link that was added and is then cut
 * simply disappears from `addEdges` (and the reverse), so the edits sent are
 * always valid for the host.
 */
export function applySteps(base: number[][], steps: EditStep[]): EditedGraph {
  if (steps.length === 0) return { edits: {}, neighbours: base, blanked: new Set() }
  const neighbours = base.map((list) => new Set(list))
  const removed = new Set<string>()
  const added = new Set<string>()
  const blanked = new Set<number>()
  const unlink = (a: number, b: number): void => {
    const k = key(a, b)
    if (added.has(k)) added.delete(k)
    else removed.add(k)
    neighbours[a]!.delete(b)
    neighbours[b]!.delete(a)
  }
  for (const step of steps) {
    if (step.kind === 'cut') for (const nb of [...neighbours[step.node]!]) unlink(step.node, nb)
    else if (step.kind === 'add') {
      const k = key(step.a, step.b)
      if (step.a === step.b || neighbours[step.a]!.has(step.b)) continue
      if (removed.has(k)) removed.delete(k)
      else added.add(k)
      neighbours[step.a]!.add(step.b)
      neighbours[step.b]!.add(step.a)
    } else blanked.add(step.node)
  }
  const edits: GraphEdits = {}
  if (removed.size) edits.removeEdges = [...removed].map(pair)
  if (added.size) edits.addEdges = [...added].map(pair)
  if (blanked.size) edits.clearFeatures = [...blanked].sort((a, b) => a - b)
  return { edits, neighbours: neighbours.map((s) => [...s].sort((a, b) => a - b)), blanked }
}

/** A node's neighbours one and two links away (2-hop excludes the node and its 1-hop). */
export function neighbourhood(neighbours: number[][], node: number): { hop1: number[]; hop2: number[] } {
  const hop1 = neighbours[node] ?? []
  const seen = new Set<number>([node, ...hop1])
  const hop2: number[] = []
  for (const a of hop1) {
    for (const b of neighbours[a] ?? []) {
      if (!seen.has(b)) {
        seen.add(b)
        hop2.push(b)
      }
    }
  }
  return { hop1, hop2: hop2.sort((a, b) => a - b) }
}

/** Counts per class of a list of nodes, largest first. */
export function classCounts(nodes: number[], classes: ArrayLike<number>): Array<{ cls: number; count: number }> {
  const counts = new Map<number, number>()
  for (const n of nodes) counts.set(classes[n]!, (counts.get(classes[n]!) ?? 0) + 1)
  return [...counts].map(([cls, count]) => ({ cls, count })).sort((a, b) => b.count - a.count || a.cls - b.cls)
}

/** Parses a node id typed by the user; null when it is not one of the graph's. */
export function parseNodeId(text: string, nodes: number): number | null {
  const t = text.trim().replace(/^#/, '')
  if (!/^\d+$/.test(t)) return null
  const n = Number(t)
  return n < nodes ? n : null
}

/** A short sentence for a step (the undo button's title and the edit list). */
export function describeStep(step: EditStep): string {
  if (step.kind === 'cut') return `cut all links of paper ${step.node}`
  if (step.kind === 'add') return `link paper ${step.a} to paper ${step.b}`
  return `blank the words of paper ${step.node}`
}
