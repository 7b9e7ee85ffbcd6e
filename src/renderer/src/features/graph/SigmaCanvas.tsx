/**
 * The citation graph drawn with sigma.js (WebGL) over a graphology graph built
 * once from the stored layout. Colours, rings and the neighbourhood highlight
 * come from node/edge reducers reading the latest view state, so a new
 * prediction or selection is one `refresh()`, not a rebuild; what-if edits
 * change only the links they touch. Pan and zoom are sigma's own (drag, wheel, pinch).
 *
 * [Note: redraw only what changed]
 * A what-if answer usually recolours a handful of the 2,708 papers. Re-running
 * both reducers on every node and link and rebuilding the link list (what a
 * plain `refresh()` after re-adding the links does) cost most of the recolour's
 * JavaScript time on the bench machine, so a new state with the same selection
 * and links refreshes only the nodes whose fill, ring or emphasis differ, and
 * skips sigma's re-indexing unless an emphasis (size, z-order, label) changed.
 * Links are diffed: a cut drops its few links, nothing else is rebuilt.
 *
 * [Note: one WebGL frame to start]
 * The demo mounts this canvas under the 2-D canvas's first frame and swaps
 * once sigma has drawn. The links go into the graph before sigma is built
 * and the camera it starts with is the one the 2-D canvas left, so sigma's
 * constructor draws the finished picture once: in software WebGL (SwiftShader,
 * no GPU) every extra frame of 2,708 nodes and 5,278 links costs a second.
 * That constructor blocks the page for as long: a wheel or drag made on the
 * 2-D canvas meanwhile is applied after it, so the camera is read again
 * before the swap. From then on sigma writes its camera back to the shared
 * one, so a lost WebGL context hands the 2-D canvas the view as it was.
 *
 * [Note: two quick clicks are not always a double-click]
 * sigma's mouse captor counts any second click within 300 ms as a
 * double-click, wherever it lands, and zooms instead of reporting it: a
 * click on the background and then, quickly, on a paper would zoom and
 * select nothing. A double-click whose second click is on another target
 * than the first is therefore taken as that click (sigma's zoom prevented);
 * twice on the same paper or the same background still zooms, as the 2-D
 * canvas does on the browser's own double-click.
 */
import { useEffect, useRef, type RefObject } from 'react'
import Graph from 'graphology'
import Sigma from 'sigma'
import { createNodeBorderProgram } from '@sigma/node-border'
import { layoutCameraFromSigma, RATIO_LIMITS, sigmaCameraState, STAGE_PADDING, type LayoutCamera } from './graph-camera'
import { CANVAS_COLORS, Emphasis, isStrongLink, linkDiff, nodeSize, nodesToRedraw, ringWidth, type GraphViewState } from './graph-view'

/**
 * Nodes with a ring of a fixed width in pixels inside their radius, as the 2-D canvas draws them. (The
 * package's default ring is a tenth of the radius, and sigma drops rings under half a pixel: a wrong
 * prediction's ring would not show at the overview's node size.) The "pixels" mode counts in sigma's
 * correction ratio, which is half a CSS pixel: hence `ringWidth` twice over in the reducer.
 */
const RingedNodeProgram = createNodeBorderProgram({
  borders: [
    { size: { attribute: 'ringWidth', defaultValue: 0, mode: 'pixels' }, color: { attribute: 'borderColor' } },
    { size: { fill: true }, color: { attribute: 'color' } }
  ]
})

/** Props of {@link SigmaCanvas}. */
export interface SigmaCanvasProps {
  state: GraphViewState
  onSelect: (node: number | null) => void
  /** Changes when the camera should fly to `state.selected`. */
  focusSeq: number
  /** The camera the 2-D first frame left (null: the whole graph); sigma starts there. */
  camera: RefObject<LayoutCamera | null>
  /** Called once sigma has drawn its first frame, or with the error when it cannot start. */
  onReady: (error: Error | null) => void
  /** Called when the browser takes the WebGL context away (a GPU reset, too many contexts): the 2-D canvas takes over. */
  onLost: (reason: string) => void
}

