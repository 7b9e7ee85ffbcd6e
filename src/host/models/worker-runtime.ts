/**
 * What the inference worker does, as a class that also runs in-process (unit
 * tests, benchmarks): owns onnxruntime-node sessions (created on first use,
 * cached per model revision), builds the feeds (tokenize / decode+preprocess /
 * encode features), runs, and turns outputs into ranked labels.
 * See inference.worker.ts for the process entry.
 */
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { ApiError } from '../../shared/api'
import type { GraphEdits, GraphRun, ParityReport, PredictInput, Prediction } from '../../shared/types'
import { GraphInputError } from '../../core/models/graph-edits'
import { GraphRunner } from './graph-runner'
import { preprocessImage } from '../../core/models/image'
import { cleanOrtMessage } from '../../core/models/manifest-checks'
import { exposeZipMapInput } from '../../core/models/onnx-proto'
import { rankLabels } from '../../core/models/postprocess'
import { intraOpThreads } from '../../core/models/session-options'
import type { ModelSpec } from '../../core/models/spec'
import { encodeFeatures, FeatureError } from '../../core/models/tabular'
import { TextFeedEncoder, TextInputError } from '../../core/models/text'
import { decodeImageInput, isImageFileName } from './image-decode'
import { numbers, runParity } from './parity-runner'
import type { WorkerRequest, WorkerResponse } from './worker-protocol'
import { runProbe } from '../probe/probe-runner'

interface Loaded {
  revision: string
  session: ort.InferenceSession
  text?: TextFeedEncoder
  graph?: GraphRunner
}

const TASK_INPUT: Record<ModelSpec['task'], { key: 'text' | 'image' | 'features' | 'node'; noun: string }> = {
  'text-classification': { key: 'text', noun: 'text ({ "text": "…" })' },
  'image-classification': { key: 'image', noun: 'an image ({ "image": "<base64 PNG/JPEG>" })' },
  'tabular-classification': { key: 'features', noun: 'features ({ "features": { … } })' },
  'node-classification': { key: 'node', noun: 'a node id ({ "node": 123 }, optionally with "edits")' }
}

/** Turns any error into the wire error; user-input errors are 400, runtime failures 500. */
export function toWireError(error: unknown): { code: ApiError['code']; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  if (error instanceof FeatureError || error instanceof TextInputError || error instanceof GraphInputError) return { code: 'bad_request', message: error.message }
  return { code: 'runtime', message: `ONNX Runtime failed: ${cleanOrtMessage((error as Error)?.message ?? String(error))}` }
}

/** Runs models; one instance per worker process. */
export class InferenceRuntime {
  private readonly sessions = new Map<string, Loaded>()
  private readonly loading = new Map<string, Promise<Loaded>>()

  /** Handles one protocol message; never throws. */
  async handle(request: WorkerRequest): Promise<WorkerResponse> {
    try {
      switch (request.type) {
        case 'load': {
          const started = performance.now()
          await this.load(request.spec)
          return { id: request.id, ok: true, value: { loadMs: performance.now() - started } }
        }
        case 'predict':
          return { id: request.id, ok: true, value: await this.predict(request.spec, request.input) }
        case 'parity':
          return { id: request.id, ok: true, value: await this.parity(request.spec) }
        case 'graph-run':
          return { id: request.id, ok: true, value: await this.graphRun(request.spec, request.edits) }
        case 'probe':
          return { id: request.id, ok: true, value: await runProbe(request.spec, await this.load(request.spec), request.job) }
      }
    } catch (error) {
      return { id: request.id, ok: false, error: toWireError(error) }
    }
  }

  /** Creates (or returns the cached) session for a model revision. */
  async load(spec: ModelSpec): Promise<Loaded> {
    const cached = this.sessions.get(spec.id)
    if (cached && cached.revision === spec.revision) return cached
    const key = `${spec.id}@${spec.revision}`
    let pending = this.loading.get(key)
    if (!pending) {
      pending = this.create(spec).finally(() => this.loading.delete(key))
      this.loading.set(key, pending)
    }
    const loaded = await pending
    if (cached && cached !== loaded) void cached.session.release().catch(() => undefined)
    this.sessions.set(spec.id, loaded)
    return loaded
  }

