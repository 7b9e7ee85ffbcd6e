/**
 * The optional deck runs file `runs/runs.yaml`: extra run sources outside the
 * scanned folders, with display names and groups.
 *
 * ```yaml
 * - path: ../my-logs/lightning_logs/version_0   # relative to the deck folder (then to runs/)
 *   name: Lightning baseline
 *   group: baselines
 * - wandb: entity/project/runId                  # shown from its cache in runs/wandb/ once synced
 *   group: sweep-tweets
 * ```
 */
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { Problem } from '../../shared/types'

const entrySchema = z.union([
  z.object({ path: z.string().min(1), name: z.string().optional(), group: z.string().optional() }).strict(),
  z.object({ wandb: z.string().min(1), name: z.string().optional(), group: z.string().optional() }).strict()
])
export type RunsYamlEntry = z.infer<typeof entrySchema>

/** Parses runs.yaml text into entries; bad entries become problems, the good ones stay. */
export function parseRunsYaml(text: string, file = 'runs/runs.yaml'): { entries: RunsYamlEntry[]; problems: Problem[] } {
  const problems: Problem[] = []
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (error) {
    return { entries: [], problems: [{ code: 'runs/yaml', message: `${file} is not valid YAML: ${(error as Error).message}`, file }] }
  }
  if (doc === null || doc === undefined) return { entries: [], problems }
  const list = Array.isArray(doc) ? doc : (doc as { runs?: unknown }).runs
  if (!Array.isArray(list)) {
    return { entries: [], problems: [{ code: 'runs/yaml', message: `${file} must be a list of entries like "- path: …" or "- wandb: entity/project/runId".`, file }] }
  }
  const entries: RunsYamlEntry[] = []
  list.forEach((item, i) => {
    const parsed = entrySchema.safeParse(item)
    if (parsed.success) entries.push(parsed.data)
    else problems.push({ code: 'runs/yaml-entry', message: `Entry ${i + 1} of ${file} needs exactly one of "path" or "wandb" (plus optional name, group); ignored.`, file })
  })
  return { entries, problems }
}
