/**
 * Resolves a model folder's parsed files (either layout) plus its ONNX summary
 * into two things: the `ModelInfo` the UI lists (always, with problems when the
 * folder is broken) and the `ModelSpec` the inference worker runs (only when
 * nothing is wrong). Every manifest/model mismatch is found here, before the
 * runtime sees the model, so the user gets one readable sentence per problem.
 */
import type { ExampleInput, ModelInfo, ModelTask, OutputKind, Problem, TabularFeature, TensorInfo } from '../../shared/types'
import type { Graph } from './graph'
import { resolveGraphModel, type GraphFileContents, type GraphModelSpec } from './graph-spec'
import { imageLayoutFromShape, type ImageTensorLayout } from './image'
import {
  hfConfigSchema,
  hfExtrasSchema,
  hfLabels,
  hfPreprocessorSchema,
  modelManifestSchema,
  tokenizerConfigSchema
} from './manifest'
import { pipelineFromHf, pipelineFromManifest, type ImagePipeline } from './image-pipeline'
import type { OnnxSummary } from './onnx-proto'
import { checkManifest } from './manifest-checks'
import { guessTask } from './manifest-draft'
import { encodedLength } from './tabular'
import { resolveMaxLength } from './text'
import { checkTextInputs, pickOutput, singleFloatInput, tensorInfos } from './spec-io'
import { describeFeature, describeImage, describeTokenizer } from './spec-describe'
import type { z } from 'zod'
import { parseEndpointConfig } from '../endpoint/config'

/**
 * Takes the `endpoint` block out of a manifest before the strict parse: a broken endpoint is a
 * warning (the demo still runs locally), never a reason the model cannot run.
 */
function splitEndpoint(raw: unknown): { rest: unknown; endpoint: unknown } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !('endpoint' in raw)) return { rest: raw, endpoint: undefined }
  const { endpoint, ...rest } = raw as Record<string, unknown>
  return { rest, endpoint }
}

/** What the worker needs to run one model; plain JSON so it can cross the process boundary. */
export interface ModelSpec {
  id: string
  /** Absolute path of the model folder (example image files are read from it). */
  dir: string
  /** Absolute path of the ONNX file. */
  modelFile: string
  /** Changes when the file changes (size + mtime), so the worker reloads its session. */
  revision: string
  task: ModelTask
  labels: string[]
  outputKind: OutputKind
  /** Output to read: a graph output, or the tensor feeding a ZipMap (see `exposeZipMap`). */
  outputName: string
  /** Set when `outputName` is a ZipMap's input that must be exposed as an extra graph output. */
  exposeZipMap: boolean
  inputs: TensorInfo[]
  text?: { tokenizerFile: string; tokenizerConfig: Record<string, unknown>; maxLength: number; padTo: number | null }
  image?: { inputName: string; pipeline: ImagePipeline; layout: ImageTensorLayout }
  tabular?: { inputName: string; features: TabularFeature[]; dims: number[] }
  graph?: GraphModelSpec
  /** Absolute path of reference.json when the folder has one. */
  referenceFile?: string
}

/** A parsed JSON file, or why it could not be parsed. */
export type JsonFile = { ok: true; value: unknown } | { ok: false; error: string }

/** A model folder as read from disk (host/models/model-folder.ts builds it). */
export interface FolderContents {
  id: string
  /** Absolute folder path, used to build absolute file paths. */
  dir: string
  /** File names present (relative, '/' separators), e.g. 'model.onnx', 'onnx/model.onnx'. */
  files: string[]
  /** Parsed JSON files by relative name (only the ones demodeck reads). */
  json: Record<string, JsonFile>
  /** The ONNX file that was read, its summary or decode error. */
  onnx: { file: string; revision: string; sizeBytes: number; summary: OnnxSummary | null; error?: string } | null
  /** Node-classification models: the graph file named by model.json, as read. */
  graph?: GraphFileContents
}

/** Result of resolving a folder. */
export interface ResolvedModel {
  info: ModelInfo
  spec: ModelSpec | null
  /** Readable preprocessing steps for the model card. */
  preprocessing: Array<{ step: string; detail: string }>
  onnx: FolderContents['onnx']
  /** Node-classification models: the checked graph (the host serves it for drawing). */
  graph?: Graph
}

const join = (dir: string, file: string): string => `${dir.replace(/[\\/]+$/, '')}/${file}`

function describeZod(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ')
}

/** Which ONNX file a folder uses, in order of preference. */
export function onnxFileOf(files: string[], manifestModel?: string): string | null {
  if (manifestModel) return files.includes(manifestModel) ? manifestModel : null
  return ['model.onnx', 'onnx/model.onnx'].find((f) => files.includes(f)) ?? null
}

