/**
 * The "Project files" preflight check: every `::code`, `::checklist` and
 * `::tree` on a slide must show its file. The host reads each one the way the
 * slide does (src/host/preflight/project-files.ts); a file that cannot be
 * shown is an error, because the audience would see a placeholder line where
 * the student meant to show their code, checklist or layout.
 */
import type { PreflightCheck, PreflightFinding } from '../../shared/preflight'
import { check, withLine, type Context } from './check-context'

/** The directives that show a file of the project. */
export const PROJECT_DIRECTIVES = ['code', 'checklist', 'tree'] as const
export type ProjectDirective = (typeof PROJECT_DIRECTIVES)[number]

/** What happened when the host read one project directive's file as its slide would. */
export interface ProjectFileTrial {
  slide: number
  directive: ProjectDirective
  /** The `src` attribute as written ('' when missing). */
  src: string
  /** Why the slide cannot show it: the host's error code (`not_found`, `bad_request` …) and message. */
  problem?: { code: string; message: string }
}

const CODES: Record<string, string> = {
  not_found: 'project/missing',
  bad_request: 'project/refused',
  unprocessable: 'project/cannot-show',
  too_large: 'project/cannot-show',
  no_tasks: 'project/no-tasks'
}

/** Findings for the project directives that cannot show their file (skipped when the host did not look). */
export function projectFilesCheck(ctx: Context): PreflightCheck {
  const trials = ctx.facts.projectFiles
  if (!trials) return check('project', 'Project files', 'not checked', [], true)
  const findings: PreflightFinding[] = []
  for (const trial of trials) {
    if (!trial.problem) continue
    const written = trial.src ? `::${trial.directive}{src="${trial.src}"}` : `::${trial.directive}`
    findings.push(
      withLine(
        ctx,
        {
          severity: 'error',
          code: CODES[trial.problem.code] ?? 'project/unreadable',
          message: `Slide ${trial.slide + 1}: ${written} cannot show its file: ${trial.problem.message.replace(/\.$/, '')}. The audience would see "not available" there.`,
          slide: trial.slide
        },
        trial.src ? [`src="${trial.src}"`, `::${trial.directive}`] : [`::${trial.directive}`]
      )
    )
  }
  const count = trials.length
  const shown = count - findings.length
  return check(
    'project',
    'Project files',
    count === 0
      ? 'no ::code, ::checklist or ::tree'
      : `${shown} of ${count} project file${count === 1 ? '' : 's'} readable (::code, ::checklist, ::tree)`,
    findings
  )
}
