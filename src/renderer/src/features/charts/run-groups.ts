/** How the /runs page lists runs: grouped by the file they came from, and which are selected at first. */
import type { RunInfo } from '../../../../shared/types'

/** A run list entry: one run, or the runs of one file. */
export type RunGroup = { kind: 'run'; run: RunInfo } | { kind: 'file'; file: string; runs: RunInfo[] }

/** Runs in list order, those sharing a source file (two or more) gathered in one group where the first of them was. */
export function groupRunsByFile(runs: readonly RunInfo[]): RunGroup[] {
  const counts = new Map<string, number>()
  for (const r of runs) if (r.file) counts.set(r.file, (counts.get(r.file) ?? 0) + 1)
  const out: RunGroup[] = []
  const groups = new Map<string, RunInfo[]>()
  for (const r of runs) {
    if (!r.file || (counts.get(r.file) ?? 0) < 2) {
      out.push({ kind: 'run', run: r })
      continue
    }
    let group = groups.get(r.file)
    if (!group) {
      groups.set(r.file, (group = []))
      out.push({ kind: 'file', file: r.file, runs: group })
    }
    group.push(r)
  }
  return out
}

/** The runs selected before the user picks: every run with a history (a summary-only run has no curve to draw). */
export function defaultSelection(runs: readonly RunInfo[]): Set<string> {
  const withHistory = runs.filter((r) => r.steps > 0)
  return new Set((withHistory.length > 0 ? withHistory : runs).map((r) => r.id))
}
