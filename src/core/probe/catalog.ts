/**
 * The robustness probe's perturbations, by input kind: what each one does,
 * its strength range and unit, and how to read a strength aloud. The host
 * checks requests against this list and the renderer builds its sliders from
 * it, so both always agree on names and ranges.
 *
 * [Note: strength 0 is the clean input]
 * Every perturbation leaves the input untouched at strength 0, so a sweep
 * always starts from the prediction the audience just saw, and "flips at 0.3"
 * means the same thing for every kind.
 */
import type { ModelTask } from '../../shared/types'

/** Input kinds the probe knows (the model's task decides which one applies). */
export type ProbeKind = 'text' | 'image' | 'tabular'

/** One perturbation of the catalog. */
export interface PerturbationInfo {
  id: string
  kind: ProbeKind
  /** Short name for a slider. */
  label: string
  /** One sentence: what a strength does. */
  description: string
  min: number
  max: number
  /** Where a default sweep ends (a sweep runs from 0 to here). */
  sweepTo: number
  /** Slider step. */
  step: number
  /** Unit for axis labels, e.g. "σ (× 255)". */
  unit: string
  /** Takes a `feature` option (tabular: the one feature to change). */
  perFeature?: boolean
}

/** Every perturbation, grouped by kind in the order the UI lists them. */
export const PERTURBATIONS: readonly PerturbationInfo[] = [
  {
    id: 'typos',
    kind: 'text',
    label: 'Typos',
    description: 'each character is dropped or swapped with the next with this probability',
    min: 0,
    max: 1,
    sweepTo: 0.5,
    step: 0.01,
    unit: 'share of characters'
  },
  {
    id: 'case',
    kind: 'text',
    label: 'Case changes',
    description: 'each letter flips between upper and lower case with this probability',
    min: 0,
    max: 1,
    sweepTo: 1,
    step: 0.01,
    unit: 'share of letters'
  },
  {
    id: 'word-dropout',
    kind: 'text',
    label: 'Word dropout',
    description: 'each word is left out with this probability (one word always stays)',
    min: 0,
    max: 1,
    sweepTo: 0.8,
    step: 0.01,
    unit: 'share of words'
  },
  {
    id: 'shuffle',
    kind: 'text',
    label: 'Word shuffle',
    description: 'this share of the words swap places among themselves (no word is replaced)',
    min: 0,
    max: 1,
    sweepTo: 1,
    step: 0.01,
    unit: 'share of words'
  },
  {
    id: 'noise-tokens',
    kind: 'text',
    label: 'Noise tokens',
    description: 'this many random tokens are appended to the text',
    min: 0,
    max: 40,
    sweepTo: 20,
    step: 1,
    unit: 'tokens'
  },
  {
    id: 'gaussian-noise',
    kind: 'image',
    label: 'Gaussian noise',
    description: 'adds noise with this standard deviation, as a share of the pixel range',
    min: 0,
    max: 2,
    sweepTo: 1,
    step: 0.01,
    unit: 'σ (× 255)'
  },
  {
    id: 'blur',
    kind: 'image',
    label: 'Blur',
    description: 'Gaussian blur with this σ, in percent of the image’s shorter side',
    min: 0,
    max: 10,
    sweepTo: 8,
    step: 0.1,
    unit: 'σ (% of side)'
  },
  {
    id: 'brightness',
    kind: 'image',
    label: 'Brightness',
    description: 'adds this share of the pixel range to every pixel (negative darkens)',
    min: -1,
    max: 1,
    sweepTo: 0.8,
    step: 0.01,
    unit: 'shift (× 255)'
  },
  {
    id: 'contrast',
    kind: 'image',
    label: 'Contrast loss',
    description: 'pulls every pixel this far towards the image’s mean grey (1: flat grey)',
    min: 0,
    max: 1,
    sweepTo: 1,
    step: 0.01,
    unit: 'loss'
  },
  {
    id: 'rotation',
    kind: 'image',
    label: 'Rotation',
    description: 'rotates the image by this many degrees about its centre; corners take the border colour',
    min: 0,
    max: 180,
    sweepTo: 90,
    step: 1,
    unit: 'degrees'
  },
  {
    id: 'occlusion',
    kind: 'image',
    label: 'Occlusion',
    description: 'covers a square of this share of the shorter side with the border colour, at a seeded place',
    min: 0,
    max: 1,
    sweepTo: 0.7,
    step: 0.01,
    unit: 'patch side'
  },
  {
    id: 'jpeg',
    kind: 'image',
    label: 'JPEG compression',
    description: 'saves the image as JPEG at quality 100 − strength and decodes it again',
    min: 0,
    max: 95,
    sweepTo: 95,
    step: 1,
    unit: '100 − quality'
  },
  {
    id: 'shift',
    kind: 'tabular',
    label: 'Shift one feature',
    description: 'adds this many spreads (its standard deviation, else a quarter of its range) to one feature',
    min: -5,
    max: 5,
    sweepTo: 3,
    step: 0.05,
    unit: 'spreads',
    perFeature: true
  },
  {
    id: 'scale',
    kind: 'tabular',
    label: 'Scale one feature',
    description: 'multiplies one feature by 1 + strength',
    min: -1,
    max: 4,
    sweepTo: 2,
    step: 0.05,
    unit: 'factor − 1',
    perFeature: true
  },
  {
    id: 'missing',
    kind: 'tabular',
    label: 'Missing values',
    description: 'this share of the features is missing and filled with its default, as the form does',
    min: 0,
    max: 1,
    sweepTo: 1,
    step: 0.01,
    unit: 'share of features'
  },
  {
    id: 'noise',
    kind: 'tabular',
    label: 'Noise on all features',
    description: 'adds Gaussian noise of this many spreads to every numeric feature',
    min: 0,
    max: 3,
    sweepTo: 2,
    step: 0.05,
    unit: 'spreads'
  }
]

