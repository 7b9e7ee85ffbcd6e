/**
 * Schemas of the files in a model folder: demodeck's `model.json` manifest,
 * the optional `demodeck.json` extras of a Hugging Face folder, the Hugging
 * Face `config.json` / `preprocessor_config.json` / `tokenizer_config.json`
 * fields demodeck reads, and `reference.json` (parity samples). Pure: takes
 * parsed JSON, never reads the disk (see host/models/model-folder.ts).
 * `schemas/model.schema.json` is the editor-facing twin of `modelManifestSchema`.
 */
import { z } from 'zod'
import { graphEditsSchema } from '../../shared/api'
import { endpointConfigSchema } from '../endpoint/config'

const endpointField = endpointConfigSchema
  .optional()
  .describe('The deployed model (e.g. a FastAPI app on Cloud Run): its URL, or a block with url, kind, timeoutMs, auth, request/response mapping and record. The demo calls it through demodeck and falls back to the local ONNX model.')

const finite = z.number().finite()

export const outputKindSchema = z.enum(['logits', 'probabilities', 'log-probabilities', 'sigmoid'])
export const taskSchema = z.enum(['text-classification', 'image-classification', 'tabular-classification', 'node-classification'])

export const exampleSchema = z
  .object({
    label: z.string().optional(),
    text: z.string().optional(),
    image: z.string().optional(),
    features: z.record(z.string(), z.union([finite, z.string()])).optional()
  })
  .strict()

export const featureSchema = z
  .object({
    name: z.string().min(1),
    type: z.enum(['number', 'category']),
    min: finite.optional(),
    max: finite.optional(),
    default: z.union([finite, z.string()]).optional(),
    categories: z.array(z.string()).min(1).optional(),
    encoding: z.enum(['one-hot', 'index', 'raw', 'standardize']).optional(),
    mean: finite.optional(),
    std: finite.positive().optional(),
    description: z.string().optional()
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === 'category' && !f.categories) {
      ctx.addIssue({ code: 'custom', message: `category feature "${f.name}" needs "categories"` })
    }
    if (f.type === 'category' && f.encoding && f.encoding !== 'one-hot' && f.encoding !== 'index') {
      ctx.addIssue({ code: 'custom', message: `category feature "${f.name}" must use encoding one-hot or index` })
    }
    if (f.type === 'number' && (f.encoding === 'one-hot' || f.encoding === 'index')) {
      ctx.addIssue({ code: 'custom', message: `number feature "${f.name}" must use encoding raw or standardize` })
    }
    if (f.encoding === 'standardize' && (f.mean === undefined || f.std === undefined)) {
      ctx.addIssue({ code: 'custom', message: `feature "${f.name}" uses standardize and needs "mean" and "std"` })
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      ctx.addIssue({ code: 'custom', message: `feature "${f.name}" has min > max` })
    }
  })

export const imageConfigSchema = z
  .object({
    width: z.number().int().positive().max(4096),
    height: z.number().int().positive().max(4096),
    channels: z.union([z.literal(1), z.literal(3)]).optional(),
    resize: z.enum(['stretch', 'shortest-edge']).optional(),
    shortestEdge: z
      .number()
      .int()
      .positive()
      .max(4096)
      .optional()
      .describe('With resize "shortest-edge": the short side is resized to this many pixels (torchvision Resize(256)), then the centre width×height is cropped. Default: min(width, height).'),
    cropOffset: z
      .enum(['floor', 'round'])
      .optional()
      .describe('Centre-crop offset: "floor" = floor((in − out) / 2) as transformers does (default); "round" = Python\'s round((in − out) / 2), half to even, as torchvision\'s CenterCrop does.'),
    crop: z
      .object({ width: z.number().int().positive().max(4096), height: z.number().int().positive().max(4096) })
      .strict()
      .nullable()
      .optional(),
    scale: finite.optional(),
    mean: z.array(finite).min(1).max(3).optional(),
    std: z.array(finite.positive()).min(1).max(3).optional(),
    layout: z.enum(['NCHW', 'NHWC']).optional(),
    background: z.enum(['black', 'white']).optional(),
    invert: z.boolean().optional(),
    resample: z
      .number()
      .int()
      .min(0)
      .max(5)
      .optional()
      .describe(
        'PIL resampling filter the model was trained with (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming): the image is resized as 8-bit RGB/L exactly like Pillow\'s Image.resize, as Hugging Face image processors do. Left out: bilinear, or area averaging when shrinking over 2×, in floating point.'
      )
  })
  .strict()

