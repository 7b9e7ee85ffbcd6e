/**
 * Data shapes of the robustness probe and the prediction log (issue #14),
 * kept apart from types.ts so the probe's contract reads in one place. Types
 * only; the request schemas are in api.ts.
 */

/** A label and its score (0–1). */
export interface LabelScore {
  label: string
  score: number
}

/** The model's answer at one strength of a sweep. */
export interface ProbePoint {
  strength: number
  /** The top label at this strength. */
  top: LabelScore
  /** Score of the clean input's top label at this strength (the "confidence" line). */
  cleanScore: number
  /** The first few labels, best first. */
  predictions: LabelScore[]
  /**
   * What the perturbed input looks like: the text, the changed feature values, or for an image (in sweeps of at
   * most 4 strengths) a PNG data URL of the pixels the model sees.
   */
  preview?: string
}

/** Where the top label first changes along a sweep. */
export interface ProbeFlip {
  /** First strength whose top label differs from the clean one. */
  strength: number
  /** The strength before it (still the clean label). */
  after: number
  /** The label it flips to. */
  label: string
}

/** `probe:run`: one input swept over strengths. */
export interface ProbeResult {
  model: string
  perturbation: string
  unit: string
  seed: number
  feature?: string
  /** The prediction for the unperturbed input (strength 0). */
  clean: LabelScore
  points: ProbePoint[]
  /** null when the top label never changes over the sweep. */
  flip: ProbeFlip | null
  /** Inference batches the worker ran. */
  batches: number
  /** Time in the worker (perturb, preprocess, run), ms. */
  latencyMs: number
}

/** `probe:set`: a set of inputs (the model's examples by default) swept over strengths. */
export interface ProbeSetResult {
  model: string
  perturbation: string
  unit: string
  seed: number
  feature?: string
  strengths: number[]
  /** How many inputs were probed. */
  items: number
  /** Share of inputs whose top label equals their clean top label, per strength. */
  agreement: number[]
  /** Share of labelled inputs predicted as their label, per strength; null when no input has a label. */
  accuracy: number[] | null
  /** How many inputs had a label the model knows. */
  labelled: number
  /** Per input: the strength where its top label first changed (null: never). */
  flips: Array<{ input: string; clean: string; flipAt: number | null }>
  latencyMs: number
}

/** Where a logged prediction's answer came from. */
export type LogSource = 'local' | 'deployed' | 'local-fallback' | 'probe'

/** One prediction of the session, as the log keeps it. */
export interface LoggedPrediction {
  /** 1, 2, 3… in the order the host answered. */
  seq: number
  /** ISO time of the answer. */
  at: string
  model: string
  source: LogSource
  /** text, image, features or a graph node. */
  inputKind: 'text' | 'image' | 'features' | 'node'
  /** The input, short enough for a table: the text (≤ 500 characters), the image's name and size, the feature values. */
  input: string
  label: string
  score: number
  /** The first three labels, best first. */
  top: LabelScore[]
  latencyMs: number
}

/** `log:list`: the newest entries first. */
export interface PredictionLogPage {
  entries: LoggedPrediction[]
  /** Entries kept this session (the oldest go past the limit). */
  total: number
  /** Entries dropped because the log was full. */
  dropped: number
  /** Recent probe calls that failed, newest first: the presenter sees why (the audience only "unavailable"). */
  probeProblems: ProbeProblem[]
}

/** A probe call that failed. */
export interface ProbeProblem {
  at: string
  model: string
  perturbation: string
  message: string
}

/** `log:export`: a file's content to save. */
export interface PredictionLogExport {
  filename: string
  mime: string
  content: string
  rows: number
}