const KIND_OF_TASK: Readonly<Record<string, ProbeKind>> = {
  'text-classification': 'text',
  'image-classification': 'image',
  'tabular-classification': 'tabular'
}

/** The probe kind of a model task; null for tasks the probe does not perturb (graphs). */
export function probeKind(task: ModelTask): ProbeKind | null {
  return KIND_OF_TASK[task] ?? null
}

/** The perturbations that apply to a task (none for a task the probe does not perturb). */
export function perturbationsFor(task: ModelTask): PerturbationInfo[] {
  const kind = probeKind(task)
  return PERTURBATIONS.filter((p) => p.kind === kind)
}

/** A perturbation by id, or undefined. */
export function findPerturbation(id: string): PerturbationInfo | undefined {
  return PERTURBATIONS.find((p) => p.id === id)
}

/** A strength as people read it: at most 2 decimals, no trailing zeros. */
export function formatStrength(value: number): string {
  return String(Math.round(value * 100) / 100)
}

/**
 * Evenly spaced strengths from `from` to `to` (both included).
 * @param steps number of strengths (≥ 2)
 */
export function strengthGrid(from: number, to: number, steps: number): number[] {
  const n = Math.max(2, Math.floor(steps))
  return Array.from({ length: n }, (_, i) => {
    const value = from + ((to - from) * i) / (n - 1)
    // Round away float dust (0.30000000000000004) so strengths read cleanly in the chart and the CSV.
    return Math.round(value * 1e6) / 1e6
  })
}

/**
 * Checks a request against the catalog.
 * @returns a readable reason, or null when the request is fine
 */
export function checkProbeRequest(task: ModelTask, perturbation: string, strengths: readonly number[]): string | null {
  const kind = probeKind(task)
  if (!kind) return `the robustness probe perturbs text, image and tabular inputs; a ${task.replace('-', ' ')} model has none of them`
  const info = findPerturbation(perturbation)
  const names = perturbationsFor(task).map((p) => p.id)
  if (!info) return `unknown perturbation "${perturbation}"; a ${kind} model takes ${names.join(', ')}`
  if (info.kind !== kind) return `"${perturbation}" perturbs ${info.kind} inputs, but this is a ${kind} model; use ${names.join(', ')}`
  const bad = strengths.find((s) => !Number.isFinite(s) || s < info.min || s > info.max)
  if (bad !== undefined) return `strength ${bad} is out of range for ${perturbation}: it takes ${info.min} to ${info.max} (${info.unit})`
  return null
}
