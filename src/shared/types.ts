/**
 * Data shapes that cross the renderer/host boundary. Types only: no runtime
 * Electron, Node or DOM. The zod schemas for requests live in `api.ts`.
 */
import type { ProjectLink } from './types-project'

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
  /** Set when the slide is too complex to render safely: the slide shows this notice instead (markdown is then ''). */
  notice?: string
  /**
   * A Q&A backup slide (`<!-- backup -->` on the slide): kept for the questions, so it is not in the talk's plan,
   * its slide numbers or its time budgets (budgetSec 0).
   */
  backup?: boolean
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
  /** Front-matter `links`: the project's repository, W&B, deployed API… (see ProjectLink). */
  links?: ProjectLink[]
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
  /** Index into `deck.links` of the link the presenter shows on the audience screen; null or absent: none. */
  link?: number | null
  /** Rehearsal mode: the audience screen also shows diagnostics (problems, parity, endpoint failures); absent or false in the talk. */
  rehearsal?: boolean
}

// ---------------------------------------------------------------- models

export type ModelTask = 'text-classification' | 'image-classification' | 'tabular-classification' | 'node-classification'
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
  /** Node-classification models: the size of the graph in the model folder. */
  graph?: GraphSummary
  description?: string
  /** Run ids (see runs:list) that trained this model. */
  runs?: string[]
  /** Problems with this model folder; a model with errors cannot predict. */
  warnings: Problem[]
  errors: Problem[]
  /** Last parity result when the folder has reference samples. */
  parity?: ParityReport
  /** The deployed endpoint of this model (`endpoint` in model.json / demodeck.json), without secrets. */
  endpoint?: { url: string; timeoutMs: number }
  /** A model to run beside this one in its demo (`compare` in model.json / demodeck.json): the A/B pair. */
  compare?: string
}

export type PredictInput =
  { text: string } | { image: string } | { features: Record<string, number | string | null> } | { node: number; edits?: GraphEdits }

export interface Prediction {
  predictions: Array<{ label: string; score: number }>
  latencyMs: number
  /** Node-classification models: which node, and what the (edited) graph changed. */
  graph?: NodePrediction
}

export interface ParityReport {
  samples: number
  /** Export parity's figure (ONNX Runtime vs the framework's outputs), the same as `exportParity.maxAbsDiff`. */
  maxAbsDiff: number
  tolerance: number
  /** False only when `status` is 'failed'. */
  ok: boolean
  checkedAt: string
  /** The headline: states the figure that decided the status (see core/models/parity.ts). */
  message: string
  /** ok; warning (demodeck's preprocessing differs but the predictions agree); failed. */
  status: 'ok' | 'warning' | 'failed'
  /** ONNX Runtime on the reference feeds vs the framework's outputs. */
  exportParity: { maxAbsDiff: number; ok: boolean; samples: number }
  /** Demodeck's own preprocessing of the reference inputs: feeds vs the reference feeds, scores vs the framework's. */
  preprocessingParity?: { samples: number; maxFeedDiff: number; maxScoreDiff: number; scoreTolerance: number; sameTop: boolean; ok: boolean }
  /** One sentence per sample whose preprocessing differs, naming the sample and the stage where it starts. */
  findings: string[]
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
  /** Graph models: nodes, edges, features, classes and the message-passing layers. */
  graph?: GraphSummary & { layers: number }
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
  /** The file or folder the run was read from (deck-relative; the base name when outside the deck); runs of one file share it. */
  file?: string
  /** The run's W&B page, when its entity, project and id are known (synced, or a local wandb folder that names them). */
  url?: string
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

/**
 * A run's history as `runs:history` sends it: columns, not row objects (one
 * wire format from the importer to the chart). `steps[r]` is row r's `_step`
 * (ascending); `columns[key][r]` is that key's value in row r: a number, null
 * where the row has none, or 'NaN' | 'Infinity' | '-Infinity' (JSON has no
 * non-finite numbers). `_runtime`, `_timestamp` and `epoch` are columns too.
 */
export interface HistoryColumns {
  steps: number[]
  columns: Record<string, Array<number | string | null>>
}

/**
 * A what-if edit of a graph model's graph. Node ids are the graph file's (for the Cora
 * example: PyTorch Geometric's Planetoid node indices). Links are undirected: [a, b] and
 * [b, a] are the same citation.
 */
export interface GraphEdits {
  removeEdges?: Array<[number, number]>
  addEdges?: Array<[number, number]>
  /** Nodes whose features (words) are blanked. */
  clearFeatures?: number[]
}

/** Size of a graph model's graph. */
export interface GraphSummary {
  nodes: number
  /** Undirected links. */
  edges: number
  /** Feature width per node (e.g. vocabulary size). */
  features: number
  classes: number
}

/** A node's prediction from `models:predict` with `{ node }`. */
export interface NodePrediction {
  node: number
  /** True class index when the graph file has labels, else null. */
  label: number | null
  split: 'train' | 'val' | 'test' | 'none'
  /** Nodes whose top class differs from the unedited graph's (empty without edits). */
  changed: number[]
}

/** The static graph of a node-classification model, for drawing (`models:graph`). */
export interface GraphData {
  id: string
  nodes: number
  /** Undirected links, flattened: a0, b0, a1, b1, … */
  edges: number[]
  /** Stored 2-D positions, flattened: x0, y0, x1, y1, … (computed at training time). */
  layout: number[]
  /** True class per node (-1 when unknown). */
  labels: number[]
  /** 0 none, 1 train, 2 val, 3 test, per node. */
  split: number[]
  /** Number of non-zero features (words) per node. */
  featureCounts: number[]
  featureSize: number
  classNames: string[]
}

/** Predictions for every node after an edit (`models:graph-run`). */
export interface GraphRun {
  /** Top class per node. */
  classes: number[]
  /** Class probabilities, flattened node-major (nodes × classes), rounded to 4 decimals. */
  scores: number[]
  /** Nodes whose top class differs from the unedited graph's. */
  changed: number[]
  /** Accuracy per split on this graph (null when the split is empty). */
  accuracy: { train: number | null; val: number | null; test: number | null }
  /** Inference time in the worker (feeds + ONNX run + softmax), ms. */
  latencyMs: number
}

export type * from './types-endpoint'
export type * from './types-project'
export type * from './types-compare'