/** `graph` block of a node-classification model (see [Note: the graph file] in graph.ts). */
export const graphConfigSchema = z
  .object({
    file: z.string().min(1).default('graph.json').describe('The graph (CSR features, undirected links, labels, split, layout), relative to this folder.'),
    featuresInput: z.string().min(1).default('x').describe('ONNX input that takes the dense 0/1 features [nodes, features].'),
    edgesInput: z.string().min(1).default('edge_index').describe('ONNX input that takes the links in both directions, int64 [2, edges].')
  })
  .strict()

/** demodeck `model.json`. */
export const modelManifestSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('Title shown in the demo and the model card.'),
    description: z.string().optional(),
    task: taskSchema.describe('What the demo asks for: text, an image, or a form of features.'),
    model: z.string().min(1).default('model.onnx').describe('ONNX file, relative to this folder.'),
    labels: z.array(z.string()).min(1).describe('Class names in output order; their count must match the output size.'),
    output: outputKindSchema.default('logits').describe('What the output holds: logits (softmax applied), probabilities, log-probabilities (exp applied) or sigmoid (multi-label).'),
    outputName: z.string().optional().describe('Output to read when the model has several (default: logits, else the first float output).'),
    text: z
      .object({ tokenizer: z.string().min(1).default('tokenizer.json'), maxLength: z.number().int().positive().max(8192).optional() })
      .strict()
      .optional(),
    image: imageConfigSchema.optional(),
    tabular: z.object({ features: z.array(featureSchema).min(1) }).strict().optional(),
    graph: graphConfigSchema.optional(),
    examples: z.array(exampleSchema).default([]).describe('Ready-made inputs offered by the demo.'),
    runs: z.array(z.string()).default([]).describe('Ids of the training runs of this model.'),
    reference: z.string().optional().describe('reference.json with parity samples (checked on load).'),
    endpoint: endpointField,
    compare: z.string().optional().describe('Id of a model of the same task to run beside this one in its demo (A/B), e.g. its int8 copy.')
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.task === 'image-classification' && !m.image) {
      ctx.addIssue({ code: 'custom', path: ['image'], message: 'an image-classification model needs an "image" block' })
    }
    if (m.task === 'tabular-classification' && !m.tabular) {
      ctx.addIssue({ code: 'custom', path: ['tabular'], message: 'a tabular-classification model needs a "tabular" block' })
    }
    if (m.task === 'node-classification' && !m.graph) {
      ctx.addIssue({ code: 'custom', path: ['graph'], message: 'a node-classification model needs a "graph" block naming its graph file' })
    }
  })
export type ModelManifest = z.infer<typeof modelManifestSchema>

/** JSON Schema of model.json for editors; `schemas/model.schema.json` holds its output (a unit test keeps them equal). */
export function modelManifestJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(modelManifestSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://demodeck.local/schemas/model.schema.json',
    title: 'demodeck model.json',
    description: 'Describes a plain ONNX classifier for demodeck: task, labels, output kind and preprocessing.'
  }
}
export type ImageConfig = z.infer<typeof imageConfigSchema>

/** JSON Schema of `demodeck.json` (beside a Hugging Face export); `schemas/demodeck.schema.json` holds its output. */
export function hfExtrasJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(hfExtrasSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://demodeck.local/schemas/demodeck.schema.json',
    title: 'demodeck demodeck.json',
    description: 'Extras for a Hugging Face export folder: display name, examples, runs, output kind, deployed endpoint.'
  }
}

/** `demodeck.json` beside a Hugging Face export. */
export const hfExtrasSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    examples: z.array(exampleSchema).optional(),
    runs: z.array(z.string()).optional(),
    output: outputKindSchema.optional(),
    image: z.object({ background: z.enum(['black', 'white']).optional(), invert: z.boolean().optional() }).strict().optional(),
    maxLength: z.number().int().positive().max(8192).optional(),
    endpoint: endpointField,
    compare: z.string().optional().describe('Id of a model of the same task to run beside this one in its demo (A/B), e.g. its int8 copy.')
  })
  .strict()
export type HfExtras = z.infer<typeof hfExtrasSchema>

