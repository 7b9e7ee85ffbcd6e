/**
 * What the model service sends the inference worker for one probe sweep, and
 * what comes back (raw rankings; the host reads them with core/probe/sweep.ts).
 */
import { z } from 'zod'
import { predictInputSchema } from '../../shared/api'
import type { LabelScore } from '../../shared/probe-types'

/** One input swept over strengths. */
export interface ProbeJob {
  input: z.infer<typeof predictInputSchema>
  perturbation: string
  strengths: number[]
  seed: number
  /** Tabular shift/scale: the feature to change. */
  feature?: string
  /** Send the perturbed text / changed features per strength back (the single-input chart shows them). */
  previews?: boolean
}

/** Schema of a job as the worker receives it (a process boundary). */
export const probeJobSchema = z.object({
  input: predictInputSchema,
  perturbation: z.string().min(1).max(40),
  strengths: z.array(z.number().finite()).min(1).max(256),
  seed: z.number().int(),
  feature: z.string().max(200).optional(),
  previews: z.boolean().optional()
})

/** The worker's answer. */
export interface ProbeWorkerResult {
  /** Ranking of the clean input, best first. */
  clean: LabelScore[]
  /** Ranking per strength (first `keep` labels), in the order of the job's strengths. */
  rows: LabelScore[][]
  previews?: string[]
  batches: number
  latencyMs: number
}