/** sigma.js canvas; calls `onReady(error)` instead of throwing when WebGL fails at start. */
export function SigmaCanvas({ state, onSelect, focusSeq, camera, onReady, onLost }: SigmaCanvasProps): React.JSX.Element {
  const container = useRef<HTMLDivElement>(null)
  const sigmaRef = useRef<Sigma | null>(null)
  const graphRef = useRef<Graph | null>(null)
  const stateRef = useRef(state)
  stateRef.current = state
  const selectRef = useRef(onSelect)
  selectRef.current = onSelect
  const onReadyRef = useRef(onReady)
  onReadyRef.current = onReady
  const onLostRef = useRef(onLost)
  onLostRef.current = onLost
  const linksRef = useRef<number[] | null>(null)
  /** The view state last drawn, to redraw only the nodes that changed. */
  const drawnRef = useRef<GraphViewState | null>(null)
  /** The search that moved the 2-D camera before this canvas took over is already where the camera is. */
  const focusAtMount = useRef(focusSeq)

  useEffect(() => {
    const el = container.current!
    const graph = new Graph({ type: 'undirected' })
    const s0 = stateRef.current
    for (let i = 0; i < s0.nodes; i++) {
      // Screen y grows downwards, sigma's upwards: flip so both renderers agree.
      graph.addNode(String(i), { x: s0.layout[2 * i]!, y: -s0.layout[2 * i + 1]!, size: 3, label: String(i), color: '#888' })
    }
    // See [Note: one WebGL frame to start].
    for (let k = 0; k < s0.links.length; k += 2) graph.mergeEdge(String(s0.links[k]), String(s0.links[k + 1]))
    linksRef.current = s0.links
    drawnRef.current = s0
    graphRef.current = graph
    let sigma: Sigma
    try {
      sigma = new Sigma(graph, el, {
        nodeProgramClasses: { border: RingedNodeProgram },
        defaultNodeType: 'border',
        labelColor: { color: CANVAS_COLORS.label },
        labelSize: 14,
        labelWeight: '600',
        labelRenderedSizeThreshold: 5.5,
        zIndex: true,
        stagePadding: STAGE_PADDING,
        minCameraRatio: RATIO_LIMITS.min,
        maxCameraRatio: RATIO_LIMITS.max,
        nodeReducer: (node, attrs) => {
          const st = stateRef.current
          const i = Number(node)
          const e = st.emphasis[i] as Emphasis
          const ring = st.ring[i]
          const fill = e === Emphasis.Faded ? CANVAS_COLORS.faded : st.fill[i]!
          return {
            ...attrs,
            color: fill,
            borderColor: ring ?? fill,
            ringWidth: ring ? 2 * ringWidth(e) : 0,
            size: nodeSize(e, !!ring),
            zIndex: e,
            label: e >= Emphasis.Hop1 ? String(i) : '',
            forceLabel: e === Emphasis.Selected
          }
        },
        edgeReducer: (edge, attrs) => {
          const st = stateRef.current
          const [a, b] = graph.extremities(edge).map(Number) as [number, number]
          const strong = isStrongLink(st, a, b)
          const faded = st.selected !== null && !strong
          return {
            ...attrs,
            color: strong ? CANVAS_COLORS.edgeStrong : faded ? CANVAS_COLORS.edgeFaded : CANVAS_COLORS.edge,
            size: strong ? 1.6 : 0.6,
            zIndex: strong ? 1 : 0
          }
        }
      })
    } catch (error) {
      onReady(error instanceof Error ? error : new Error(String(error)))
      return
    }
    // Pan and zoom done on the 2-D frame carry over; an untouched camera is sigma's own (no second frame).
    const startedWith = camera.current
    const start = startedWith ? sigmaCameraState(s0.layout, startedWith) : null
    const now = sigma.getCamera().getState()
    if (start && (start.x !== now.x || start.y !== now.y || start.ratio !== now.ratio)) sigma.getCamera().setState(start)
    sigmaRef.current = sigma
    // See [Note: two quick clicks are not always a double-click].
    let lastClicked: number | null | undefined
    const click = (node: number | null): void => {
      lastClicked = node
      selectRef.current(node)
    }
    sigma.on('clickNode', ({ node }) => click(Number(node)))
    sigma.on('clickStage', () => click(null))
    sigma.on('doubleClickNode', (e) => {
      if (lastClicked === Number(e.node)) return
      e.preventSigmaDefault()
      click(Number(e.node))
    })
    sigma.on('doubleClickStage', (e) => {
      if (lastClicked === null) return
      e.preventSigmaDefault()
      click(null)
    })
    sigma.on('enterNode', () => el.style.setProperty('cursor', 'pointer'))
    sigma.on('leaveNode', () => el.style.removeProperty('cursor'))
    const lost = (event: Event): void => {
      event.preventDefault()
      onLostRef.current('the browser took the WebGL context away')
    }
    // Context events do not bubble: listen in the capture phase for sigma's canvases.
    el.addEventListener('webglcontextlost', lost, true)
    // sigma draws inside its constructor (a moved camera: on the next frame, before ours): report after that frame.
    const ready = requestAnimationFrame(() => {
      // See [Note: one WebGL frame to start]: input made while sigma was being built moved the 2-D camera.
      if (camera.current && camera.current !== startedWith) sigma.getCamera().setState(sigmaCameraState(s0.layout, camera.current))
      sigma.getCamera().on('updated', (state) => {
        camera.current = layoutCameraFromSigma(stateRef.current.layout, state)
      })
      onReadyRef.current(null)
    })
    return () => {
      cancelAnimationFrame(ready)
      el.removeEventListener('webglcontextlost', lost, true)
      sigma.kill()
      sigmaRef.current = null
      graphRef.current = null
      linksRef.current = null
      drawnRef.current = null
    }
    // Built once per model: later changes go through the reducers (effect below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const graph = graphRef.current
    const sigma = sigmaRef.current
    if (!graph || !sigma) return
    const prev = drawnRef.current
    drawnRef.current = state
    let linksChanged = false
    if (linksRef.current !== state.links) {
      if (linksRef.current === null) {
        for (let k = 0; k < state.links.length; k += 2) graph.mergeEdge(String(state.links[k]), String(state.links[k + 1]))
        linksChanged = true
      } else {
        const { removed, added } = linkDiff(linksRef.current, state.links)
        for (const [a, b] of removed) graph.dropEdge(String(a), String(b))
        for (const [a, b] of added) graph.mergeEdge(String(a), String(b))
        linksChanged = removed.length + added.length > 0
      }
      linksRef.current = state.links
    }
    // See [Note: redraw only what changed]. A link change re-indexes everything (sigma's own listeners ask for it).
    const redraw = linksChanged ? null : nodesToRedraw(prev, state)
    if (!redraw) sigma.refresh()
    else if (redraw.nodes.length > 0) {
      sigma.refresh({ partialGraph: { nodes: redraw.nodes.map(String) }, skipIndexation: !redraw.emphasisChanged })
    }
  }, [state])

  useEffect(() => {
    const sigma = sigmaRef.current
    const node = stateRef.current.selected
    if (!sigma || node === null || focusSeq === focusAtMount.current) return
    const pos = sigma.getNodeDisplayData(String(node))
    if (pos) void sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.25 }, { duration: 350 })
  }, [focusSeq])

  return <div ref={container} className="dm-graph-canvas" data-testid="graph-canvas" data-renderer="webgl" />
}
