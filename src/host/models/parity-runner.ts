/**
 * Runs reference.json through a loaded session and measures both parities per
 * sample (see [Note: two parities, one truthful headline] in
 * core/models/parity.ts): ONNX Runtime on the reference feeds vs the
 * framework's outputs, and demodeck's own preprocessing of the sample's input
 * vs the reference feeds and scores. When the preprocessing differs it finds
 * the stage where the difference starts: decode (vs the `stages.decoded` PNG),
 * resize/crop (vs `stages.pixels`), normalize, tokenization or encoding.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { ApiError } from '../../shared/api'
import type { ParityReport, PredictInput, TabularFeature } from '../../shared/types'
import { packPixels, pilPixels, type RgbaImage } from '../../core/models/image'
import { referenceSchema, type Reference, type TensorJson } from '../../core/models/manifest'
import { judgeParity, maxAbsDiff, type SampleMeasure, type StageDifference } from '../../core/models/parity'
import { normalizationCandidates, normalizeBlame, type Normalization } from '../../core/models/normalize-blame'
import { scoresFor } from '../../core/models/postprocess'
import type { ModelSpec } from '../../core/models/spec'
import { featureWidth, FeatureError } from '../../core/models/tabular'
import { TextInputError } from '../../core/models/text'
import { base64Bytes, decodeImage, isImageFileName } from './image-decode'

type Sample = Reference['samples'][number]
type Feeds = Record<string, ort.Tensor>

function tensorFromJson(name: string, t: TensorJson): ort.Tensor {
  const type = t.type ?? 'float32'
  const size = t.dims.reduce((a, b) => a * b, 1)
  if (t.data.length !== size) throw new ApiError('unprocessable', `reference.json: feed "${name}" has ${t.data.length} values for dims [${t.dims.join(', ')}]`)
  switch (type) {
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(t.data, (v) => BigInt(v)), t.dims)
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from(t.data, Number), t.dims)
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(t.data, Number), t.dims)
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(t.data, Number), t.dims)
    default:
      throw new ApiError('unprocessable', `reference.json: feed "${name}" has unsupported type ${type}`)
  }
}

/** Tensor data as plain numbers (int64 included). */
export function numbers(data: ort.Tensor['data']): number[] {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number)
  if (Array.isArray(data)) return data.map(Number)
  return Array.from(data as ArrayLike<number>)
}

/** Reads and validates reference.json. */
export async function readReference(file: string): Promise<Reference> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new ApiError('unprocessable', `reference.json cannot be read: ${(error as Error).message}`)
  }
  const parsed = referenceSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ApiError('unprocessable', `reference.json is invalid: ${parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}

function sampleName(sample: Sample): string {
  if (sample.name) return sample.name
  const input = sample.input
  if (input?.image) return isImageFileName(input.image) ? `\`${input.image}\`` : 'inline image'
  if (input?.text !== undefined) return `"${input.text.length > 32 ? `${input.text.slice(0, 32)}…` : input.text}"`
  return 'features'
}

/** Pixels where any channel differs, and the largest difference, between two decoded images. */
function pixelDiff(a: RgbaImage, b: RgbaImage): { pixels: number; max: number; sizes: boolean } {
  if (a.width !== b.width || a.height !== b.height) return { pixels: 0, max: 0, sizes: false }
  const sa = a.channels ?? 4
  const sb = b.channels ?? 4
  let pixels = 0
  let max = 0
  for (let p = 0; p < a.width * a.height; p++) {
    let differs = false
    for (let k = 0; k < 3; k++) {
      const d = Math.abs(a.data[p * sa + k]! - b.data[p * sb + k]!)
      if (d) differs = true
      if (d > max) max = d
    }
    if (differs) pixels++
  }
  return { pixels, max, sizes: true }
}

/** The model folder's bytes of an image given as a file name or base64. */
async function imageBytes(dir: string, image: string): Promise<Uint8Array> {
  if (!isImageFileName(image)) return base64Bytes(image)
  try {
    return new Uint8Array(await readFile(join(dir, image)))
  } catch {
    throw new ApiError('unprocessable', `reference.json names the image "${image}", which is not in the model folder`)
  }
}

