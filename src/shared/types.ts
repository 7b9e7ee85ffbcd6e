/**
 * Data shapes that cross the renderer/host boundary. Types only: no runtime
 * Electron, Node or DOM. The zod schemas for requests live in `api.ts`.
 */

/** A problem found while loading a deck, a model or a run: shown to the user, never thrown. */
export interface Problem {
  /** Stable machine code, e.g. `deck/no-slides-dir`. */
  code: string
  /** One readable sentence that says what is wrong and what to do. */
  message: string
  /** File the problem is about, relative to the deck folder, when there is one. */
  file?: string
  /** 0-based slide index the problem is about, when there is one. */
  slide?: number
}

/** A live component placed in a slide with `::name{attr="…"}`. */
export interface DirectiveUse {
  name: string
  attributes: Record<string, string>
}

export interface Slide {
  index: number
  title: string
  /** The slide's markdown without notes and without demodeck comments. */
  markdown: string
  /** Speaker notes (markdown text after `Note:`), '' when none. */
  notes: string
  /** Time budget for this slide in seconds. */
  budgetSec: number
  /** true when the budget came from the author, false when it was spread evenly. */
  budgetExplicit: boolean
  directives: DirectiveUse[]
  /** Source file of the slide, relative to the deck folder. */
  file: string
}

export interface Deck {
  title: string
  authors: string[]
  /** Talk length in seconds (front matter `duration`, default 6 min). */
  durationSec: number
  /** Q&A length in seconds (front matter `qa`, default 10 min). */
  qaSec: number
  slides: Slide[]
  /** Non-fatal problems: the deck still shows. */
  warnings: Problem[]
  /** Fatal problems: the deck shows an error slide with these. */
  errors: Problem[]
  /** Absolute path of the deck folder (host side); shown in the UI footer. */
  root: string
  /** Increases on every reload so the renderer can tell a hot reload. */
  revision: number
  /** URL prefix under which the deck folder's media files are served (set by the transport). */
  assetBase: string
  /** Front-matter `theme`, when set. */
  theme?: string
}

/** Presenter/audience shared state, held by the host and broadcast on every change. */
export interface TimerState {
  /** 'idle' before the talk starts; 'running'; 'paused'. */
  status: 'idle' | 'running' | 'paused'
  /** Renderer clock (Date.now()) when the current running stretch began; null unless running. */
  startedAt: number | null
  /** Milliseconds accumulated over previous running stretches. */
  accumulatedMs: number
}

export interface SyncState {
  /** Slide index (horizontal). */
  slide: number
  /** Fragment index within the slide, -1 = no fragment shown. */
  fragment: number
  /** Talk timer. */
  timer: TimerState
  /** Q&A timer: starts after the last slide. */
  qa: TimerState
  blackout: boolean
  /** Increases on every change; lets a window ignore its own echo. */
  version: number
  /** Which window made the last change (random id per window). */
  origin: string
}

// ---------------------------------------------------------------- models

export type ModelTask = 'text-classification' | 'image-classification' | 'tabular-classification'
export type OutputKind = 'logits' | 'probabilities' | 'log-probabilities' | 'sigmoid'

export interface TensorInfo {
  name: string
  /** ONNX element type as onnxruntime names it, e.g. 'float32', 'int64'. */
  type: string
  /** Dimensions; a string is a symbolic dimension (e.g. 'batch_size'), null is unknown. */
  shape: Array<number | string | null>
}

export interface TabularFeature {
  name: string
  type: 'number' | 'category'
  min?: number
  max?: number
  default?: number | string
  categories?: string[]
  /** How a category is fed to the model: 'one-hot' (default) or 'index'. Numbers may be standardised. */
  encoding?: 'one-hot' | 'index' | 'raw' | 'standardize'
  mean?: number
  std?: number
  description?: string
}

export interface ExampleInput {
  label?: string
  text?: string
  /** Image file name inside the model folder (png/jpeg), or a data URL. */
  image?: string
  features?: Record<string, number | string>
}

export interface ModelInfo {
  id: string
  name: string
  task: ModelTask
  labels: string[]
  inputs: TensorInfo[]
  outputs: TensorInfo[]
  /** 'hf' = Hugging Face export layout; 'manifest' = demodeck model.json. */
  layout: 'hf' | 'manifest'
  outputKind: OutputKind
  examples: ExampleInput[]
  /** Tabular models: the generated form's fields. */
  features?: TabularFeature[]
  /** Image models: what the demo pad should offer. */
  image?: { width: number; height: number; channels: 1 | 3; invert?: boolean; background?: 'black' | 'white' }
  description?: string
  /** Run ids (see runs:list) that trained this model. */
  runs?: string[]
  /** Problems with this model folder; a model with errors cannot predict. */
  warnings: Problem[]
  errors: Problem[]
  /** Last parity result when the folder has reference samples. */
  parity?: ParityReport
}

export type PredictInput =
  | { text: string }
  | { image: string }
  | { features: Record<string, number | string | null> }

export interface Prediction {
  predictions: Array<{ label: string; score: number }>
  latencyMs: number
}

export interface ParityReport {
  samples: number
  maxAbsDiff: number
  tolerance: number
  ok: boolean
  checkedAt: string
  message: string
}

export interface ModelCard {
  id: string
  name: string
  producer: string
  producerVersion: string
  irVersion: number
  opsets: Array<{ domain: string; version: number }>
  graphName: string
  inputs: TensorInfo[]
  outputs: TensorInfo[]
  parameterCount: number
  fileSizeBytes: number
  operators: Array<{ op: string; count: number }>
  labels: string[]
  preprocessing: Array<{ step: string; detail: string }>
  parity?: ParityReport
  warnings: Problem[]
}

// ---------------------------------------------------------------- runs

export type RunSource = 'wandb' | 'wandb-file' | 'tensorboard' | 'csv' | 'jsonl' | 'wandb-csv' | 'example'

export interface RunInfo {
  id: string
  name: string
  source: RunSource
  /** Metric keys (not starting with `_`), as logged. */
  metrics: string[]
  /** Number of history rows. */
  steps: number
  /** Sweep or group name when there is one. */
  group?: string
  state?: string
  config: Record<string, unknown>
  summary: Record<string, unknown>
  /** W&B path entity/project/runId when synced from W&B. */
  path?: string
  warnings: Problem[]
}

/** One history row in W&B's row format: `_step`, `_runtime`, `_timestamp`, then metric keys. Non-finite numbers are strings 'NaN' | 'Infinity' | '-Infinity' on the wire. */
export type HistoryRow = Record<string, number | string | null>

export interface WandbStatus {
  hasKey: boolean
  /** Where the key came from; never the key itself. */
  keySource: 'env' | 'netrc' | 'keychain' | 'none'
  baseUrl: string
  /** Whether this host can store a key (Electron safeStorage). */
  canStoreKey: boolean
}