  private async create(spec: ModelSpec): Promise<Loaded> {
    let bytes: Uint8Array = await readFile(spec.modelFile)
    if (spec.exposeZipMap) bytes = exposeZipMapInput(bytes, spec.outputName)
    let session: ort.InferenceSession
    try {
      session = await ort.InferenceSession.create(bytes, {
        graphOptimizationLevel: 'all',
        intraOpNumThreads: intraOpThreads(bytes.length, availableParallelism(), process.env['DEMODECK_ORT_THREADS'])
      })
    } catch (error) {
      throw new ApiError('unprocessable', `ONNX Runtime cannot load the model: ${cleanOrtMessage((error as Error).message)}`)
    }
    const loaded: Loaded = { revision: spec.revision, session }
    if (spec.graph) {
      try {
        loaded.graph = await GraphRunner.load(spec)
      } catch (error) {
        void session.release().catch(() => undefined)
        throw error
      }
    }
    if (spec.text) {
      let tokenizerJson: object
      try {
        tokenizerJson = JSON.parse(await readFile(spec.text.tokenizerFile, 'utf8')) as object
        loaded.text = new TextFeedEncoder(tokenizerJson, spec.text.tokenizerConfig, spec.inputs.map((i) => i.name), spec.text.maxLength, spec.text.padTo)
      } catch (error) {
        void session.release().catch(() => undefined)
        throw new ApiError('unprocessable', `the tokenizer cannot be loaded: ${(error as Error).message}`)
      }
    }
    return loaded
  }

  /** Builds the feeds for one high-level input. */
  async feeds(spec: ModelSpec, input: PredictInput, loaded?: Loaded): Promise<Record<string, ort.Tensor>> {
    const expected = TASK_INPUT[spec.task]
    if (!(expected.key in input)) {
      const got = Object.keys(input)[0] ?? 'nothing'
      throw new ApiError('bad_request', `model "${spec.id}" is a ${spec.task.replace('-', ' ')} model: send ${expected.noun}, not ${got}`)
    }
    if ('text' in input) {
      const encoder = (loaded ?? (await this.load(spec))).text
      if (!encoder) throw new ApiError('unprocessable', 'the model has no tokenizer')
      const { feeds, length } = encoder.encode(input.text)
      const out: Record<string, ort.Tensor> = {}
      for (const [name, data] of Object.entries(feeds)) out[name] = new ort.Tensor('int64', data, [1, length])
      return out
    }
    if ('image' in input) {
      const image = spec.image!
      let source = input.image
      // An example's file name ("examples/0.png") is read from the model folder.
      if (isImageFileName(source)) {
        try {
          source = (await readFile(join(spec.dir, source))).toString('base64')
        } catch {
          throw new ApiError('bad_request', `the model folder has no image "${source}"`)
        }
      }
      // Stored pixels plus their EXIF orientation: preprocessing resizes before it turns the photo upright.
      const rgba = await decodeImageInput(source, { upright: false })
      const data = preprocessImage(rgba, image.pipeline, image.layout)
      return { [image.inputName]: new ort.Tensor('float32', data, image.layout.dims) }
    }
    if ('node' in input) {
      // Graph models: the whole (edited) graph is the input (reference samples carry { node, edits }).
      const graph = (loaded ?? (await this.load(spec))).graph
      if (!graph) throw new ApiError('bad_request', `model "${spec.id}" is not a graph model`)
      return graph.tensors(spec, input.edits)
    }
    const tabular = spec.tabular!
    return { [tabular.inputName]: new ort.Tensor('float32', encodeFeatures(tabular.features, input.features), tabular.dims) }
  }

  /** Runs one prediction; latency covers preprocessing, the run and postprocessing. */
  async predict(spec: ModelSpec, input: PredictInput): Promise<Prediction> {
    const loaded = await this.load(spec)
    if (process.env.DEMODECK_WORKER_TEST_HOOKS === '1' && 'text' in input) {
      // Test hooks (off unless the env var is set): die like a native crash would, or hang like a stuck native run.
      if (input.text === '__demodeck_test_crash__') process.exit(70)
      if (input.text === '__demodeck_test_hang__') for (;;);
    }
    if ('node' in input) {
      if (!loaded.graph) throw new ApiError('bad_request', `model "${spec.id}" is a ${spec.task.replace('-', ' ')} model: send ${TASK_INPUT[spec.task].noun}, not node`)
      return loaded.graph.predict(loaded.session, spec, input.node, input.edits)
    }
    const started = performance.now()
    const feeds = await this.feeds(spec, input, loaded)
    const result = await loaded.session.run(feeds, [spec.outputName])
    const output = result[spec.outputName]!
    const values = numbers(output.data)
    const classes = output.dims[output.dims.length - 1] ?? values.length
    const predictions = rankLabels(spec.outputKind, values.slice(0, classes), spec.labels)
    return { predictions, latencyMs: performance.now() - started }
  }

  /** Runs a graph model on its whole graph after optional what-if edits. */
  async graphRun(spec: ModelSpec, edits?: GraphEdits): Promise<GraphRun> {
    const loaded = await this.load(spec)
    if (!loaded.graph) throw new ApiError('bad_request', `model "${spec.id}" is not a graph model`)
    return loaded.graph.run(loaded.session, spec, edits)
  }

  /** Runs reference.json through the same session and preprocessing (see parity-runner.ts). */
  async parity(spec: ModelSpec): Promise<ParityReport> {
    if (!spec.referenceFile) throw new ApiError('not_found', `model "${spec.id}" has no reference.json with parity samples`)
    const loaded = await this.load(spec)
    return runParity(spec, loaded.session, (input) => this.feeds(spec, input, loaded))
  }
}
