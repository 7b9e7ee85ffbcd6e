/**
 * The parity check's verdict, from per-sample measurements (the host's
 * parity runner measures; this file judges and words it). Pure.
 *
 * [Note: two parities, one truthful headline]
 * Two different questions hide behind "does the deck match PyTorch?":
 * - export parity: ONNX Runtime fed the reference feeds (the tensors PyTorch
 *   saw) gives the reference outputs. A miss here means the ONNX file is wrong.
 * - preprocessing parity: demodeck's own decoding/resizing/tokenizing of the
 *   reference inputs gives those feeds, and the model then predicts what
 *   PyTorch predicted. A miss here means the deck's preprocessing differs.
 * A preprocessing difference whose final scores still agree within
 * `scoreTolerance` with the same top label on every sample is a *warning*
 * naming its cause (sample, stage, how much); anything else is a *failure*
 * naming the sample and the stage where the difference starts. The headline
 * states the figure that decided it, so it never contradicts its numbers.
 */
import type { ParityReport } from '../../shared/types'

/** Largest |a[i] - b[i]|; Infinity when lengths differ or a value is NaN on one side only. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity
  let max = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    if (Number.isNaN(x) && Number.isNaN(y)) continue
    const d = Math.abs(x - y)
    if (Number.isNaN(d)) return Infinity
    if (d > max) max = d
  }
  return max
}

/** Where a preprocessing difference starts. */
export type ParityStage = 'decode' | 'resize' | 'crop' | 'normalize' | 'tokenization' | 'encoding' | 'preprocessing'

/** What demodeck's preprocessing of one sample did differently, and where it starts. */
export interface StageDifference {
  stage: ParityStage
  /** e.g. "JPEG decoded differently at 214 pixels, max 29/255". */
  detail: string
}

/** Measurements of one reference sample. */
export interface SampleMeasure {
  /** 1-based index and a short name (the image file, the start of the text). */
  index: number
  name: string
  /**
   * ONNX Runtime vs the reference outputs, run on the reference feeds; on demodeck's own feeds when the
   * sample has none (`ownFeeds`), where a difference cannot be pinned on the export alone.
   */
  exportDiff: number | null
  ownFeeds?: boolean
  /** Demodeck's feeds vs the reference feeds (null: not comparable, e.g. no input given). */
  feedDiff: number | null
  /** Where demodeck's preprocessing starts to differ, when it does. */
  difference?: StageDifference
  /** Demodeck's scores (its own preprocessing) vs the framework's scores, as probabilities. */
  scoreDiff: number | null
  /** Top label: ours, the framework's. */
  top?: { ours: string; theirs: string }
  /** Why the sample could not be run at all (the demo refuses its input and it has no feeds). */
  skipped?: string
}

/** Inputs of the verdict. */
export interface ParityInputs {
  samples: SampleMeasure[]
  /** Tolerance of raw outputs and feeds (reference.json `tolerance`). */
  tolerance: number
  /** Tolerance of final scores when the preprocessing differs (reference.json `scoreTolerance`, default 0.01 = 1 point). */
  scoreTolerance: number
  producer?: string
  checkedAt?: Date
}

const sci = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toExponential(digits) : 'a shape mismatch')