/**
 * Resolves a folder. Never throws: every problem becomes an entry in
 * `info.errors` (cannot predict) or `info.warnings` (can).
 */
export function resolveModel(folder: FolderContents): ResolvedModel {
  const errors: Problem[] = []
  const warnings: Problem[] = []
  const problem = (code: string, message: string, file?: string): void => {
    errors.push({ code, message, ...(file ? { file: `models/${folder.id}/${file}` } : {}) })
  }
  const json = (name: string): unknown => {
    const f = folder.json[name]
    if (!f) return undefined
    if (!f.ok) {
      problem('model/json', `${name} is not valid JSON: ${f.error}`, name)
      return undefined
    }
    return f.value
  }

  const layout: 'hf' | 'manifest' = folder.files.includes('model.json') ? 'manifest' : 'hf'
  let name = folder.id
  let task: ModelTask = 'text-classification'
  let labels: string[] = []
  let outputKind: OutputKind = 'logits'
  let wantedOutput: string | undefined
  let examples: ExampleInput[] = []
  let description: string | undefined
  let runs: string[] | undefined
  let compare: string | undefined
  let features: TabularFeature[] | undefined
  let pipeline: ImagePipeline | null = null
  let manifestImage: { width?: number; height?: number; channels?: 1 | 3; layout?: 'NCHW' | 'NHWC' } = {}
  let tokenizerFile: string | null = null
  let manifestMaxLength: number | undefined
  let modelFileName: string | undefined
  let graphConfig: { file: string; featuresInput: string; edgesInput: string } | undefined
  let known = true
  let referenceName: string | undefined
  let endpointRaw: unknown

  if (layout === 'manifest') {
    const split = splitEndpoint(json('model.json'))
    endpointRaw = split.endpoint
    const parsed = modelManifestSchema.safeParse(split.rest)
    if (!parsed.success) {
      if (folder.json['model.json']?.ok) problem('model/manifest', `model.json is invalid: ${describeZod(parsed.error)}`, 'model.json')
      known = false
    } else {
      const m = parsed.data
      name = m.name
      task = m.task
      labels = m.labels
      outputKind = m.output
      wantedOutput = m.outputName
      examples = m.examples
      description = m.description
      runs = m.runs
      compare = m.compare
      modelFileName = m.model
      if (m.task === 'text-classification') {
        tokenizerFile = m.text?.tokenizer ?? 'tokenizer.json'
        manifestMaxLength = m.text?.maxLength
      }
      if (m.image) {
        pipeline = pipelineFromManifest(m.image)
        manifestImage = { width: m.image.width, height: m.image.height, channels: m.image.channels, layout: m.image.layout }
      }
      if (m.tabular) features = m.tabular.features as TabularFeature[]
      if (m.graph) graphConfig = m.graph
      referenceName = m.reference
      for (const f of checkManifest(m, folder.onnx?.summary ?? null, folder.files)) {
        if (f.level === 'error') problem(f.code, f.message, 'model.json')
        else warnings.push({ code: f.code, message: f.message, file: `models/${folder.id}/model.json` })
      }
    }
  } else {
    const extrasSplit = splitEndpoint(json('demodeck.json'))
    endpointRaw = extrasSplit.endpoint
    const extrasRaw = extrasSplit.rest
    const extras = extrasRaw === undefined ? undefined : hfExtrasSchema.safeParse(extrasRaw)
    if (extras && !extras.success) problem('model/extras', `demodeck.json is invalid: ${describeZod(extras.error)}`, 'demodeck.json')
    const ex = extras?.success ? extras.data : undefined
    name = ex?.name ?? folder.id
    description = ex?.description
    examples = ex?.examples ?? []
    runs = ex?.runs
    compare = ex?.compare
    manifestMaxLength = ex?.maxLength
    const configRaw = json('config.json')
    if (configRaw === undefined) {
      if (!folder.json['config.json']) {
        const onnxFile = folder.files.find((f) => f.endsWith('.onnx'))
        // Never label a bare ONNX file "text classification": say what its inputs look like and what is missing.
        const guess = folder.onnx?.summary ? guessTask(folder.onnx.summary) : null
        if (guess?.task) task = guess.task
        problem(
          'model/no-config',
          onnxFile
            ? `this folder has ${onnxFile} but no model.json (demodeck manifest) or config.json (Hugging Face export)${guess ? `; it looks like ${guess.task ? `${guess.task.startsWith('image') ? 'an' : 'a'} ${guess.task.replace('-', ' ')} model: ${guess.reason}` : `no model demodeck runs: ${guess.reason}`}` : ''}. Run \`npm run add-model -- models/${folder.id}/${onnxFile} --deck <this deck's folder>\` in the demodeck folder to write a model.json draft`
            : 'this folder has no model.json and no config.json, so it is not a model folder'
        )
      }
      known = false
    } else {
      const config = hfConfigSchema.safeParse(configRaw)
      if (!config.success) {
        problem('model/config', `config.json is invalid: ${describeZod(config.error)}`, 'config.json')
        known = false
      } else {
        try {
          labels = hfLabels(config.data)
        } catch (error) {
          problem('model/config', (error as Error).message, 'config.json')
          known = false
        }
        outputKind = ex?.output ?? (config.data.problem_type === 'multi_label_classification' ? 'sigmoid' : 'logits')
      }
    }
    if (folder.files.includes('tokenizer.json')) {
      task = 'text-classification'
      tokenizerFile = 'tokenizer.json'
    } else if (folder.files.includes('preprocessor_config.json')) {
      task = 'image-classification'
      const pre = hfPreprocessorSchema.safeParse(json('preprocessor_config.json'))
      if (pre.success) pipeline = pipelineFromHf(pre.data, ex)
      else if (folder.json['preprocessor_config.json']?.ok) {
        problem('model/preprocessor', `preprocessor_config.json is invalid: ${describeZod(pre.error)}`, 'preprocessor_config.json')
      }
    } else if (known) {
      problem(
        'model/missing-tokenizer',
        'cannot tell the task: a Hugging Face text model needs tokenizer.json (missing tokenizer), an image model preprocessor_config.json'
      )
      known = false
    }
  }

  const onnxName = onnxFileOf(folder.files, modelFileName)
  const summary = folder.onnx?.summary ?? null
  if (!onnxName) {
    if (layout === 'hf' && !folder.json['config.json'] && !folder.files.some((f) => f.endsWith('.onnx'))) {
      // already reported as "not a model folder"
    } else {
      problem('model/no-onnx', modelFileName ? `model.json names "${modelFileName}", which does not exist` : 'no model.onnx or onnx/model.onnx in this folder')
    }
  } else if (folder.onnx?.error || !summary) {
    problem('model/onnx-invalid', `${onnxName}: ${folder.onnx?.error ?? 'could not be read'}`, onnxName)
  } else if (summary.externalData.length) {
    warnings.push({ code: 'model/external-data', message: `weights are stored outside the ONNX file (${summary.externalData.join(', ')})` })
  }

  let endpoint: ModelInfo['endpoint']
  if (endpointRaw !== undefined) {
    const file = layout === 'manifest' ? 'model.json' : 'demodeck.json'
    const parsed = parseEndpointConfig(endpointRaw)
    if (parsed.ok) endpoint = { url: parsed.config.url, timeoutMs: parsed.config.timeoutMs }
    else warnings.push({ code: 'model/endpoint', message: `the endpoint in ${file} is ignored: ${parsed.message}`, file: `models/${folder.id}/${file}` })
  }

  const info: ModelInfo = {
    id: folder.id,
    name,
    task,
    labels,
    inputs: summary ? tensorInfos(summary.inputs) : [],
    outputs: summary ? tensorInfos(summary.outputs) : [],
    layout,
    outputKind,
    examples,
    warnings,
    errors,
    ...(features ? { features } : {}),
    ...(description ? { description } : {}),
    ...(runs ? { runs } : {}),
    ...(compare ? { compare } : {}),
    ...(endpoint ? { endpoint } : {})
  }
  const preprocessing: Array<{ step: string; detail: string }> = []
  const base = { info, spec: null, preprocessing, onnx: folder.onnx }
  if (!summary || !known || errors.length) return base

  // Inputs are checked first (below), so their problems are listed before output ones.
  const outputProblems: Array<[string, string]> = []
  const output = pickOutput(summary, labels, wantedOutput, (code, message) => outputProblems.push([code, message]))
  const spec: ModelSpec = {
    id: folder.id,
    dir: folder.dir,
    modelFile: join(folder.dir, onnxName!),
    revision: folder.onnx!.revision,
    task,
    labels,
    outputKind,
    outputName: output?.name ?? '',
    exposeZipMap: output?.exposeZipMap ?? false,
    inputs: info.inputs,
    ...(folder.files.includes(referenceName ?? 'reference.json') ? { referenceFile: join(folder.dir, referenceName ?? 'reference.json') } : {})
  }
  if (output?.exposeZipMap) {
    preprocessing.push({ step: 'Output', detail: `class probabilities read from "${output.name}", the tensor behind the ZipMap` })
  }
  const inputs = summary.inputs

  if (task === 'text-classification') {
    if (!tokenizerFile || !folder.files.includes(tokenizerFile)) {
      problem('model/missing-tokenizer', `the tokenizer file "${tokenizerFile ?? 'tokenizer.json'}" is missing (missing tokenizer)`)
    } else if (!folder.json[tokenizerFile]?.ok) {
      problem('model/tokenizer', `${tokenizerFile} is not valid JSON`, tokenizerFile)
    } else if (checkTextInputs(inputs, problem)) {
      const tc = folder.json['tokenizer_config.json']
      const tokenizerConfig = tc?.ok ? tokenizerConfigSchema.safeParse(tc.value) : null
      const cfg = (tokenizerConfig?.success ? tokenizerConfig.data : {}) as Record<string, unknown>
      const ids = inputs.find((i) => i.name === 'input_ids')!
      const seqDim = ids.shape[1]
      const maxLength = resolveMaxLength({
        manifest: manifestMaxLength,
        tokenizerConfig: cfg as { model_max_length?: number },
        tokenizerJson: (folder.json[tokenizerFile] as { value: { truncation?: { max_length?: number } } }).value,
        onnxDim: seqDim ?? null
      })
      const padTo = typeof seqDim === 'number' && seqDim > 0 ? seqDim : null
      spec.text = { tokenizerFile: join(folder.dir, tokenizerFile), tokenizerConfig: cfg, maxLength: padTo ? Math.min(maxLength, padTo) : maxLength, padTo }
      preprocessing.push(
        { step: 'Tokenize', detail: `${tokenizerFile} (${describeTokenizer(folder.json[tokenizerFile])})` },
        { step: 'Truncate', detail: `at most ${spec.text.maxLength} tokens${padTo ? `, padded to ${padTo}` : ''}` },
        { step: 'Inputs', detail: inputs.map((i) => `${i.name} int64[${i.shape.join(', ')}]`).join(', ') }
      )
    }
  } else if (task === 'image-classification') {
    const input = singleFloatInput(inputs, 'image', problem)
    if (input && pipeline) {
      try {
        const meanLength = pipeline.mean?.length
        const tensorLayout = imageLayoutFromShape(input.shape, {
          ...manifestImage,
          width: manifestImage.width ?? pipeline.crop?.width ?? (pipeline.resize?.mode === 'stretch' ? pipeline.resize.width : undefined),
          height: manifestImage.height ?? pipeline.crop?.height ?? (pipeline.resize?.mode === 'stretch' ? pipeline.resize.height : undefined),
          ...(meanLength ? { meanLength } : {})
        })
        spec.image = { inputName: input.name, pipeline, layout: tensorLayout }
        info.image = {
          width: tensorLayout.width,
          height: tensorLayout.height,
          channels: tensorLayout.channels,
          background: pipeline.background,
          ...(pipeline.invert ? { invert: true } : {})
        }
        preprocessing.push(...describeImage(pipeline, tensorLayout))
      } catch (error) {
        problem('model/input-rank', (error as Error).message)
      }
    } else if (input && !pipeline) {
      problem('model/preprocessor', 'the image preprocessing is not configured')
    }
  } else if (task === 'node-classification') {
    const resolved = graphConfig ? resolveGraphModel(graphConfig, folder.graph, inputs, labels.length, problem) : null
    if (resolved) {
      const { fileName, ...rest } = resolved.spec
      spec.graph = { file: join(folder.dir, fileName), ...rest }
      info.graph = resolved.summary
      preprocessing.push(...resolved.preprocessing)
      for (const [code, message] of outputProblems) problem(code, message)
      if (errors.length) return base
      return { info, spec, preprocessing, onnx: folder.onnx, graph: resolved.graph }
    }
  } else {
    const input = singleFloatInput(inputs, 'tabular', problem)
    if (input && features) {
      const width = encodedLength(features)
      if (input.shape.length !== 2) {
        problem('model/input-rank', `input "${input.name}" has rank ${input.shape.length} (shape [${input.shape.join(', ')}]); tabular models take [batch, features]`)
      } else if (typeof input.shape[1] === 'number' && input.shape[1] !== width) {
        problem('model/features-mismatch', `input "${input.name}" takes ${input.shape[1]} values but the ${features.length} features encode to ${width}`)
      } else {
        spec.tabular = { inputName: input.name, features, dims: [1, width] }
        for (const f of features) preprocessing.push({ step: f.name, detail: describeFeature(f) })
      }
    }
  }
  for (const [code, message] of outputProblems) problem(code, message)
  if (errors.length) return base
  return { info, spec, preprocessing, onnx: folder.onnx }
}