/** Finds the image stage where demodeck's preprocessing starts to differ from the framework's. */
async function imageStage(spec: ModelSpec, sample: Sample, values: number, valueDiff: number): Promise<StageDifference> {
  const image = spec.image!
  const bytes = await imageBytes(spec.dir, sample.input!.image!)
  const ours = await decodeImage(bytes)
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8
  if (sample.stages?.decoded) {
    const theirs = await decodeImage(await imageBytes(spec.dir, sample.stages.decoded))
    const d = pixelDiff(ours, theirs)
    if (!d.sizes) return { stage: 'decode', detail: `decoded as ${ours.width}×${ours.height}, the framework saw ${theirs.width}×${theirs.height} (EXIF orientation?)` }
    if (d.pixels) return { stage: 'decode', detail: `${isJpeg ? 'JPEG' : 'image'} decoded differently at ${d.pixels} pixel${d.pixels === 1 ? '' : 's'}, max ${d.max}/255` }
  }
  if (sample.stages?.pixels && image.pipeline.resample !== undefined) {
    const theirs = await decodeImage(await imageBytes(spec.dir, sample.stages.pixels))
    const mine = pilPixels(ours, image.pipeline, image.layout, image.pipeline.resample)
    if (mine.width !== theirs.width || mine.height !== theirs.height) {
      return { stage: 'resize', detail: `the image is ${mine.width}×${mine.height} after resize and crop, the framework's ${theirs.width}×${theirs.height}` }
    }
    const stride = theirs.channels ?? 4
    let pixels = 0
    let max = 0
    for (let p = 0; p < mine.width * mine.height; p++) {
      let differs = false
      for (let k = 0; k < mine.channels; k++) {
        const d = Math.abs(mine.data[p * mine.channels + k]! - theirs.data[p * stride + k]!)
        if (d) differs = true
        max = Math.max(max, d)
      }
      if (differs) pixels++
    }
    if (pixels) return { stage: 'resize', detail: `after resize and crop ${pixels} of ${mine.width * mine.height} pixels differ, max ${max}/255` }
    return { stage: 'normalize', detail: `the 8-bit pixels match but the model input differs by up to ${valueDiff.toExponential(1)}: check scale, mean, std and channel order` }
  }
  const where = isJpeg && !sample.stages?.decoded ? ' (a JPEG: decoding may differ; the helper writes stage images that pin it down)' : ''
  return { stage: 'preprocessing', detail: `the model input differs at ${values} value${values === 1 ? '' : 's'}, max ${valueDiff.toExponential(1)}${where}` }
}

function textStage(ours: Feeds, theirs: Feeds): StageDifference {
  for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) {
    const a = ours[name]
    const b = theirs[name]
    if (!a || !b) continue
    const x = numbers(a.data)
    const y = numbers(b.data)
    const at = x.findIndex((v, i) => v !== y[i])
    if (at < 0 && x.length === y.length) continue
    const from = at < 0 ? Math.min(x.length, y.length) : at
    const show = (v: number[]) => `[${v.slice(from, from + 4).join(', ')}${v.length > from + 4 ? ', …' : ''}]`
    return {
      stage: 'tokenization',
      detail: `${name} differ from position ${from} (demodeck ${show(x)} of ${x.length}, reference ${show(y)} of ${y.length}): check the tokenizer files and maxLength`
    }
  }
  return { stage: 'tokenization', detail: 'the token tensors differ' }
}

function tabularStage(features: TabularFeature[], ours: number[], theirs: number[], tolerance: number): StageDifference {
  let offset = 0
  for (const f of features) {
    const width = featureWidth(f)
    for (let i = offset; i < offset + width; i++) {
      if (!(Math.abs((ours[i] ?? NaN) - (theirs[i] ?? NaN)) <= tolerance)) {
        return { stage: 'encoding', detail: `feature "${f.name}" encodes to ${ours[i]} here, ${theirs[i]} in the reference: check its encoding, mean and std` }
      }
    }
    offset += width
  }
  return { stage: 'encoding', detail: `the model input has ${ours.length} values, the reference ${theirs.length}` }
}

/**
 * Image samples keep their reference feeds as the 8-bit `stages.pixels` PNG (what ToTensor received), not as
 * megabytes of inline floats: the feeds are that image rescaled and normalized (exact arithmetic).
 */
async function feedsFromPixels(spec: ModelSpec, sample: Sample, normalization?: Normalization): Promise<Feeds | null> {
  if (!spec.image || !sample.stages?.pixels) return null
  const { layout, inputName } = spec.image
  const pipeline = normalization
    ? { ...spec.image.pipeline, scale: normalization.scale, mean: normalization.mean ? [...normalization.mean] : null, std: normalization.std ? [...normalization.std] : null }
    : spec.image.pipeline
  const decoded = await decodeImage(await imageBytes(spec.dir, sample.stages.pixels))
  const stride = decoded.channels ?? 4
  const pixels = new Uint8Array(decoded.width * decoded.height * layout.channels)
  for (let p = 0; p < decoded.width * decoded.height; p++) for (let k = 0; k < layout.channels; k++) pixels[p * layout.channels + k] = decoded.data[p * stride + k]!
  if (decoded.width !== layout.width || decoded.height !== layout.height) {
    throw new ApiError('unprocessable', `reference.json: ${sample.stages.pixels} is ${decoded.width}×${decoded.height}, the model takes ${layout.width}×${layout.height}`)
  }
  const data = packPixels({ width: decoded.width, height: decoded.height, channels: layout.channels, data: pixels }, pipeline, layout)
  return { [inputName]: new ort.Tensor('float32', data, layout.dims) }
}

/** The output row compared as scores: the model's chosen output, else the sample's first. */
function scoreRow(spec: ModelSpec, outputs: Record<string, number[]>): number[] | null {
  const row = outputs[spec.outputName] ?? Object.values(outputs)[0]
  return row && row.length >= spec.labels.length ? row.slice(0, spec.labels.length) : null
}

