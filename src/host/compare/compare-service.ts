/**
 * The drift check and the model A/B behind `drift:report`, `compare:predict`
 * and `compare:set`: reads the sets, runs them through the models' inference
 * workers (the model service), and hands the answers to the pure builders in
 * core/drift and core/compare.
 *
 * [Note: A/B runs the two models side by side]
 * Each model has its own worker process (see [Note: one worker per model] in
 * models/model-service.ts), so both models of a pair run at the same time and
 * each reports its own in-worker latency: the comparison is of the models,
 * not of who waited in line. Over a set each model keeps a few predictions in
 * flight, which hides the message round trip without changing the latencies
 * the worker measures.
 */
import { ApiError } from '../../shared/api'
import type {
  AbPrediction,
  AbSetReport,
  AbSide,
  DriftReport,
  ModelInfo,
  PredictInput,
  Prediction,
  SetItem,
  SetSource,
  TabularFeature
} from '../../shared/types'
import { agreementOf, buildSetReport } from '../../core/compare/ab'
import { fitToForm } from '../../core/compare/sets'
import { buildDriftReport, type ScoredSet } from '../../core/drift/report'
import type { ModelServiceApi } from '../services'
import { loadSet } from './set-source'

/** "a text classification" / "an image classification". */
function taskNoun(task: ModelInfo['task']): string {
  const words = task.replace('-', ' ')
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`
}

/** Predictions in flight per model while running a set. */
const IN_FLIGHT = 4

/** Counts what `fitToForm` changed over a set, per feature, for the report's notes. */
class FitTally {
  private readonly clamped = new Map<string, number>()
  private readonly filled = new Map<string, number>()
  private readonly unknown = new Map<string, number>()

  input(item: SetItem, features: TabularFeature[] | undefined): PredictInput {
    if ('text' in item) return { text: item.text }
    if ('image' in item) return { image: item.image }
    if (!features) return { features: item.features }
    const fitted = fitToForm(features, item.features)
    for (const name of fitted.clamped) this.clamped.set(name, (this.clamped.get(name) ?? 0) + 1)
    for (const name of fitted.filled) this.filled.set(name, (this.filled.get(name) ?? 0) + 1)
    for (const name of fitted.unknown) this.unknown.set(name, (this.unknown.get(name) ?? 0) + 1)
    return { features: fitted.values }
  }

  /** One sentence per kind of change, naming the features and how many values. */
  notes(setName: string): string[] {
    const list = (counts: Map<string, number>): string => [...counts.entries()].map(([name, n]) => `"${name}" ×${n}`).join(', ')
    const notes: string[] = []
    if (this.clamped.size)
      notes.push(
        `in the ${setName} set, values outside the model's min–max range reached the model at the range's end (as the demo form would send them): ${list(this.clamped)}`
      )
    if (this.filled.size) notes.push(`in the ${setName} set, missing values reached the model as the feature's default: ${list(this.filled)}`)
    if (this.unknown.size) notes.push(`the ${setName} set names features the model does not have (left out): ${list(this.unknown)}`)
    return notes
  }
}

/** Serves drift reports and model comparisons for one deck. */
export class CompareService {
  constructor(
    private readonly deckRoot: string,
    private readonly models: ModelServiceApi
  ) {}

  private async info(id: string): Promise<ModelInfo> {
    const list = await this.models.list()
    const model = list.find((m) => m.id === id)
    if (!model) throw new ApiError('not_found', `there is no model "${id}"${list.length ? `; the deck has ${list.map((m) => m.id).join(', ')}` : ''}`)
    if (model.errors.length > 0) throw new ApiError('unprocessable', `model "${id}" cannot run: ${model.errors[0]!.message}`)
    return model
  }

  /** Both models of a pair, checked to be comparable: same task, same labels. */
  private async pair(id: string, other: string): Promise<[ModelInfo, ModelInfo]> {
    if (id === other) throw new ApiError('bad_request', `compare "${id}" with another model, not with itself`)
    const [a, b] = await Promise.all([this.info(id), this.info(other)])
    if (a.task !== b.task) {
      throw new ApiError(
        'bad_request',
        `"${id}" is ${taskNoun(a.task)} model and "${other}" ${taskNoun(b.task)} model: an A/B needs two models of the same task`
      )
    }
    const key = (labels: string[]): string =>
      [...labels]
        .map((l) => l.toLowerCase())
        .sort()
        .join('\u0000')
    if (key(a.labels) !== key(b.labels)) {
      throw new ApiError(
        'bad_request',
        `"${id}" (${a.labels.join(', ')}) and "${other}" (${b.labels.join(', ')}) predict different labels: an A/B needs the same classes`
      )
    }
    return [a, b]
  }

