/**
 * The host side of the preflight: gathers the facts the pure checks need
 * (slide sources, file sizes, models loaded and run in the inference worker
 * with their parity, runs, the shared clock state) and runs them. Serves
 * `deck:check` and `npm run check` alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Deck, ModelInfo, PredictInput, RunInfo, SyncState } from '../../shared/types'
import type { LayoutMeasurement, PreflightReport } from '../../shared/preflight'
import type { SourceFile } from '../../core/deck/parse-deck'
import type { ModelTrial, PreflightFacts } from '../../core/preflight/facts'
import { runPreflight } from '../../core/preflight/checks'
import { deckModelIds } from '../../core/deck/deck-models'
import { decodeText, listSlideFiles, MAX_SLIDE_FILE_BYTES } from '../deck/load-deck'
import type { ModelServiceApi, RunsServiceApi } from '../services'
import { tryProjectFiles } from './project-files'

/** Most files looked at per deck area: a runs/ folder with a million files must not stall the check. */
const MAX_FILES = 20_000

export interface DeckCheckInput {
  deckRoot: string
  deck: Deck
  models: ModelServiceApi
  runs: RunsServiceApi
  /** The app's shared state, or null when no app is running (the CLI). */
  sync: SyncState | null
  layout?: LayoutMeasurement[] | undefined
  layoutNote?: string | undefined
  now?: number
}

/** Slide files as text (what the parser read), in presentation order. */
export function readSources(deckRoot: string): SourceFile[] {
  const dir = join(deckRoot, 'slides')
  try {
    return listSlideFiles(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).size > MAX_SLIDE_FILE_BYTES) return []
      return [{ path: `slides/${name}`, text: decodeText(readFileSync(path), `slides/${name}`).text }]
    })
  } catch {
    return []
  }
}

/** Files under slides/ and models/ with their sizes (paths relative to the deck, `/`-separated; no dotfiles). */
export function listDeckFiles(deckRoot: string): Array<{ path: string; bytes: number }> {
  const out: Array<{ path: string; bytes: number }> = []
  const walk = (relative: string): void => {
    let entries
    try {
      entries = readdirSync(join(deckRoot, relative), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (out.length >= MAX_FILES || entry.name.startsWith('.')) continue
      const path = `${relative}/${entry.name}`
      if (entry.isDirectory()) {
        if (!(relative.startsWith('models') && entry.name === 'runs')) walk(path)
      } else if (entry.isFile()) {
        try {
          out.push({ path, bytes: statSync(join(deckRoot, path)).size })
        } catch {
          // vanished while listing
        }
      }
    }
  }
  walk('slides')
  walk('models')
  return out
}

/** The input a model's first example gives, when it can be sent as is (text, tabular features, data-URL image). */
function firstExampleInput(model: ModelInfo): PredictInput | null {
  const example = model.examples[0]
  if (model.task === 'text-classification') return { text: example?.text ?? 'A quick check sentence.' }
  if (model.task === 'tabular-classification') {
    const defaults = Object.fromEntries((model.features ?? []).map((f) => [f.name, f.default ?? null]))
    return { features: { ...defaults, ...(example?.features ?? {}) } }
  }
  if (example?.image?.startsWith('data:')) return { image: example.image }
  return null
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Loads each model the slides use in the worker: parity when reference.json exists, and one prediction. */
export async function tryModels(models: ModelServiceApi, ids: string[], list: ModelInfo[]): Promise<ModelTrial[]> {
  const trials: ModelTrial[] = []
  for (const id of ids) {
    const model = list.find((m) => m.id === id)
    if (!model || model.errors.length > 0) continue
    const trial: ModelTrial = { id }
    try {
      trial.parity = await models.parity(id)
    } catch (error) {
      if (/no reference\.json/.test(message(error))) trial.noReference = true
      else trial.parityError = message(error)
    }
    const input = firstExampleInput(model)
    if (input) {
      try {
        const top = (await models.predict(id, input)).predictions[0]
        if (top) trial.prediction = { label: top.label, score: top.score }
      } catch (error) {
        trial.predictionError = message(error)
      }
    }
    trials.push(trial)
  }
  return trials
}

/** Gathers the facts and runs the preflight. Never throws: a failing service becomes an error in the report. */
export async function checkDeck(input: DeckCheckInput): Promise<PreflightReport> {
  let models: ModelInfo[] | null = null
  let runs: RunInfo[] | null
  const facts: PreflightFacts = {
    deck: input.deck,
    sources: readSources(input.deckRoot),
    files: listDeckFiles(input.deckRoot),
    models: null,
    trials: [],
    runs: null,
    layout: input.layout && input.layout.length > 0 ? input.layout : null,
    sync: input.sync,
    now: input.now ?? Date.now()
  }
  if (input.layoutNote) facts.layoutNote = input.layoutNote
  facts.projectFiles = tryProjectFiles(input.deckRoot, input.deck)
  try {
    models = await input.models.list()
    facts.models = models
  } catch (error) {
    facts.modelsError = message(error)
  }
  try {
    runs = await input.runs.list()
    facts.runs = runs
  } catch (error) {
    facts.runsError = message(error)
  }
  if (models) facts.trials = await tryModels(input.models, deckModelIds(input.deck), models)
  return runPreflight(facts)
}
