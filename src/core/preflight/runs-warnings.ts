/**
 * What the runs index said about the deck's runs, as preflight findings:
 * a `runs/runs.yaml` entry that is wrong or points at nothing, a run file read
 * with problems, a W&B key left in the deck. The index attaches a deck-wide
 * problem to every run, so each is reported once, with the file to fix.
 */
import type { PreflightFinding } from '../../shared/preflight'
import type { RunInfo } from '../../shared/types'

/** Reported by the runs check itself, per chart slide. */
const PER_CHART = new Set(['wandb/not-synced'])

/** One finding per distinct warning of the runs (a leaked W&B key is an error: secrets never in the deck). */
export function runsIndexFindings(runs: readonly RunInfo[]): PreflightFinding[] {
  const seen = new Map<string, { warning: RunInfo['warnings'][number]; runs: string[] }>()
  for (const run of runs) {
    for (const warning of run.warnings) {
      if (PER_CHART.has(warning.code)) continue
      const key = `${warning.code}\n${warning.message}\n${warning.file ?? ''}`
      const entry = seen.get(key)
      if (entry) entry.runs.push(run.id)
      else seen.set(key, { warning, runs: [run.id] })
    }
  }
  const deckWide = (n: number): boolean => n === runs.length && runs.length > 1
  return [...seen.values()].map(({ warning, runs: ids }) => {
    const about = deckWide(ids.length) || warning.file === 'runs/runs.yaml' ? '' : `Run ${ids.map((id) => `"${id}"`).join(', ')}: `
    const where = warning.file ? ` Fix it in ${warning.file}.` : ''
    const finding: PreflightFinding = {
      severity: warning.code === 'security/wandb-key' ? 'error' : 'warning',
      code: warning.code,
      message: `${about}${warning.message.replace(/\.$/, '')}.${warning.file && warning.message.includes(warning.file) ? '' : where}`
    }
    if (warning.file) finding.file = warning.file
    return finding
  })
}
