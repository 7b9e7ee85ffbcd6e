/**
 * Reads one run source from disk and hands the bytes/text to the pure
 * importers in src/core/metrics. A source that cannot be read at all becomes a
 * run with an error warning instead of an exception, so one broken file never
 * hides the other runs.
 */
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { parseCsvFile } from '../../core/metrics/csv'
import { parseJsonl } from '../../core/metrics/jsonl'
import { parseRunFolder } from '../../core/metrics/run-folder'
import { parseTfEvents } from '../../core/metrics/tfevents'
import { problem, wireValue, type ImportedRun } from '../../core/metrics/types'
import { parseWandbFolder } from '../../core/metrics/wandb-folder'
import type { SourceRef } from './deck-scan'

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return undefined
  }
}

/** Texts of small companion files worth checking for leaked keys. */
export function companionFiles(ref: SourceRef): string[] {
  switch (ref.kind) {
    case 'run-folder':
      return ['run.json', 'config.json', 'summary.json'].map((f) => `${ref.dir}/${f}`)
    case 'wandb-folder':
      return [`${ref.dir}/files/config.yaml`, `${ref.dir}/files/wandb-metadata.json`]
    case 'tfevents':
      return ref.hparams ? [ref.hparams] : []
    default:
      return []
  }
}

/** The runs of a source (a CSV export may hold several). Never throws. */
export async function readSource(ref: SourceRef): Promise<ImportedRun[]> {
  const name = basename(ref.kind === 'csv' || ref.kind === 'jsonl' ? ref.file : ref.dir)
  try {
    switch (ref.kind) {
      case 'run-folder': {
        const input: Parameters<typeof parseRunFolder>[0] = { folderName: name }
        const [runJson, configJson, summaryJson, historyJsonl] = await Promise.all(
          ['run.json', 'config.json', 'summary.json', 'history.jsonl'].map((f) => text(`${ref.dir}/${f}`))
        )
        if (runJson !== undefined) input.runJson = runJson
        if (configJson !== undefined) input.configJson = configJson
        if (summaryJson !== undefined) input.summaryJson = summaryJson
        if (historyJsonl !== undefined) input.historyJsonl = historyJsonl
        return [parseRunFolder(input)]
      }
      case 'wandb-folder': {
        const input: Parameters<typeof parseWandbFolder>[0] = { folderName: name }
        if (ref.wandbFile) input.wandbFile = await readFile(ref.wandbFile)
        const configYaml = await text(`${ref.dir}/files/config.yaml`)
        const summaryJson = await text(`${ref.dir}/files/wandb-summary.json`)
        if (configYaml !== undefined) input.configYaml = configYaml
        if (summaryJson !== undefined) input.summaryJson = summaryJson
        return [parseWandbFolder(input)]
      }
      case 'tfevents': {
        const files = await Promise.all(ref.files.map(async (f) => ({ name: basename(f.path), prefix: f.prefix, bytes: await readFile(f.path) })))
        const run = parseTfEvents(files, { name })
        if (ref.hparams) {
          try {
            const doc: unknown = parseYaml((await text(ref.hparams)) ?? '')
            if (doc && typeof doc === 'object' && !Array.isArray(doc)) run.config = wireValue(doc) as Record<string, unknown>
          } catch (error) {
            run.warnings.push(problem('tfevents/hparams', `hparams.yaml could not be read: ${(error as Error).message}`))
          }
        }
        return [run]
      }
      case 'csv':
        return parseCsvFile(await readFile(ref.file, 'utf8'), basename(ref.file, extname(ref.file)))
      case 'jsonl':
        return [parseJsonl(await readFile(ref.file, 'utf8'), basename(ref.file, extname(ref.file)))]
    }
  } catch (error) {
    return [
      {
        name,
        source: ref.kind === 'csv' ? 'csv' : ref.kind === 'jsonl' ? 'jsonl' : ref.kind === 'tfevents' ? 'tensorboard' : ref.kind === 'wandb-folder' ? 'wandb-file' : 'example',
        rows: [],
        metrics: [],
        config: {},
        summary: {},
        warnings: [problem('runs/unreadable', `This run could not be read: ${(error as Error).message}`)]
      }
    ]
  }
}
