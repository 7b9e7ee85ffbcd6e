/**
 * The probe inside the inference worker: perturbs one input at every strength
 * of a sweep (core/probe/*, plus JPEG round trips through sharp), builds the
 * model's feeds exactly as a prediction does, and runs them through the
 * model's session in batches.
 *
 * [Note: batching a sweep]
 * A model whose inputs all have a free first dimension runs the sweep as one
 * batch (at most `MAX_BATCH` rows per run); inputs whose feeds differ in
 * shape (texts of different token lengths) are grouped by shape, so no row is
 * padded beyond what a single prediction would feed — the batch gives exactly
 * the single-input scores. A model exported with batch size 1 runs row by row.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { PNG } from 'pngjs'
import sharp from 'sharp'
import { ApiError } from '../../shared/api'
import type { LabelScore } from '../../shared/probe-types'
import { packPixels, pilPixels, toBytes, type RgbaImage } from '../../core/models/image'
import { PIL_FILTERS } from '../../core/models/pil-resample'
import { rankLabels } from '../../core/models/postprocess'
import type { ModelSpec } from '../../core/models/spec'
import { encodeFeatures } from '../../core/models/tabular'
import type { TextFeedEncoder } from '../../core/models/text'
import { prepareImagePerturbation, type Pixels } from '../../core/probe/image'
import { perturbRow, type FeatureRow } from '../../core/probe/tabular'
import { perturbText } from '../../core/probe/text'
import { decodeImage, decodeImageInput, isImageFileName } from '../models/image-decode'
import { numbers } from '../models/parity-runner'
import type { ProbeJob, ProbeWorkerResult } from './probe-protocol'

/** Image previews are sent for sweeps of at most this many strengths. */
export const MAX_IMAGE_PREVIEWS = 4
/** Most rows in one ONNX run. */
export const MAX_BATCH = 64
/** Labels kept per row (the chart needs the clean label's score, which the host reads from the full row). */
const KEEP_LABELS = 5

/** What the runner needs from the worker's runtime. */
export interface ProbeSession {
  session: ort.InferenceSession
  text?: TextFeedEncoder
}

type Feeds = Record<string, ort.Tensor>

/** Runs one probe job; errors in the input come back as ApiError('bad_request'). */
export async function runProbe(spec: ModelSpec, loaded: ProbeSession, job: ProbeJob): Promise<ProbeWorkerResult> {
  const started = performance.now()
  const inputs = await perturbedFeeds(spec, loaded, job)
  const rows = await runRows(spec, loaded.session, inputs.feeds)
  const cleanRow = rows[0]!
  const cleanTop = cleanRow[0]?.label
  // Keep the first labels and the clean top label's score (the confidence line).
  const trim = (row: LabelScore[]): LabelScore[] => {
    const kept = row.slice(0, KEEP_LABELS)
    const clean = row.find((p) => p.label === cleanTop)
    return clean && !kept.includes(clean) ? [...kept, clean] : kept
  }
  return {
    clean: trim(cleanRow),
    rows: rows.slice(1).map(trim),
    ...(job.previews && inputs.previews ? { previews: inputs.previews } : {}),
    batches: rows.batches,
    latencyMs: performance.now() - started
  }
}

/** Feeds for the clean input (first) and each strength. */
async function perturbedFeeds(spec: ModelSpec, loaded: ProbeSession, job: ProbeJob): Promise<{ feeds: Feeds[]; previews?: string[] }> {
  const { input, perturbation, strengths, seed } = job
  if (spec.task === 'node-classification')
    throw new ApiError('bad_request', 'the robustness probe perturbs text, image and tabular inputs, not graph nodes')
  if (spec.task === 'text-classification') {
    if (!('text' in input)) throw wrongInput(spec, 'text ({ "text": "…" })')
    const encoder = loaded.text
    if (!encoder) throw new ApiError('unprocessable', 'the model has no tokenizer')
    const texts = strengths.map((s) => perturbText(input.text, perturbation, s, seed))
    return { feeds: [input.text, ...texts].map((t) => textFeeds(encoder, t)), previews: texts }
  }
  if (spec.task === 'tabular-classification') {
    if (!('features' in input)) throw wrongInput(spec, 'features ({ "features": { … } })')
    const tabular = spec.tabular!
    let rows: FeatureRow[]
    try {
      rows = strengths.map((s) => perturbRow(tabular.features, input.features, perturbation, s, seed, job.feature))
    } catch (error) {
      throw new ApiError('bad_request', (error as Error).message)
    }
    // The form's min/max bound what a person types; drift past them is what the probe is for, so the
    // perturbed rows are encoded without them (the clean row keeps every check of a prediction).
    const unbounded = tabular.features.map(({ min: _min, max: _max, ...f }) => f)
    const feeds = [input.features, ...rows].map((row, i) => ({
      [tabular.inputName]: new ort.Tensor('float32', encodeFeatures(i === 0 ? tabular.features : unbounded, row), tabular.dims)
    }))
    return { feeds, previews: rows.map((row) => changedFeatures(input.features, row)) }
  }
  if (!('image' in input)) throw wrongInput(spec, 'an image ({ "image": "<base64 PNG/JPEG>" })')
  const image = spec.image!
  const pixels = modelPixels(await readImage(spec, input.image), image)
  const toFeeds = (p: Pixels): Feeds => ({
    [image.inputName]: new ort.Tensor('float32', packPixels({ ...p, data: Uint8Array.from(p.data) }, image.pipeline, image.layout), image.layout.dims)
  })
  const perturbed: Pixels[] = []
  if (perturbation === 'jpeg') {
    for (const s of strengths) perturbed.push(s === 0 ? pixels : await jpegRoundTrip(pixels, Math.round(100 - s)))
  } else {
    const apply = prepareImagePerturbation(pixels, perturbation, seed)
    for (const s of strengths) perturbed.push(apply(s))
  }
  // The model's-eye view of a few strengths (the slider's point), never of a whole sweep.
  const previews = job.previews && strengths.length <= MAX_IMAGE_PREVIEWS ? perturbed.map(pngDataUrl) : undefined
  return { feeds: [pixels, ...perturbed].map(toFeeds), ...(previews ? { previews } : {}) }
}

