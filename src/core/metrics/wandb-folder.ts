/**
 * A local wandb run directory (`run-YYYYMMDD_HHMMSS-<id>/`): the `.wandb` log
 * (the only copy of the history) plus the companion `files/config.yaml` and
 * `files/wandb-summary.json`, which win over what the log says because wandb
 * writes them last. Pure: the caller reads the files and hands us their text.
 */
import { parse as parseYaml } from 'yaml'
import type { Problem } from '../../shared/types'
import { parseTolerantJson } from './tolerant-json'
import { MetricsFormatError, problem, wireValue, type ImportedRun } from './types'
import { cleanSummary, parseWandbFile } from './wandb-file'

/** The files of one run folder, as bytes/text; any may be missing. */
export interface WandbFolderInput {
  /** Folder name, e.g. `run-20250315_204639-z3gp9394`. */
  folderName: string
  wandbFile?: Uint8Array
  configYaml?: string
  summaryJson?: string
}

/** Run id from a folder name `run-…-<id>` / `offline-run-…-<id>`, or undefined. */
export function runIdFromFolderName(folderName: string): string | undefined {
  const m = /^(?:offline-)?run-\d{8}_\d{6}-([A-Za-z0-9]+)$/.exec(folderName)
  return m ? m[1] : undefined
}

/**
 * Parses W&B's `config.yaml`: every key is `{value: …}` (older versions add
 * `desc: null`); `_wandb` and `wandb_version` are W&B's own and dropped.
 */
export function parseWandbConfigYaml(text: string): Record<string, unknown> {
  const doc: unknown = parseYaml(text)
  if (doc === null || doc === undefined) return {}
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('config.yaml is not a mapping of keys')
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(doc as Record<string, unknown>)) {
    if (key === '_wandb' || key === 'wandb_version') continue
    out[key] = unwrapValue(entry)
  }
  return out
}

/** `{value: v, desc?: …}` → v; anything else unchanged. */
export function unwrapValue(entry: unknown): unknown {
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && 'value' in entry) {
    const keys = Object.keys(entry)
    if (keys.every((k) => k === 'value' || k === 'desc')) return (entry as { value: unknown }).value
  }
  return entry
}

/** Parses a wandb run folder. Throws MetricsFormatError when none of its files is there. */
export function parseWandbFolder(input: WandbFolderInput): ImportedRun {
  const { folderName } = input
  const idFromName = runIdFromFolderName(folderName)
  let run: ImportedRun
  if (input.wandbFile) {
    run = parseWandbFile(input.wandbFile, { name: idFromName ?? folderName })
  } else if (input.configYaml !== undefined || input.summaryJson !== undefined) {
    run = {
      name: idFromName ?? folderName,
      source: 'wandb-file',
      rows: [],
      metrics: [],
      config: {},
      summary: {},
      warnings: [problem('wandb/no-log', 'This W&B run folder has no .wandb file, so there is no history; only config and summary are shown.')]
    }
  } else {
    throw new MetricsFormatError(`${folderName} is not a W&B run folder: it has neither a .wandb file nor files/config.yaml.`)
  }
  if (!run.runId && idFromName) run.runId = idFromName
  const warnings: Problem[] = run.warnings
  if (input.configYaml !== undefined) {
    try {
      run.config = { ...run.config, ...(wireValue(parseWandbConfigYaml(input.configYaml)) as Record<string, unknown>) }
    } catch (error) {
      warnings.push(
        problem('wandb/config-yaml', `files/config.yaml could not be read (${(error as Error).message}); using the config from the .wandb log.`)
      )
    }
  }
  if (input.summaryJson !== undefined) {
    try {
      const parsed = parseTolerantJson(input.summaryJson)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object')
      run.summary = { ...run.summary, ...cleanSummary(parsed as Record<string, unknown>) }
    } catch (error) {
      warnings.push(
        problem(
          'wandb/summary-json',
          `files/wandb-summary.json could not be read (${(error as Error).message}); using the summary from the .wandb log.`
        )
      )
    }
  }
  return run
}
