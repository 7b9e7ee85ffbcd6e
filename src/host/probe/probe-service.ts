/**
 * The robustness probe on the host: checks a request against the catalog and
 * the model (unknown perturbation, strength out of range, wrong input kind),
 * sends the sweep to the model's inference worker and reads the answer.
 *
 * [Note: a set is probed one input at a time]
 * `probe:set` sends one worker request per input (each a batched sweep), not
 * one request for the whole set: the worker answers them in order, so a live
 * prediction typed meanwhile waits for one sweep of one input (a few ms), never
 * for the whole set.
 */
import { ApiError } from '../../shared/api'
import type { ProbeResult, ProbeSetResult } from '../../shared/probe-types'
import type { ModelInfo, PredictInput } from '../../shared/types'
import { checkProbeRequest, findPerturbation, strengthGrid } from '../../core/probe/catalog'
import { exampleTruth, setCurves, summarizeSweep } from '../../core/probe/sweep'
import { summarizeInput } from '../../core/probe/prediction-log'
import type { ModelServiceApi } from '../services'

/** Strengths in one sweep at most. */
export const MAX_PROBE_STRENGTHS = 64
/** Inputs in one `probe:set` at most. */
export const MAX_PROBE_SET = 200
/** Default steps of a sweep. */
export const DEFAULT_STEPS = 20
/** Default seed, so an unseeded sweep is still reproducible. */
export const DEFAULT_SEED = 14

/** What both probe calls take. */
export interface SweepOptions {
  perturbation: string
  strengths?: number[] | undefined
  steps?: number | undefined
  from?: number | undefined
  to?: number | undefined
  seed?: number | undefined
  feature?: string | undefined
}

/** The fields that say which sweep a result is, the same for one input and for a set. */
function resultHead(id: string, options: SweepOptions, seed: number): Pick<ProbeResult, 'model' | 'perturbation' | 'unit' | 'seed' | 'feature'> {
  return {
    model: id,
    perturbation: options.perturbation,
    unit: findPerturbation(options.perturbation)!.unit,
    seed,
    ...(options.feature !== undefined ? { feature: options.feature } : {})
  }
}

/** Runs probe sweeps through the model service. */
export class ProbeService {
  constructor(private readonly models: ModelServiceApi) {}

  private async model(id: string): Promise<ModelInfo> {
    const model = (await this.models.list()).find((m) => m.id === id)
    if (!model) throw new ApiError('not_found', `there is no model "${id}"`)
    if (model.errors.length > 0) throw new ApiError('unprocessable', `model "${id}" cannot run: ${model.errors[0]!.message}`)
    return model
  }

  /** The strengths a request asks for, checked against the catalog. */
  private strengths(model: ModelInfo, options: SweepOptions): number[] {
    const info = findPerturbation(options.perturbation)
    let strengths = options.strengths
    if (!strengths) {
      const from = options.from ?? 0
      const to = options.to ?? info?.sweepTo ?? 1
      // Check the ends as the user wrote them, not a grid point between them.
      const ends = checkProbeRequest(model.task, options.perturbation, [from, to])
      if (ends) throw new ApiError('bad_request', ends)
      strengths = strengthGrid(from, to, options.steps ?? DEFAULT_STEPS)
    }
    if (strengths.length > MAX_PROBE_STRENGTHS)
      throw new ApiError('too_large', `a sweep takes at most ${MAX_PROBE_STRENGTHS} strengths, not ${strengths.length}`)
    const problem = checkProbeRequest(model.task, options.perturbation, strengths)
    if (problem) throw new ApiError('bad_request', problem)
    if (info?.perFeature && options.feature !== undefined && !(model.features ?? []).some((f) => f.name === options.feature)) {
      throw new ApiError(
        'bad_request',
        `there is no feature "${options.feature}"; the model has ${(model.features ?? []).map((f) => f.name).join(', ')}`
      )
    }
    return strengths
  }

  /** One input swept over strengths: top label and confidence per strength, and where it flips. */
  async run(id: string, input: PredictInput, options: SweepOptions): Promise<ProbeResult> {
    const model = await this.model(id)
    const strengths = this.strengths(model, options)
    const seed = options.seed ?? DEFAULT_SEED
    const raw = await this.models.probe(id, {
      input,
      perturbation: options.perturbation,
      strengths,
      seed,
      previews: true,
      ...(options.feature !== undefined ? { feature: options.feature } : {})
    })
    const summary = summarizeSweep(strengths, raw.clean, raw.rows, raw.previews)
    return {
      ...resultHead(id, options, seed),
      ...summary,
      batches: raw.batches,
      latencyMs: raw.latencyMs
    }
  }

  /**
   * A set swept over strengths: agreement with each input's clean prediction and, where inputs carry a
   * label the model knows (examples named "a 3"), accuracy. Default set: the model's examples.
   */
  async set(id: string, inputs: PredictInput[] | undefined, options: SweepOptions, signal?: AbortSignal): Promise<ProbeSetResult> {
    const model = await this.model(id)
    const strengths = this.strengths(model, options)
    const seed = options.seed ?? DEFAULT_SEED
    const items = inputs ?? model.examples.map(exampleInput).filter((x): x is PredictInput => x !== null)
    if (items.length === 0) throw new ApiError('bad_request', `model "${id}" has no examples to probe; send "inputs"`)
    if (items.length > MAX_PROBE_SET) throw new ApiError('too_large', `a probe set takes at most ${MAX_PROBE_SET} inputs, not ${items.length}`)
    const names = inputs ? items.map((x) => summarizeInput(x).summary.slice(0, 80)) : model.examples.map((e, i) => e.label ?? `example ${i + 1}`)
    const truths = inputs ? items.map(() => null) : model.examples.map((e) => exampleTruth(e.label, model.labels))
    const started = performance.now()
    const clean: string[] = []
    const tops: string[][] = []
    const flips: ProbeSetResult['flips'] = []
    for (let i = 0; i < items.length; i++) {
      if (signal?.aborted) throw new ApiError('bad_request', 'a newer probe set of this model replaced this one')
      // Each input gets its own seed, so the set is not perturbed in lockstep.
      const raw = await this.models.probe(id, {
        input: items[i]!,
        perturbation: options.perturbation,
        strengths,
        seed: seed + i,
        ...(options.feature !== undefined ? { feature: options.feature } : {})
      })
      const summary = summarizeSweep(strengths, raw.clean, raw.rows)
      clean.push(summary.clean.label)
      tops.push(summary.points.map((p) => p.top.label))
      flips.push({ input: names[i] ?? `input ${i + 1}`, clean: summary.clean.label, flipAt: summary.flip?.strength ?? null })
    }
    const curves = setCurves(clean, tops, truths, strengths.length)
    return {
      ...resultHead(id, options, seed),
      strengths,
      items: items.length,
      ...curves,
      flips,
      latencyMs: performance.now() - started
    }
  }
}

/** An example as a prediction input (image examples by file name, read by the worker from the model folder). */
export function exampleInput(example: ModelInfo['examples'][number]): PredictInput | null {
  if (example.text !== undefined) return { text: example.text }
  if (example.image !== undefined) return { image: example.image }
  if (example.features !== undefined) return { features: example.features }
  return null
}
