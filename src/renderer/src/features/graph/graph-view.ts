/**
 * What the graph canvas draws, independent of how (sigma.js/WebGL or the 2-D
 * canvas fallback): per-node fill, ring and emphasis, the current links and
 * which of them belong to the selected node's neighbourhood. Built by the
 * demo from the model's predictions, the selection and the what-if edits.
 */

/** Emphasis of a node: the selection and its neighbourhood stand out, the rest fades. */
export const enum Emphasis {
  Normal = 0,
  Faded = 1,
  Hop2 = 2,
  Hop1 = 3,
  Selected = 4
}

/** Everything a renderer needs for one frame. */
export interface GraphViewState {
  nodes: number
  /** Stored layout, x0, y0, … */
  layout: number[]
  /** Current links (after edits), flattened pairs. */
  links: number[]
  fill: string[]
  /** Ring colour per node, or null for none (wrong predictions and changed nodes get one). */
  ring: Array<string | null>
  emphasis: Uint8Array
  selected: number | null
}

/** Colours of the canvas on the demo's dark background. */
export const CANVAS_COLORS = {
  background: '#12151b',
  // Opaque colours: sigma's edge program draws thin lines without blending, so alpha would not dim them.
  edge: '#394050',
  edgeStrong: '#e6eaf2',
  edgeFaded: '#1f232c',
  faded: '#3a3f4a',
  wrongRing: '#ffffff',
  changedRing: '#ffd400',
  label: '#eef1f5'
}

/** Radius in layout-independent screen pixels per emphasis (the canvas scales with zoom). */
export function nodeSize(e: Emphasis, ring: boolean): number {
  switch (e) {
    case Emphasis.Selected:
      return 9
    case Emphasis.Hop1:
      return 6
    case Emphasis.Hop2:
      return 4.2
    case Emphasis.Faded:
      return 2.4
    default:
      return ring ? 3.6 : 3
  }
}

/** Width (px) of a node's ring, drawn inside its radius by both renderers. */
export function ringWidth(e: Emphasis): number {
  return e === Emphasis.Selected ? 2.5 : 1.3
}

/** True when this link touches the selection or joins two 1-hop neighbours. */
export function isStrongLink(state: GraphViewState, a: number, b: number): boolean {
  if (state.selected === null) return false
  return a === state.selected || b === state.selected
}

/** Bounding box of the layout. */
export function layoutBounds(layout: number[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < layout.length; i += 2) {
    minX = Math.min(minX, layout[i]!)
    maxX = Math.max(maxX, layout[i]!)
    minY = Math.min(minY, layout[i + 1]!)
    maxY = Math.max(maxY, layout[i + 1]!)
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, maxX: 1, maxY: 1 }
  return { minX, minY, maxX, maxY }
}

/** Whether this browser can give sigma.js a WebGL context (Chromium with a blocked GPU and no SwiftShader cannot). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement('canvas')
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null
    const ok = !!gl
    ;(gl?.getExtension('WEBGL_lose_context') as { loseContext?: () => void } | null)?.loseContext?.()
    return ok
  } catch {
    return false
  }
}

/** Links in `next` that are not in `prev` and the reverse, as [a, b] pairs (undirected: [a, b] is [b, a]). */
export function linkDiff(prev: number[], next: number[]): { removed: Array<[number, number]>; added: Array<[number, number]> } {
  const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`)
  const before = new Set<string>()
  for (let k = 0; k < prev.length; k += 2) before.add(key(prev[k]!, prev[k + 1]!))
  const added: Array<[number, number]> = []
  const kept = new Set<string>()
  for (let k = 0; k < next.length; k += 2) {
    const id = key(next[k]!, next[k + 1]!)
    if (before.has(id)) kept.add(id)
    else added.push([next[k]!, next[k + 1]!])
  }
  const removed: Array<[number, number]> = []
  for (let k = 0; k < prev.length; k += 2) if (!kept.has(key(prev[k]!, prev[k + 1]!))) removed.push([prev[k]!, prev[k + 1]!])
  return { removed, added }
}

/**
 * What a renderer must redraw to go from `prev` to `next` when the selection is the same: the nodes whose
 * fill, ring or emphasis differ, and whether any emphasis changed (which reorders the nodes and their labels).
 * Null when a full redraw is needed (no previous frame, another graph, or another selection: every node's
 * emphasis and every link's highlight depend on it).
 */
export function nodesToRedraw(prev: GraphViewState | null, next: GraphViewState): { nodes: number[]; emphasisChanged: boolean } | null {
  if (!prev || prev.nodes !== next.nodes || prev.selected !== next.selected) return null
  const nodes: number[] = []
  let emphasisChanged = false
  for (let i = 0; i < next.nodes; i++) {
    const e = prev.emphasis[i] !== next.emphasis[i]
    if (e || prev.fill[i] !== next.fill[i] || prev.ring[i] !== next.ring[i]) nodes.push(i)
    if (e) emphasisChanged = true
  }
  return { nodes, emphasisChanged }
}
