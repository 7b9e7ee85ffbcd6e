/**
 * State of one graph demo: the drawable graph (fetched once), the model's
 * predictions for every node, the selected node and the what-if history. Every
 * change of the history re-runs the model on the whole edited graph through
 * the host's worker; answers that arrive out of order are dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GraphData, GraphRun } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { takeEarlyGraph } from '../../lib/early-graph'
import { applySteps, baseNeighbours, type EditedGraph, type EditStep } from './graph-model'

/** What {@link useGraphDemo} returns. */
export interface GraphDemoState {
  data: GraphData | null
  /** Predictions on the current (edited) graph. */
  run: GraphRun | null
  /** Predictions on the file's graph (the "before" of every what-if). */
  baseRun: GraphRun | null
  edited: EditedGraph | null
  steps: EditStep[]
  selected: number | null
  /** Increases when the camera should fly to the selection (search). */
  focusSeq: number
  /** true while a what-if run is in flight. */
  busy: boolean
  error: string | null
  /** Round trip of the last run, ms (renderer → host → worker → renderer). */
  roundTripMs: number | null
  select(node: number | null, focus?: boolean): void
  edit(step: EditStep): void
  undo(): void
  reset(): void
  /** Loads the graph again after a failed first load. */
  retry(): void
}

/** Loads and drives the graph demo of model `id` once `active` is first true. */
export function useGraphDemo(id: string, active: boolean): GraphDemoState {
  const [data, setData] = useState<GraphData | null>(null)
  const [baseRun, setBaseRun] = useState<GraphRun | null>(null)
  const [run, setRun] = useState<GraphRun | null>(null)
  const [steps, setSteps] = useState<EditStep[]>([])
  const [selected, setSelected] = useState<number | null>(null)
  const [focusSeq, setFocusSeq] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [roundTripMs, setRoundTripMs] = useState<number | null>(null)
  const started = useRef(false)
  const seq = useRef(0)
  const stepsRef = useRef<EditStep[]>([])

  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!active || started.current) return
    started.current = true
    void (async () => {
      // A worker restarted under load answers the next request: try twice before showing the error.
      for (let tries = 1; ; tries++) {
        try {
          // The page's first try may take the requests sent at start-up ([Note: the graph is asked for first]).
          const early = tries === 1 ? takeEarlyGraph(id) : null
          const [graph, first] = await Promise.all([early?.graph ?? api['models:graph']({ id }), early?.run ?? api['models:graph-run']({ id })])
          setData(graph)
          setBaseRun(first)
          setRun(first)
          setRoundTripMs(null)
          setError(null)
          return
        } catch (e) {
          if (tries < 2) continue
          started.current = false
          setError(errorMessage(e))
          return
        }
      }
    })()
  }, [id, active, attempt])

  const base = useMemo(() => (data ? baseNeighbours(data) : null), [data])
  const edited = useMemo(() => (base ? applySteps(base, steps) : null), [base, steps])

  const rerun = useCallback(
    async (next: EditStep[]) => {
      if (!base) return
      const mine = ++seq.current
      if (next.length === 0) {
        setRun(baseRun)
        setBusy(false)
        setError(null)
        return
      }
      setBusy(true)
      const t0 = performance.now()
      try {
        const answer = await api['models:graph-run']({ id, edits: applySteps(base, next).edits })
        if (mine !== seq.current) return
        setRun(answer)
        setRoundTripMs(performance.now() - t0)
        setError(null)
      } catch (e) {
        if (mine !== seq.current) return
        // The edit the host refused is taken back, so the drawing always matches the predictions.
        setError(errorMessage(e))
        stepsRef.current = stepsRef.current.slice(0, -1)
        setSteps(stepsRef.current)
      } finally {
        if (mine === seq.current) setBusy(false)
      }
    },
    [base, baseRun, id]
  )

  const commit = useCallback(
    (next: EditStep[]) => {
      stepsRef.current = next
      setSteps(next)
      void rerun(next)
    },
    [rerun]
  )
  const edit = useCallback((step: EditStep) => commit([...stepsRef.current, step]), [commit])
  const undo = useCallback(() => commit(stepsRef.current.slice(0, -1)), [commit])
  const reset = useCallback(() => commit([]), [commit])
  const select = useCallback((node: number | null, focus = false) => {
    setSelected(node)
    if (focus && node !== null) setFocusSeq((f) => f + 1)
  }, [])

  const retry = useCallback(() => setAttempt((a) => a + 1), [])
  return { data, run, baseRun, edited, steps, selected, focusSeq, busy, error, roundTripMs, select, edit, undo, reset, retry }
}
