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
