/**
 * The preflight report ("Ready for the talk?") as it crosses the boundary:
 * `npm run check` prints it, the presenter's panel shows it. Types only.
 */

/** How bad a finding is: errors fail `npm run check` (exit status 1). */
export type FindingSeverity = 'error' | 'warning' | 'info'

/** One thing the student should know or fix before the talk. */
export interface PreflightFinding {
  severity: FindingSeverity
  /** Stable machine code, e.g. `assets/remote`. */
  code: string
  /** One readable sentence: what is wrong and what to do. */
  message: string
  /** 0-based slide index, when the finding is about a slide. */
  slide?: number
  /** File relative to the deck folder. */
  file?: string
  /** 1-based line in `file`. */
  line?: number
}

/** 'pass': nothing found; 'warn': warnings only; 'fail': at least one error; 'skipped': could not be checked here. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped'

/** One area of the preflight (plan, directives, models, …). */
export interface PreflightCheck {
  id: string
  title: string
  status: CheckStatus
  /** One line: what was checked and the outcome ("5 slides, plan 5 ± 1"). */
  summary: string
  findings: PreflightFinding[]
}

/** The whole report. */
export interface PreflightReport {
  /** true when no check has an error. */
  ok: boolean
  errors: number
  warnings: number
  checks: PreflightCheck[]
  /** ISO time of the check. */
  checkedAt: string
  deckTitle: string
}

/** Layout measured in a browser: how far each slide's content runs past the slide at one window size. */
export interface LayoutMeasurement {
  /** Window (or projector) size the deck was shown at. */
  viewport: { width: number; height: number }
  /** Slides whose content is taller (or wider) than the 1280×720 slide, by how many slide pixels. */
  overflow: Array<{ slide: number; px: number }>
  /** Smallest rendered text height on screen, in screen pixels, with its slide (tiny text on a small projector). */
  smallestText?: { slide: number; px: number }
  /** Where the measurement came from, e.g. 'Chromium (audience view)'. */
  source: string
  /** Slides that could not be measured, with why (e.g. 'still loading'): neither passed nor failed. */
  unmeasured?: Array<{ slide: number; reason: string }>
}

/** What `deck:export` wrote (the presenter's "Backups" entry; `npm run export` prints the same). */
export interface ExportSummary {
  files: Array<{ path: string; bytes: number; what: string }>
  /** What the copies miss (a demo without a prediction, a file that could not be inlined). */
  warnings: string[]
  seconds: number
}