function topLabel(spec: ModelSpec, scores: number[]): string {
  let best = 0
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i
  return spec.labels[best] ?? String(best)
}

/**
 * Measures every sample of `spec.referenceFile` and judges them.
 * @param feedsFor demodeck's preprocessing (the runtime's `feeds`).
 */
export async function runParity(spec: ModelSpec, session: ort.InferenceSession, feedsFor: (input: PredictInput) => Promise<Feeds>): Promise<ParityReport> {
  if (!spec.referenceFile) throw new ApiError('not_found', `model "${spec.id}" has no reference.json with parity samples`)
  const reference = await readReference(spec.referenceFile)
  const measures: SampleMeasure[] = []
  for (const [i, sample] of reference.samples.entries()) {
    const names = Object.keys(sample.outputs)
    const missing = names.filter((n) => !session.outputNames.includes(n))
    if (missing.length) throw new ApiError('unprocessable', `reference.json names output${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the model does not have`)
    const expected = Object.fromEntries(names.map((n) => [n, sample.outputs[n]!.data.map(Number)]))
    const run = async (feeds: Feeds): Promise<Record<string, number[]>> => {
      const result = await session.run(feeds, names)
      return Object.fromEntries(names.map((n) => [n, numbers(result[n]!.data)]))
    }
    const outputDiff = (got: Record<string, number[]>): number => names.reduce((m, n) => Math.max(m, maxAbsDiff(got[n]!, expected[n]!)), 0)
    const measure: SampleMeasure = { index: i + 1, name: sampleName(sample), exportDiff: null, feedDiff: null, scoreDiff: null }
    let refFeeds = sample.feeds
      ? Object.fromEntries(Object.entries(sample.feeds).map(([name, t]) => [name, tensorFromJson(name, t)]))
      : await feedsFromPixels(spec, sample)
    if (refFeeds) measure.exportDiff = outputDiff(await run(refFeeds))
    // See [Note: rebuilt feeds carry model.json's normalization] (core/models/normalize-blame.ts).
    let blame: StageDifference | undefined
    if (refFeeds && !sample.feeds && spec.image && measure.exportDiff !== null && measure.exportDiff > reference.tolerance) {
      const { pipeline, layout } = spec.image
      const current = { scale: pipeline.scale, mean: pipeline.mean, std: pipeline.std }
      for (const candidate of normalizationCandidates(current, layout.channels)) {
        const feeds = (await feedsFromPixels(spec, sample, candidate))!
        const diff = outputDiff(await run(feeds))
        if (diff <= reference.tolerance) {
          refFeeds = feeds
          measure.exportDiff = diff
          blame = normalizeBlame(current, candidate, diff)
          break
        }
      }
    }

    // Demodeck's own preprocessing. Inputs the demo refuses (an empty text) count for the export check only.
    let ours: Feeds | null = null
    if (sample.input && Object.keys(sample.input).length > 0) {
      ours = await feedsFor(sample.input as PredictInput).catch((error: unknown) => {
        if (error instanceof TextInputError || error instanceof FeatureError) {
          if (!refFeeds) measure.skipped = `the demo refuses its input: ${error.message}`
          return null
        }
        throw error
      })
    } else if (!refFeeds) {
      throw new ApiError('unprocessable', `reference.json: sample ${i + 1} has neither "feeds" nor an input`)
    }
    if (ours) {
      const got = await run(ours)
      if (!refFeeds) {
        measure.exportDiff = outputDiff(got)
        measure.ownFeeds = true
      } else {
        let diff = 0
        let values = 0
        for (const [name, tensor] of Object.entries(ours)) {
          const theirs = refFeeds[name]
          if (!theirs) continue
          const a = numbers(tensor.data)
          const b = numbers(theirs.data)
          diff = Math.max(diff, maxAbsDiff(a, b))
          if (a.length === b.length) for (let k = 0; k < a.length; k++) if (!(Math.abs(a[k]! - b[k]!) <= reference.tolerance)) values++
        }
        measure.feedDiff = diff
        if (diff > reference.tolerance) {
          if (blame) measure.difference = blame
          else if (spec.task === 'image-classification' && sample.input?.image) measure.difference = await imageStage(spec, sample, values, diff)
          else if (spec.task === 'text-classification') measure.difference = textStage(ours, refFeeds)
          else if (spec.tabular) {
            const name = spec.tabular.inputName
            measure.difference = tabularStage(spec.tabular.features, numbers(ours[name]!.data), numbers(refFeeds[name]!.data), reference.tolerance)
          }
        }
      }
      const mine = scoreRow(spec, got)
      const theirs = scoreRow(spec, expected)
      if (mine && theirs) {
        const a = scoresFor(spec.outputKind, mine)
        const b = scoresFor(spec.outputKind, theirs)
        measure.scoreDiff = maxAbsDiff(a, b)
        measure.top = { ours: topLabel(spec, a), theirs: topLabel(spec, b) }
      }
    }
    measures.push(measure)
  }
  return judgeParity({
    samples: measures,
    tolerance: reference.tolerance,
    scoreTolerance: reference.scoreTolerance,
    ...(reference.producer ? { producer: reference.producer } : {})
  })
}
