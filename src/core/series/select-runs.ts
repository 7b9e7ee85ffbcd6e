/**
 * Which runs a `::chart{runs="…"}` directive means. Each comma-separated
 * token matches a run's id, name or group (case-insensitive), or the W&B run
 * id of a run synced from W&B (`abc12345`, the id a student sees in W&B: the
 * deck's own id for such a run is `entity__project__abc12345`); `*` inside a
 * token is a wildcard, and a lone `*` (or an empty attribute) means all runs.
 */

/** The fields of a run that selection looks at. */
export interface SelectableRun {
  id: string
  name: string
  group?: string
  /** W&B path `entity/project/runId`, when the run came from W&B. */
  path?: string
  /** The run's W&B page (…/runs/<runId>), when known. */
  url?: string
}

/** The W&B run id of a run (the last part of its W&B path or page address), if it has one. */
export function wandbRunId(run: SelectableRun): string | undefined {
  const fromPath = run.path ? /\/([^/]+)$/.exec(run.path)?.[1] : undefined
  if (fromPath) return fromPath
  return run.url ? /\/runs\/([^/?#]+)\/?(?:[?#].*)?$/.exec(run.url)?.[1] : undefined
}

function tokenMatcher(token: string): (value: string | undefined) => boolean {
  const t = token.trim().toLowerCase()
  if (!t.includes('*')) return (value) => value !== undefined && value.toLowerCase() === t
  const pattern = new RegExp(
    '^' +
      t
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$'
  )
  return (value) => value !== undefined && pattern.test(value.toLowerCase())
}

/**
 * Runs matched by a `runs` attribute, in the deck's run order, plus the tokens
 * that matched nothing (so the chart can say which names it could not find).
 */
export function selectRuns<R extends SelectableRun>(runs: readonly R[], spec: string | undefined): { runs: R[]; unmatched: string[] } {
  const tokens = (spec ?? '*')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  if (tokens.length === 0 || tokens.includes('*')) return { runs: [...runs], unmatched: [] }
  const chosen = new Set<R>()
  const unmatched: string[] = []
  for (const token of tokens) {
    const match = tokenMatcher(token)
    const hits = runs.filter((r) => match(r.id) || match(r.name) || match(r.group) || match(wandbRunId(r)))
    if (hits.length === 0) unmatched.push(token)
    for (const hit of hits) chosen.add(hit)
  }
  return { runs: runs.filter((r) => chosen.has(r)), unmatched }
}