/** "a ≤ b" or "a > b" with as many digits as it takes for the printed numbers to say the same as the real ones. */
function versus(a: number, b: number): string {
  const over = a > b
  for (let digits = 1; digits < 12; digits++) {
    const [x, y] = [sci(a, digits), sci(b, digits)]
    if (!Number.isFinite(a) || (over ? Number(x) > Number(y) : Number(x) <= Number(y))) return `${x} ${over ? '>' : '≤'} ${y}`
  }
  return `${a} ${over ? '>' : '≤'} ${b}`
}
const points = (v: number): string => `${Number((v * 100).toPrecision(2))} pt`
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** Judges the measurements; see [Note: two parities, one truthful headline]. */
export function judgeParity(args: ParityInputs): ParityReport {
  const { samples, tolerance, scoreTolerance } = args
  const source = args.producer ?? 'the training framework'
  const exported = samples.filter((s) => s.exportDiff !== null)
  const exportWorst = exported.reduce<SampleMeasure | null>((w, s) => (w && w.exportDiff! >= s.exportDiff! ? w : s), null)
  const exportMax = exportWorst?.exportDiff ?? 0
  const exportOk = exportMax <= tolerance
  const compared = samples.filter((s) => s.feedDiff !== null)
  const differing = compared.filter((s) => (s.feedDiff ?? 0) > tolerance || s.difference)
  const maxFeedDiff = compared.reduce((m, s) => Math.max(m, s.feedDiff ?? 0), 0)
  const maxScoreDiff = compared.reduce((m, s) => Math.max(m, s.scoreDiff ?? 0), 0)
  const sameTop = compared.every((s) => !s.top || s.top.ours === s.top.theirs)
  // A differing sample whose scores could not be compared proves nothing either way.
  const unmeasured = differing.filter((s) => s.scoreDiff === null)
  const scoresAgree = sameTop && maxScoreDiff <= scoreTolerance && unmeasured.length === 0
  const preprocessingOk = differing.length === 0
  const findings = differing.map((s) => finding(s, scoreTolerance))

  let status: ParityReport['status']
  let message: string
  const own = exported.filter((s) => s.ownFeeds).length
  const exportLine =
    own === exported.length && own > 0
      ? `ONNX Runtime, fed demodeck's own preprocessing of ${plural(own, 'sample')}, matches ${source} (max abs diff ${versus(exportMax, tolerance)})`
      : `ONNX Runtime matches ${source} on ${plural(exported.length, 'sample')} (max abs diff ${versus(exportMax, tolerance)})`
  if (exported.length === 0) {
    // [Note: no evidence is not OK] Every sample was refused (e.g. an empty text): nothing vouches for the export.
    status = 'failed'
    const first = samples.find((s) => s.skipped)
    message =
      `Parity not checked: none of the ${plural(samples.length, 'sample')} of reference.json could be run` +
      (first ? ` (sample ${first.index}, ${first.name}: ${first.skipped})` : '') +
      '. Give the samples inputs the demo accepts, or their model feeds ("feeds"), and check again.'
  } else if (!exportOk) {
    status = 'failed'
    message =
      `Export parity FAILED: on sample ${exportWorst!.index} (${exportWorst!.name}) ONNX Runtime's outputs differ from ${source}: max abs diff ${versus(exportMax, tolerance)} (the tolerance). ` +
      (exportWorst!.ownFeeds
        ? 'This sample has no reference feeds, so the export and demodeck\'s preprocessing cannot be told apart: re-export with the helper (it writes feeds), or check the preprocessing in model.json.'
        : 'The ONNX file computes something else than the model: re-export it (check the opset, dynamic axes and eval mode).')
  } else if (preprocessingOk) {
    status = 'ok'
    const pre = compared.length ? `; demodeck's preprocessing reproduces the reference inputs (max ${sci(maxFeedDiff)})` : ''
    message = `Parity OK: ${exportLine}${pre}.`
  } else if (sameTop && maxScoreDiff <= scoreTolerance && unmeasured.length > 0) {
    status = 'warning'
    message =
      `Parity OK with a warning: ${exportLine}, but demodeck's preprocessing differs on ${plural(differing.length, 'sample')} — ${findings.join('; ')}. ` +
      `Whether the predictions still agree could not be measured on ${unmeasured.map((s) => `sample ${s.index}`).join(', ')} (no scores to compare).`
  } else if (scoresAgree) {
    status = 'warning'
    message =
      `Parity OK with a warning: ${exportLine}, but demodeck's preprocessing differs on ${plural(differing.length, 'sample')} — ${findings.join('; ')}. ` +
      `The predictions still agree (same top label, scores within ${points(maxScoreDiff)}).`
  } else {
    status = 'failed'
    // The sample that breaks agreement, whether or not its own inputs differ (the headline must not contradict itself).
    const worst =
      compared.find((s) => s.top && s.top.ours !== s.top.theirs) ?? compared.reduce((w, s) => ((w.scoreDiff ?? 0) >= (s.scoreDiff ?? 0) ? w : s))
    const why = worst.top && worst.top.ours !== worst.top.theirs ? `the top label is "${worst.top.ours}" instead of "${worst.top.theirs}"` : `scores differ by ${points(worst.scoreDiff ?? Infinity)} (over ${points(scoreTolerance)})`
    message =
      `Preprocessing parity FAILED on sample ${worst.index} (${worst.name}): ${why}; ${finding(worst, scoreTolerance)}. ` +
      `The export itself is fine (${versus(exportMax, tolerance)}): make the deck's preprocessing match training (model.json's image/text/tabular block).`
  }
  return {
    samples: samples.length,
    // JSON has no Infinity: a shape mismatch is reported as the largest double.
    maxAbsDiff: Number.isFinite(exportMax) ? exportMax : Number.MAX_VALUE,
    tolerance,
    ok: status !== 'failed',
    checkedAt: (args.checkedAt ?? new Date()).toISOString(),
    message,
    status,
    exportParity: { maxAbsDiff: Number.isFinite(exportMax) ? exportMax : Number.MAX_VALUE, ok: exportOk, samples: exported.length },
    ...(compared.length
      ? {
          preprocessingParity: {
            samples: compared.length,
            maxFeedDiff: Number.isFinite(maxFeedDiff) ? maxFeedDiff : Number.MAX_VALUE,
            maxScoreDiff: Number.isFinite(maxScoreDiff) ? maxScoreDiff : Number.MAX_VALUE,
            scoreTolerance,
            sameTop,
            ok: preprocessingOk
          }
        }
      : {}),
    findings
  }
}

/** "sample 3 (`Rubroboletus.png`): decode — JPEG decoded differently at 214 pixels, max 29/255; scores agree to 0.1 pt". */
function finding(s: SampleMeasure, scoreTolerance: number): string {
  const what = s.difference ? `${s.difference.stage}: ${s.difference.detail}` : `preprocessing: inputs differ by up to ${sci(s.feedDiff ?? Infinity)}`
  const agree = s.scoreDiff !== null && s.scoreDiff <= scoreTolerance && (!s.top || s.top.ours === s.top.theirs)
  const scores = s.scoreDiff === null ? '' : agree ? `, scores agree to ${points(s.scoreDiff)}` : `, scores differ by ${points(s.scoreDiff)}`
  return `sample ${s.index} (${s.name}) ${what}${scores}`
}
