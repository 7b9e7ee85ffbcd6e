/**
 * The graph demo's side of the mirror: the paper selected on the audience screen, its bars, and the
 * accuracy and what-if edits the audience sees.
 */
import { useMemo } from 'react'
import type { GraphData, GraphRun } from '../../../../shared/types'
import { formatPercent } from '../demo/demo-format'
import { cut } from './mirror-input'
import { usePublishMirror } from './use-mirror'
import { demoComponent, type MirrorPlace } from './use-demo-mirror'

const SPLITS = ['', 'train', 'validation', 'test']

/** The selected node's scores as label rows, best first (at most 20). */
export function nodeScores(run: GraphRun, node: number, names: readonly string[]): Array<{ label: string; score: number }> {
  const classes = run.scores.length / Math.max(1, run.classes.length)
  const rows: Array<{ label: string; score: number }> = []
  for (let c = 0; c < classes; c++) {
    const score = run.scores[node * classes + c]
    if (score !== undefined && Number.isFinite(score)) rows.push({ label: cut(names[c] ?? `class ${c}`, 200), score })
  }
  return rows.sort((a, b) => b.score - a.score).slice(0, 20)
}

/** Publishes the graph demo's selection for the presenter while `place` is set. */
export function useGraphMirror(
  place: MirrorPlace | undefined,
  shown: {
    modelId: string
    data: GraphData | null
    run: GraphRun | null
    selected: number | null
    edits: number
    error: string | null
    top: number
    names: readonly string[]
  }
): void {
  const { data, run, selected, names } = shown
  const predictions = useMemo(() => (run && selected !== null ? nodeScores(run, selected, names) : []), [run, selected, names])
  const truth = data && selected !== null ? (data.labels[selected] ?? -1) : -1
  const split = data && selected !== null ? SPLITS[data.split[selected] ?? 0] : ''
  const parts = [
    truth >= 0 ? `true class ${names[truth] ?? truth}` : '',
    split ? `${split} split` : '',
    run?.accuracy.test != null ? `test accuracy ${formatPercent(run.accuracy.test)}` : '',
    shown.edits > 0 ? `${shown.edits} what-if edit${shown.edits === 1 ? '' : 's'}` : ''
  ].filter(Boolean)
  usePublishMirror(
    place && ((selected !== null && run) || shown.error)
      ? {
          slide: place.slide,
          component: demoComponent(shown.modelId),
          input: selected !== null ? { kind: 'node', node: selected } : null,
          predictions,
          top: Math.max(1, Math.min(100, shown.top)),
          error: shown.error ? cut(shown.error, 500) : null,
          ...(parts.length ? { summary: cut(parts.join(' · '), 500) } : {})
        }
      : null
  )
}