  private async fileSize(id: string): Promise<number | null> {
    try {
      return await this.models.fileSize(id)
    } catch {
      return null
    }
  }

  /**
   * Runs every item through one model, a few in flight; fails naming the first item that failed.
   * [Note: a failed set stops]
   * After the first failure no lane takes another item (nor do the lanes of a
   * `run` shared with the other model of an A/B): the answer is already an
   * error, and a thousand more predictions would only keep the model's worker
   * busy while the live demo waits behind them.
   */
  private async runSet(model: ModelInfo, items: SetItem[], setName: string, tally = new FitTally(), run = { failed: false }): Promise<Prediction[]> {
    const id = model.id
    const out = new Array<Prediction>(items.length)
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < items.length && !run.failed) {
        const k = next++
        try {
          out[k] = await this.models.predict(id, tally.input(items[k]!, model.features))
        } catch (error) {
          run.failed = true
          const code = error instanceof ApiError ? error.code : 'runtime'
          throw new ApiError(code, `item ${k + 1} of the ${setName} set failed on "${id}": ${(error as Error).message}`)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane))
    return out
  }

  /** The drift report of `current` against `reference` for one model. */
  async drift(id: string, reference: SetSource, current: SetSource): Promise<DriftReport> {
    const started = performance.now()
    const model = await this.info(id)
    const [ref, cur] = await Promise.all([loadSet(this.deckRoot, model, reference, 'reference'), loadSet(this.deckRoot, model, current, 'current')])
    const tallies = { reference: new FitTally(), current: new FitTally() }
    const score = async (set: { name: string; items: SetItem[] }, which: 'reference' | 'current'): Promise<ScoredSet> => {
      const predictions = await this.runSet(model, set.items, which, tallies[which])
      return {
        name: set.name,
        items: set.items.map((item, k) => ({ item, top: predictions[k]!.predictions[0] ?? { label: '', score: 0 } }))
      }
    }
    const refScored = await score(ref, 'reference')
    const curScored = await score(cur, 'current')
    try {
      const report = buildDriftReport(
        { id, task: model.task, labels: model.labels, ...(model.features ? { features: model.features } : {}) },
        refScored,
        curScored,
        performance.now() - started
      )
      report.notes.push(...tallies.reference.notes('reference'), ...tallies.current.notes('current'))
      return report
    } catch (error) {
      throw new ApiError('unprocessable', `the drift report could not be computed: ${(error as Error).message}`)
    }
  }

  /** Both models on one input, at the same time. */
  async predict(id: string, other: string, input: PredictInput): Promise<AbPrediction> {
    const [a, b] = await this.pair(id, other)
    const side = async (model: ModelInfo): Promise<AbSide> => {
      const base = { model: model.id, name: model.name, fileSizeBytes: await this.fileSize(model.id) }
      try {
        return { ...base, prediction: await this.models.predict(model.id, input) }
      } catch (error) {
        // A bad input is the same for both models: say it once, as the request's error.
        if (error instanceof ApiError && error.code === 'bad_request') throw error
        return { ...base, error: (error as Error).message }
      }
    }
    // Both run at once; a bad input is reported as model A's error whichever worker answered first.
    const [settledA, settledB] = await Promise.allSettled([side(a), side(b)])
    if (settledA.status === 'rejected') throw settledA.reason
    if (settledB.status === 'rejected') throw settledB.reason
    const [sideA, sideB] = [settledA.value, settledB.value]
    return {
      a: sideA,
      b: sideB,
      ...(sideA.prediction && sideB.prediction ? { agreement: agreementOf(sideA.prediction, sideB.prediction) } : {})
    }
  }

  /** Both models over one set: accuracy of each (labelled items), agreement, latency. */
  async compareSet(id: string, other: string, source: SetSource): Promise<AbSetReport> {
    const started = performance.now()
    const [a, b] = await this.pair(id, other)
    const set = await loadSet(this.deckRoot, a, source, 'A/B')
    const tally = new FitTally()
    const run = { failed: false }
    const [predA, predB, sizeA, sizeB] = await Promise.all([
      this.runSet(a, set.items, 'A/B', tally, run),
      this.runSet(b, set.items, 'A/B', new FitTally(), run),
      this.fileSize(a.id),
      this.fileSize(b.id)
    ])
    const report = buildSetReport(
      set.name,
      set.items,
      { model: a.id, name: a.name, labels: a.labels, fileSizeBytes: sizeA, predictions: predA },
      { model: b.id, name: b.name, labels: b.labels, fileSizeBytes: sizeB, predictions: predB },
      performance.now() - started
    )
    report.notes.push(...tally.notes('A/B'))
    return report
  }
}
