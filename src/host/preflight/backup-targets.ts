/**
 * Where the presenter's "Backups" entry writes: `exports/` in the deck for
 * the PDFs and the HTML (named after the deck folder), `reports/figures/` for
 * the report figures, the same places `npm run export`/`figures` default to.
 */
import { basename, join } from 'node:path'

/** Target paths for the wanted backups (all four when none is named). */
export function backupTargets(
  deckRoot: string,
  wanted: { pdf?: boolean | undefined; notes?: boolean | undefined; html?: boolean | undefined; figures?: boolean | undefined }
): { pdf?: string; notes?: string; html?: string; figures?: string } {
  const all = wanted.pdf === undefined && wanted.notes === undefined && wanted.html === undefined && wanted.figures === undefined
  const name = basename(deckRoot) || 'deck'
  const targets: { pdf?: string; notes?: string; html?: string; figures?: string } = {}
  if (all || wanted.pdf) targets.pdf = join(deckRoot, 'exports', `${name}.pdf`)
  if (all || wanted.notes) targets.notes = join(deckRoot, 'exports', `${name}-notes.pdf`)
  if (all || wanted.html) targets.html = join(deckRoot, 'exports', `${name}.html`)
  if (all || wanted.figures) targets.figures = join(deckRoot, 'reports', 'figures')
  return targets
}
