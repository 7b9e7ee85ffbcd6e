/**
 * Interfaces of the host-side services. Electron main and the browser-mode
 * server both build the same services (see `create-host.ts`) and differ only in
 * how they start the inference process and store secrets.
 */
import type {
  GraphData,
  GraphEdits,
  GraphRun,
  HistoryColumns,
  ModelCard,
  ModelInfo,
  ParityReport,
  PredictInput,
  Prediction,
  RunInfo,
  WandbStatus
} from '../shared/types'
import type { ProbeJob, ProbeWorkerResult } from './probe/probe-protocol'

/** A child process running `inference.worker`, however the host starts it. */
export interface WorkerHandle {
  postMessage(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

/**
 * Starts a fresh inference worker process (Electron: utilityProcess.fork; browser mode: child_process.fork)
 * for one model (see [Note: one worker per model] in models/model-service.ts).
 */
export type WorkerSpawner = (modelId: string) => WorkerHandle

export interface ModelServiceApi {
  list(): Promise<ModelInfo[]>
  card(id: string): Promise<ModelCard>
  predict(id: string, input: PredictInput): Promise<Prediction>
  parity(id: string): Promise<ParityReport>
  /** The size of the model's ONNX file in bytes (null when it has none), without a parity check. */
  fileSize(id: string): Promise<number | null>
  /** Node-classification models: the graph to draw. */
  graph(id: string): Promise<GraphData>
  /** Node-classification models: every node's prediction after optional what-if edits. */
  graphRun(id: string, edits?: GraphEdits): Promise<GraphRun>
  /** Sweeps one input over perturbation strengths in the model's worker. */
  probe(id: string, job: ProbeJob): Promise<ProbeWorkerResult>
  /** Starts the demo models' workers and loads them in the background. */
  warm(ids: string[]): void
  /** Called when files under models/ change. */
  reload(): Promise<void>
  dispose(): void
}

/** Where the W&B key may be stored by the app itself (Electron safeStorage); absent in browser mode. */
export interface SecretStore {
  get(): string | null
  set(value: string): void
}

export interface RunsServiceApi {
  list(): Promise<RunInfo[]>
  /** A run's whole history as wire columns. */
  history(id: string): Promise<HistoryColumns>
  sync(path: string, full?: boolean): Promise<RunInfo>
  status(): Promise<WandbStatus>
  setKey(key: string): Promise<WandbStatus>
  reload(): Promise<void>
  /** Cancels the W&B syncs in flight. */
  cancelSync(): Promise<{ cancelled: number }>
  /** Stops the run index and cancels the syncs in flight; later calls fail. */
  dispose(): void
}
