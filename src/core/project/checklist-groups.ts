/**
 * Which task-list groups a `::checklist{groups="Week 1, Week 2"}` shows, and
 * why it shows none. Shared by the slide (ChecklistDirective) and the
 * preflight, so the check reports exactly the notice the slide would show.
 */
import type { ChecklistGroup } from '../../shared/types'

/** The groups to show, or the reason there are none (a sentence that says what to write). */
export function selectChecklistGroups(
  file: string,
  groups: ChecklistGroup[],
  wantedAttribute: string | undefined
): { groups: ChecklistGroup[] } | { problem: string } {
  const wanted = wantedAttribute
    ? new Set(
        wantedAttribute
          .split(',')
          .map((name) => name.trim().toLowerCase())
          .filter(Boolean)
      )
    : null
  const kept = wanted ? groups.filter((group) => wanted.has(group.heading.toLowerCase())) : groups
  if (kept.length > 0) return { groups: kept }
  if (wanted && groups.length > 0)
    return {
      problem: `${file} has no group named ${wantedAttribute} (it has ${groups.map((g) => g.heading || '(no heading)').join(', ')}).`
    }
  return {
    problem: `${file} has no task lists. Write tasks as "- [ ] Create a git repository (M5)" or "- [x] …" under headings such as "### Week 1".`
  }
}