/** A PNG data URL of model-size pixels (grey or RGB), for the panel's "what the model sees". */
function pngDataUrl(pixels: Pixels): string {
  const png = new PNG({ width: pixels.width, height: pixels.height })
  const c = pixels.channels
  for (let p = 0; p < pixels.width * pixels.height; p++) {
    png.data[p * 4] = pixels.data[p * c]!
    png.data[p * 4 + 1] = pixels.data[p * c + (c >= 3 ? 1 : 0)]!
    png.data[p * 4 + 2] = pixels.data[p * c + (c >= 3 ? 2 : 0)]!
    png.data[p * 4 + 3] = 255
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`
}

/**
 * The 8-bit pixels the model's normalisation sees (see [Note: perturbing what the model sees] in
 * core/probe/image.ts): Pillow's path where the model names a resample filter (then strength 0 feeds
 * exactly what a prediction feeds), else the same steps with bilinear resampling.
 */
function modelPixels(decoded: RgbaImage, image: NonNullable<ModelSpec['image']>): Pixels {
  return pilPixels(decoded, image.pipeline, image.layout, image.pipeline.resample ?? PIL_FILTERS.BILINEAR)
}

function wrongInput(spec: ModelSpec, noun: string): ApiError {
  return new ApiError('bad_request', `model "${spec.id}" is a ${spec.task.replace('-', ' ')} model: probe it with ${noun}`)
}

function textFeeds(encoder: TextFeedEncoder, text: string): Feeds {
  const { feeds, length } = encoder.encode(text)
  const out: Feeds = {}
  for (const [name, data] of Object.entries(feeds)) out[name] = new ort.Tensor('int64', data, [1, length])
  return out
}

/** "alcohol=15.2; ash=2.1": the features a perturbation changed. */
function changedFeatures(before: FeatureRow, after: FeatureRow): string {
  const changed = Object.keys(after).filter((k) => after[k] !== before[k])
  const show = (v: FeatureRow[string]): string => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v))
  return changed.length ? changed.map((k) => `${k}=${show(after[k]!)}`).join('; ') : '(unchanged)'
}

async function readImage(spec: ModelSpec, source: string): Promise<RgbaImage> {
  if (isImageFileName(source)) {
    let bytes: Uint8Array
    try {
      bytes = await readFile(join(spec.dir, source))
    } catch {
      throw new ApiError('bad_request', `the model folder has no image "${source}"`)
    }
    return decodeImage(bytes)
  }
  return decodeImageInput(source)
}

/** Saves as JPEG at `quality` with libjpeg-turbo (sharp) and decodes it as a prediction would. */
async function jpegRoundTrip(pixels: Pixels, quality: number): Promise<Pixels> {
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength)
  const bytes = await sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels as 1 | 3 } })
    .jpeg({ quality: Math.max(1, Math.min(100, quality)) })
    .toBuffer()
  return toBytes(await decodeImage(new Uint8Array(bytes)), pixels.channels === 1 ? 1 : 3, 'black')
}

/** Whether every model input takes a batch of any size. */
function batchable(spec: ModelSpec): boolean {
  return spec.inputs.every((i) => typeof i.shape[0] !== 'number' || i.shape[0] <= 0)
}

/** Runs every feed set; rankings in the same order, plus how many runs it took. */
async function runRows(spec: ModelSpec, session: ort.InferenceSession, feeds: Feeds[]): Promise<LabelScore[][] & { batches: number }> {
  const out: LabelScore[][] = new Array(feeds.length)
  let batches = 0
  const groups = new Map<string, number[]>()
  feeds.forEach((f, i) => {
    const key = batchable(spec)
      ? Object.entries(f)
          .map(([n, t]) => `${n}:${t.dims.join('x')}`)
          .join('|')
      : `row${i}`
    const list = groups.get(key) ?? []
    list.push(i)
    groups.set(key, list)
  })
  for (const rows of groups.values()) {
    for (let start = 0; start < rows.length; start += MAX_BATCH) {
      const chunk = rows.slice(start, start + MAX_BATCH)
      const batch = stack(chunk.map((i) => feeds[i]!))
      const result = await session.run(batch, [spec.outputName])
      batches++
      const output = result[spec.outputName]!
      const values = numbers(output.data)
      const classes = output.dims[output.dims.length - 1] ?? values.length / chunk.length
      chunk.forEach((row, k) => {
        out[row] = rankLabels(spec.outputKind, values.slice(k * classes, (k + 1) * classes), spec.labels)
      })
    }
  }
  return Object.assign(out, { batches })
}

/** Stacks batch-1 feeds along the first dimension. */
function stack(list: Feeds[]): Feeds {
  if (list.length === 1) return list[0]!
  const out: Feeds = {}
  for (const name of Object.keys(list[0]!)) {
    const first = list[0]![name]!
    const size = first.data.length
    const Ctor = first.data.constructor as { new (n: number): ort.Tensor['data'] & { set(a: ArrayLike<unknown>, o: number): void } }
    const data = new Ctor(size * list.length)
    list.forEach((f, i) => data.set(f[name]!.data as ArrayLike<unknown>, i * size))
    out[name] = new ort.Tensor(first.type as 'float32', data as Float32Array, [list.length, ...first.dims.slice(1)])
  }
  return out
}
