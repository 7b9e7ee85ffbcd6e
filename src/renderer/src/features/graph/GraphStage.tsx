/**
 * The graph demo's drawing area: the whole graph on a 2-D canvas the moment
 * the layout and predictions are there, then sigma.js (WebGL) in its place
 * once sigma has drawn, with the same colours and camera. Where WebGL is
 * missing or fails to start, the 2-D canvas stays, with a note.
 *
 * [Note: a 2-D first frame, then WebGL]
 * Without a GPU (a VM, `--disable-gpu`, a blocked driver) Chromium runs WebGL
 * in software: sigma's shaders compile and its first frame of Cora draws in
 * about a second, after the data was already there. The 2-D canvas draws the
 * same picture in a few milliseconds, so it goes first; sigma mounts under it
 * only after that frame reached the screen (its start blocks the page) and
 * takes over after its own first frame, so nothing flashes. Pan, zoom and the
 * selection made meanwhile carry over. On a laptop with a GPU the 2-D frame is
 * on screen for a few frames only: WebGL stays the renderer wherever it runs,
 * until the browser takes its context away (a GPU reset): then the 2-D canvas
 * is back where sigma's camera was, with a note.
 * The stage says `data-painted="yes"` once the whole graph is visible (either
 * renderer) and `data-renderer` names the one on screen.
 */
import { useEffect, useRef, useState, type ComponentType } from 'react'
import { Canvas2DGraph } from './Canvas2DGraph'
import type { SigmaCanvasProps } from './SigmaCanvas'
import type { LayoutCamera } from './graph-camera'
import { hasWebGL, type GraphViewState } from './graph-view'

/** The WebGL renderer's chunk (sigma.js + graphology); fetched while the graph itself is still loading. */
export const loadSigma = (): Promise<ComponentType<SigmaCanvasProps>> => import('./SigmaCanvas').then((m) => m.SigmaCanvas)

/** Props of {@link GraphStage}. */
export interface GraphStageProps {
  /** What to draw; null while the graph or its predictions are loading. */
  view: GraphViewState | null
  /** The demo is shown: WebGL may start. */
  active: boolean
  /** The demo is about to be shown: fetch the WebGL renderer's code already. */
  near?: boolean
  focusSeq: number
  busy: boolean
  onSelect: (node: number | null) => void
  /** Shown instead of the graph while `view` is null (loading text or the error with a retry). */
  placeholder: React.ReactNode
  children?: React.ReactNode
}

/** Calls `then` once the frame being prepared now has been painted; returns a cancel. */
function afterNextPaint(then: () => void): () => void {
  let timer = 0
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(then, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/** The stage: 2-D first frame, then sigma.js (see [Note: a 2-D first frame, then WebGL]). */
export function GraphStage({ view, active, near = false, focusSeq, busy, onSelect, placeholder, children }: GraphStageProps): React.JSX.Element {
  const [webgl, setWebgl] = useState(hasWebGL)
  const [webglError, setWebglError] = useState<string | null>(null)
  const [Sigma, setSigma] = useState<ComponentType<SigmaCanvasProps> | null>(null)
  const [live, setLive] = useState<'canvas2d' | 'webgl'>('canvas2d')
  const [painted, setPainted] = useState(false)
  const [sigmaMayStart, setSigmaMayStart] = useState(false)
  const camera = useRef<LayoutCamera | null>(null)

  // Fetch the renderer with the graph, not after it. (Not React.lazy: a suspended boundary's reveal is throttled.)
  useEffect(() => {
    if (!(active || near) || !webgl || Sigma) return
    let current = true
    loadSigma().then(
      (component) => current && setSigma(() => component),
      (error: unknown) => {
        if (!current) return
        setWebglError(`the WebGL renderer did not load: ${error instanceof Error ? error.message : String(error)}`)
        setWebgl(false)
      }
    )
    return () => {
      current = false
    }
  }, [active, near, webgl, Sigma])

  useEffect(() => {
    if (painted && active && webgl && !sigmaMayStart) return afterNextPaint(() => setSigmaMayStart(true))
  }, [painted, active, webgl, sigmaMayStart])

  return (
    <div
      className="dm-graph-stage"
      data-testid="graph-stage"
      data-painted={painted ? 'yes' : 'no'}
      data-renderer={painted ? live : 'none'}
      data-busy={busy ? 'yes' : 'no'}
    >
      {!view ? (
        <div className="dm-graph-loading">{placeholder}</div>
      ) : (
        <>
          {webgl && Sigma && sigmaMayStart && (
            <Sigma
              state={view}
              focusSeq={focusSeq}
              camera={camera}
              onSelect={onSelect}
              onReady={(error) => {
                if (error) {
                  setWebglError(error.message)
                  setWebgl(false)
                } else setLive('webgl')
              }}
              onLost={(reason) => {
                // The 2-D canvas comes back with the camera sigma left (see SigmaCanvas) and the same selection.
                setWebglError(reason)
                setWebgl(false)
                setLive('canvas2d')
              }}
            />
          )}
          {live === 'canvas2d' && (
            <Canvas2DGraph state={view} focusSeq={focusSeq} camera={camera} onSelect={onSelect} onReady={() => setPainted(true)} />
          )}
        </>
      )}
      {!webgl && (
        <div className="dm-graph-note" role="note" data-testid="graph-fallback">
          WebGL is not available{webglError ? ` (${webglError})` : ''}: drawn on a 2-D canvas instead — same graph and predictions.
        </div>
      )}
      {children}
    </div>
  )
}
