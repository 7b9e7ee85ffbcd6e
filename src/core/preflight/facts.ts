/**
 * What the preflight needs to know about a deck, gathered by a host service
 * (src/host/preflight/gather.ts) so the checks themselves stay pure: files,
 * models with their load and parity results, runs, layout measured in a
 * browser, and the shared clock state when an app is running.
 */
import type { Deck, ModelInfo, ParityReport, RunInfo, SyncState } from '../../shared/types'
import type { LayoutMeasurement } from '../../shared/preflight'
import type { SourceFile } from '../deck/parse-deck'
import type { ProjectFileTrial } from './project-files'

/** What happened when the host loaded one model and ran it. */
export interface ModelTrial {
  id: string
  /** Parity of ONNX Runtime against the export-time outputs, when reference.json exists. */
  parity?: ParityReport
  /** Why parity could not run (not: "no reference.json", see `noReference`). */
  parityError?: string
  noReference?: boolean
  /** A prediction on the model's first example (or defaults), when one was tried. */
  prediction?: { label: string; score: number }
  predictionError?: string
}

export interface PreflightFacts {
  deck: Deck
  /** The slide files' text, in presentation order (paths relative to the deck). */
  sources: SourceFile[]
  /** Every file under the deck folder that a talk loads (slides/, models/, runs/), relative path → bytes. */
  files: Array<{ path: string; bytes: number }>
  models: ModelInfo[] | null
  modelsError?: string
  /** Trials of the models the slides use. */
  trials: ModelTrial[]
  runs: RunInfo[] | null
  runsError?: string
  /** Layout measured in a browser; null when it could not be (with `layoutNote` saying why). */
  layout: LayoutMeasurement[] | null
  layoutNote?: string
  /** Each `::code`, `::checklist` and `::tree` read as its slide would; absent when not looked at. */
  projectFiles?: ProjectFileTrial[]
  /** The running app's shared state; null when no app is running (the CLI). */
  sync: SyncState | null
  /** Clock of the caller (ms since epoch) for elapsed-time arithmetic. */
  now: number
}