/** The fields of a Hugging Face `config.json` demodeck reads. */
export const hfConfigSchema = z
  .object({
    id2label: z
      .record(z.string(), z.string())
      .refine((r) => Object.keys(r).length <= 100_000, 'id2label has more than 100,000 labels')
      .optional(),
    label2id: z.record(z.string(), z.number()).optional(),
    problem_type: z.string().optional(),
    model_type: z.string().optional(),
    // Bounded: a config claiming 2 M labels made /api/models 31 MB. No classifier shown in a demo has more.
    num_labels: z.number().int().positive().max(100_000).optional(),
    max_position_embeddings: z.number().int().optional(),
    _name_or_path: z.string().optional()
  })
  .passthrough()

/** Labels from `config.json`, in class-index order. */
export function hfLabels(config: z.infer<typeof hfConfigSchema>): string[] {
  if (config.id2label) {
    const entries = Object.entries(config.id2label).map(([k, v]) => [Number(k), v] as const)
    if (entries.some(([k]) => !Number.isInteger(k) || k < 0)) throw new Error('config.json id2label keys must be 0, 1, 2, …')
    entries.sort((a, b) => a[0] - b[0])
    entries.forEach(([k], i) => {
      if (k !== i) throw new Error(`config.json id2label skips class ${i}`)
    })
    return entries.map(([, v]) => v)
  }
  if (config.label2id) {
    return Object.entries(config.label2id)
      .sort((a, b) => a[1] - b[1])
      .map(([k]) => k)
  }
  if (config.num_labels) return Array.from({ length: config.num_labels }, (_, i) => `LABEL_${i}`)
  throw new Error('config.json has no id2label')
}

// At most 4096 px, as a decoded image: a size of 100000 would fail at predict time as "Invalid typed array length".
const side = z.number().int().positive().max(4096)
const sizeSchema = z.union([z.object({ height: side, width: side }).passthrough(), z.object({ shortest_edge: side }).passthrough(), side])

/** The fields of a Hugging Face `preprocessor_config.json` demodeck reads. */
export const hfPreprocessorSchema = z
  .object({
    do_resize: z.boolean().optional(),
    size: sizeSchema.optional(),
    resample: z.number().int().min(0).max(5).optional(),
    do_center_crop: z.boolean().optional(),
    crop_size: sizeSchema.optional(),
    do_rescale: z.boolean().optional(),
    rescale_factor: finite.optional(),
    do_normalize: z.boolean().optional(),
    image_mean: z.union([z.array(finite), finite]).optional(),
    image_std: z.union([z.array(finite), finite]).optional(),
    do_convert_rgb: z.boolean().optional(),
    image_processor_type: z.string().optional()
  })
  .passthrough()
export type HfPreprocessor = z.infer<typeof hfPreprocessorSchema>

/** `tokenizer_config.json` fields demodeck reads (the whole object goes to the tokenizer). */
export const tokenizerConfigSchema = z.object({ model_max_length: z.number().optional() }).passthrough()

const tensorJson = z
  .object({
    type: z.string().optional(),
    dims: z.array(z.number().int().min(0)),
    data: z.array(z.union([z.number(), z.string()]))
  })
  .strict()

/** `reference.json`: samples with exported-framework outputs, for the parity check (see core/models/parity.ts). */
export const referenceSchema = z
  .object({
    $schema: z.string().optional(),
    tolerance: finite.positive().default(1e-4),
    scoreTolerance: finite.positive().max(1).default(0.01),
    producer: z.string().optional(),
    samples: z
      .array(
        z
          .object({
            name: z.string().optional(),
            stages: z
              .object({
                decoded: z.string().optional(),
                pixels: z.string().optional()
              })
              .strict()
              .optional()
              .describe('PNG files of the image as the framework saw it: decoded (upright RGB/L), and pixels (8-bit, after resize and crop).'),
            input: z
              .object({
                text: z.string().optional(),
                image: z.string().optional(),
                features: z.record(z.string(), z.union([finite, z.string()])).optional(),
                node: z.number().int().min(0).optional(),
                edits: graphEditsSchema.optional()
              })
              .strict()
              .optional(),
            feeds: z.record(z.string(), tensorJson).optional(),
            outputs: z.record(z.string(), tensorJson.omit({ type: true }).extend({ type: z.string().optional() }))
          })
          .strict()
          .refine((s) => s.input || s.feeds, 'a sample needs "input" or "feeds"')
      )
      .min(1)
  })
  .strict()
export type Reference = z.infer<typeof referenceSchema>
export type TensorJson = z.infer<typeof tensorJson>
