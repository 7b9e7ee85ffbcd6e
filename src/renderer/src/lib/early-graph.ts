/**
 * The graph demo's data, asked for the moment the entry script runs when the page opens on a full-screen demo
 * (`#/demo/<id>`).
 *
 * [Note: the graph is asked for first]
 * The graph demo needs the graph and the predictions on it before it can draw anything. Asked from the demo's
 * effect, both requests waited for the entry script, the demo page's chunk and the demo's mount; asked here, the
 * host reads the graph and runs the model while those load. The page does not know yet whether the model is a
 * graph model: for any other model the host answers both with a quick `bad_request`, which nobody reads.
 * `useGraphDemo` takes these requests once; later mounts ask again.
 */
import type { GraphData, GraphRun } from '../../../shared/types'
import { api } from './api'

let early: { id: string; graph: Promise<GraphData>; run: Promise<GraphRun> } | null = null

const match = /^#\/demo\/([^/?#]+)/.exec(typeof location === 'undefined' ? '' : location.hash)
if (match) {
  const id = decodeURIComponent(match[1]!)
  early = { id, graph: api['models:graph']({ id }), run: api['models:graph-run']({ id }) }
  // Read by useGraphDemo, if at all; until then a failure must not show as an unhandled rejection.
  early.graph.catch(() => undefined)
  early.run.catch(() => undefined)
}

/** The requests sent at start-up for model `id`, the first time they are asked for; else `null`. */
export function takeEarlyGraph(id: string): { graph: Promise<GraphData>; run: Promise<GraphRun> } | null {
  if (!early || early.id !== id) return null
  const requests = early
  early = null
  return requests
}
