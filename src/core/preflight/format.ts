/**
 * The preflight report as terminal text (`npm run check`): one line per
 * check, then its findings with file:line and slide, errors first.
 */
import type { CheckStatus, PreflightFinding, PreflightReport } from '../../shared/preflight'

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✖', skipped: '–' }
const RANK = { error: 0, warning: 1, info: 2 } as const

/** Where a finding points, e.g. `slides/deck.md:42 · slide 3`. */
export function findingPlace(f: PreflightFinding): string {
  const parts: string[] = []
  if (f.file) parts.push(f.line ? `${f.file}:${f.line}` : f.file)
  if (f.slide !== undefined) parts.push(`slide ${f.slide + 1}`)
  return parts.join(' · ')
}

/** Formats the report for a terminal (plain text, no colour codes). */
export function formatReport(report: PreflightReport): string {
  const lines = [`Ready for the talk? — ${report.deckTitle}`, '']
  const width = Math.max(...report.checks.map((c) => c.title.length))
  for (const c of report.checks) {
    lines.push(`${MARK[c.status]} ${c.title.padEnd(width)}  ${c.summary}`)
    for (const f of [...c.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
      const place = findingPlace(f)
      lines.push(`    ${f.severity.padEnd(7)} ${place ? `${place}  ` : ''}${f.message}`)
    }
  }
  lines.push('')
  lines.push(
    report.ok
      ? `Ready: no errors${report.warnings ? `, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}` : ''}.`
      : `Not ready: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}.`
  )
  return lines.join('\n')
}
