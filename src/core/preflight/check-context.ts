/**
 * What every preflight check works with: the gathered facts, the deck's
 * preflight settings and where each slide stands in its file; and the two
 * helpers each check uses to build its result and place a finding on a line.
 */
import type { CheckStatus, PreflightCheck, PreflightFinding } from '../../shared/preflight'
import type { PreflightFacts } from './facts'
import { locateInSlide, type SlideSpan } from './locate'
import type { PreflightSettings } from './settings'

/** The facts and settings a check reads. */
export interface Context {
  facts: PreflightFacts
  settings: PreflightSettings
  spans: SlideSpan[]
}

/** A check's result; its status follows from the worst finding. */
export function check(id: string, title: string, summary: string, findings: PreflightFinding[], skipped = false): PreflightCheck {
  let status: CheckStatus = skipped ? 'skipped' : 'pass'
  if (findings.some((f) => f.severity === 'warning')) status = 'warn'
  if (findings.some((f) => f.severity === 'error')) status = 'fail'
  return { id, title, status, summary, findings }
}

/** The finding with the file and line of its slide where one of `needles` stands. */
export function withLine(ctx: Context, finding: PreflightFinding, needles: string[]): PreflightFinding {
  if (finding.slide === undefined) return finding
  const at = locateInSlide(ctx.facts.sources, ctx.spans, finding.slide, needles)
  return { ...finding, ...at }
}
