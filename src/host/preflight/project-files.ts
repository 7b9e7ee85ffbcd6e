/**
 * Reads every `::code`, `::checklist` and `::tree` of a deck through the same
 * ProjectService the slides use (path rules, size and binary limits, line
 * ranges), so the preflight reports exactly what a slide would fail on.
 * A service of its own that watches nothing: a check leaves no watcher behind.
 */
import type { Deck } from '../../shared/types'
import { ApiError } from '../../shared/api'
import { selectChecklistGroups } from '../../core/project/checklist-groups'
import { PROJECT_DIRECTIVES, type ProjectDirective, type ProjectFileTrial } from '../../core/preflight/project-files'
import { ProjectService } from '../project/project-service'

const isProjectDirective = (name: string): name is ProjectDirective => (PROJECT_DIRECTIVES as readonly string[]).includes(name)

/** One trial per project directive on the slides, in slide order. Never throws. */
export function tryProjectFiles(deckRoot: string, deck: Deck): ProjectFileTrial[] {
  const trials: ProjectFileTrial[] = []
  const wanted = deck.slides.flatMap((slide) => slide.directives.filter((d) => isProjectDirective(d.name)).map((d) => ({ slide, d })))
  if (wanted.length === 0) return trials
  const service = new ProjectService(deckRoot, { watch: false })
  try {
    for (const { slide, d } of wanted) {
      const directive = d.name as ProjectDirective
      // ::tree shows the deck's folder when src is left out (TreeDirective); the others need a file.
      const src = d.attributes['src'] ?? (directive === 'tree' ? '.' : '')
      // A ::code or ::checklist without src is already a deck error (a required attribute).
      if (src === '') continue
      const trial: ProjectFileTrial = { slide: slide.index, directive, src }
      try {
        if (directive === 'code') service.code(src, d.attributes['lines'])
        else if (directive === 'tree') service.tree(src, 0, 1)
        else {
          const list = service.checklist(src)
          const selected = selectChecklistGroups(list.file, list.groups, d.attributes['groups'])
          if ('problem' in selected) trial.problem = { code: 'no_tasks', message: selected.problem }
        }
      } catch (error) {
        trial.problem =
          error instanceof ApiError
            ? { code: error.code, message: error.message }
            : { code: 'internal', message: error instanceof Error ? error.message : String(error) }
      }
      trials.push(trial)
    }
  } finally {
    service.dispose()
  }
  return trials
}
