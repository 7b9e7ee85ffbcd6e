/**
 * demodeck's run folder format (run.json, config.json, summary.json,
 * history.jsonl — see notes/common.md): what the example pipeline writes and
 * what the W&B sync caches, so a synced run shows offline. Pure: parse from the
 * files' text, serialise to the files' text; the host does the disk I/O.
 */
import { z } from 'zod'
import type { Problem, RunSource } from '../../shared/types'
import { parseJsonl } from './jsonl'
import { parseTolerantJson } from './tolerant-json'
import { MetricsFormatError, problem, wireNumber, wireValue, type ImportedRun } from './types'

/** Schema of run.json; unknown fields are kept out, wrong ones become a warning. */
export const runJsonSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  group: z.string().optional(),
  state: z.string().optional(),
  source: z.string().optional(),
  path: z.string().optional(),
  createdAt: z.string().optional(),
  tags: z.array(z.string()).optional(),
  project: z.string().optional()
})
export type RunJson = z.infer<typeof runJsonSchema>

/** Files of one run folder; any may be missing (but not all of run.json and history.jsonl). */
export interface RunFolderInput {
  folderName: string
  runJson?: string
  configJson?: string
  summaryJson?: string
  historyJsonl?: string
}

const SOURCES: RunSource[] = ['wandb', 'wandb-file', 'tensorboard', 'csv', 'jsonl', 'wandb-csv', 'example']

function jsonObject(text: string, file: string, warnings: Problem[]): Record<string, unknown> {
  try {
    const v = parseTolerantJson(text)
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
    warnings.push(problem('run/bad-json', `${file} is not a JSON object; ignored.`, file))
  } catch (error) {
    warnings.push(problem('run/bad-json', `${file} is not valid JSON (${(error as Error).message}); ignored.`, file))
  }
  return {}
}

/** Parses a run folder. Throws MetricsFormatError when it has neither run.json nor history.jsonl. */
export function parseRunFolder(input: RunFolderInput): ImportedRun {
  if (input.runJson === undefined && input.historyJsonl === undefined) {
    throw new MetricsFormatError(`${input.folderName} is not a run folder: it has neither run.json nor history.jsonl.`)
  }
  const warnings: Problem[] = []
  let meta: RunJson = {}
  if (input.runJson !== undefined) {
    const parsed = runJsonSchema.safeParse(jsonObject(input.runJson, 'run.json', warnings))
    if (parsed.success) meta = parsed.data
    else
      warnings.push(
        problem(
          'run/bad-run-json',
          `run.json has unexpected fields (${parsed.error.issues[0]?.message ?? 'invalid'}); using the folder name.`,
          'run.json'
        )
      )
  }
  const source: RunSource = SOURCES.includes(meta.source as RunSource) ? (meta.source as RunSource) : input.runJson ? 'example' : 'jsonl'
  let run: ImportedRun
  if (input.historyJsonl !== undefined && input.historyJsonl.trim() !== '') {
    try {
      run = parseJsonl(input.historyJsonl, meta.name ?? input.folderName, source)
    } catch (error) {
      run = emptyRun(meta.name ?? input.folderName, source)
      warnings.push(problem('run/bad-history', `history.jsonl: ${(error as Error).message}`, 'history.jsonl'))
    }
    for (const w of run.warnings) w.file ??= 'history.jsonl'
  } else {
    run = emptyRun(meta.name ?? input.folderName, source)
  }
  run.warnings.unshift(...warnings)
  if (input.configJson !== undefined) run.config = wireValue(jsonObject(input.configJson, 'config.json', run.warnings)) as Record<string, unknown>
  if (input.summaryJson !== undefined) run.summary = wireValue(jsonObject(input.summaryJson, 'summary.json', run.warnings)) as Record<string, unknown>
  if (meta.group) run.group = meta.group
  if (meta.state) run.state = meta.state
  if (meta.path) run.path = meta.path
  if (meta.project) run.project = meta.project
  if (meta.tags) run.tags = meta.tags
  if (meta.createdAt) run.createdAt = meta.createdAt
  if (meta.id) run.runId = meta.id
  return run
}

function emptyRun(name: string, source: RunSource): ImportedRun {
  return { name, source, rows: [], metrics: [], config: {}, summary: {}, warnings: [] }
}

/** The four files of a run folder for `run`, as text. `id` is the folder name. */
export function serializeRunFolder(run: ImportedRun, id: string): Record<'run.json' | 'config.json' | 'summary.json' | 'history.jsonl', string> {
  const meta: RunJson = {
    id,
    name: run.name,
    state: run.state ?? 'finished',
    source: run.source,
    createdAt: run.createdAt ?? new Date().toISOString(),
    tags: run.tags ?? []
  }
  if (run.group) meta.group = run.group
  if (run.path) meta.path = run.path
  if (run.project) meta.project = run.project
  let history = ''
  for (const row of run.rows) {
    const out: Record<string, unknown> = {}
    for (const key in row) {
      const v = row[key]
      out[key] = typeof v === 'number' ? wireNumber(v) : v
    }
    history += JSON.stringify(out) + '\n'
  }
  return {
    'run.json': JSON.stringify(meta, null, 2) + '\n',
    'config.json': JSON.stringify(wireValue(run.config), null, 2) + '\n',
    'summary.json': JSON.stringify(wireValue(run.summary), null, 2) + '\n',
    'history.jsonl': history
  }
}
