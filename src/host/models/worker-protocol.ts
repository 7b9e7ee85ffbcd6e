/**
 * Messages between the model service (host) and the inference worker process.
 * Validated with zod on the worker side: it is a process boundary.
 */
import { z } from 'zod'
import { graphEditsSchema, predictInputSchema, type ErrorCode } from '../../shared/api'
import type { GraphEdits } from '../../shared/types'
import type { ModelSpec } from '../../core/models/spec'

/** Host → worker. `spec` is re-sent on each call so the worker holds no deck state beyond its session cache. */
export type WorkerRequest =
  | { id: number; type: 'load'; spec: ModelSpec }
  | { id: number; type: 'predict'; spec: ModelSpec; input: z.infer<typeof predictInputSchema> }
  | { id: number; type: 'parity'; spec: ModelSpec }
  | { id: number; type: 'graph-run'; spec: ModelSpec; edits?: GraphEdits }

/** Worker → host. */
export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: ErrorCode; message: string } }

const specSchema = z
  .object({
    id: z.string(),
    dir: z.string(),
    modelFile: z.string(),
    revision: z.string(),
    task: z.enum(['text-classification', 'image-classification', 'tabular-classification', 'node-classification']),
    labels: z.array(z.string()),
    outputKind: z.enum(['logits', 'probabilities', 'log-probabilities', 'sigmoid']),
    outputName: z.string(),
    exposeZipMap: z.boolean(),
    inputs: z.array(z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string(), z.null()])) })),
    text: z.object({}).passthrough().optional(),
    image: z.object({}).passthrough().optional(),
    tabular: z.object({}).passthrough().optional(),
    graph: z.object({}).passthrough().optional(),
    referenceFile: z.string().optional()
  })
  .passthrough()

/** Schema of a request as the worker receives it. */
export const workerRequestSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number(), type: z.literal('load'), spec: specSchema }),
  z.object({ id: z.number(), type: z.literal('predict'), spec: specSchema, input: predictInputSchema }),
  z.object({ id: z.number(), type: z.literal('parity'), spec: specSchema }),
  z.object({ id: z.number(), type: z.literal('graph-run'), spec: specSchema, edits: graphEditsSchema.optional() })
])
