/**
 * Words and rows of the drift report: the headline, the table rows (model
 * outputs first, then drifted features, then the rest by PSI), and figures in
 * a readable form. Pure, so unit tests read what the slide shows.
 */
import type { ColumnDrift, DriftReport } from '../../../../shared/types'

/** A table row: a column of the report and whether it is a model output (confidence, class). */
export interface DriftRow {
  key: string
  column: ColumnDrift
  output: boolean
}

/** Rows in reading order: the model's outputs, then drifted features, then the others by PSI, largest first. */
export function driftRows(report: DriftReport): DriftRow[] {
  const features = [...report.features].sort((x, y) => Number(y.drifted) - Number(x.drifted) || y.psi.value - x.psi.value)
  return [
    { key: 'confidence', column: report.confidence, output: true },
    { key: 'predicted class', column: report.predictedClass, output: true },
    ...features.map((f) => ({ key: `feature:${f.name}`, column: f, output: false }))
  ]
}

/** "3 of 13 features drifted — no dataset drift (Evidently's rule: at least half)" and the like. */
export function driftHeadline(report: DriftReport): { drift: boolean; text: string } {
  const outputs = [report.confidence.drifted ? 'the confidence' : null, report.predictedClass.drifted ? 'the predicted classes' : null].filter(
    Boolean
  )
  const outputText = outputs.length ? `; ${outputs.join(' and ')} shifted` : "; the model's answers did not shift"
  if (report.dataset) {
    const { driftedFeatures, features, drifted } = report.dataset
    return {
      drift: drifted || outputs.length > 0,
      text: `${driftedFeatures} of ${features} features drifted — ${drifted ? 'dataset drift' : 'no dataset drift'} (at least half must drift)${outputText}`
    }
  }
  return {
    drift: outputs.length > 0,
    text: outputs.length ? `The model's ${outputs.join(' and ').replace(/the /g, '')} shifted` : "The model's answers did not shift"
  }
}

/**
 * p-values and PSI as people read them: `0.72`, `0.013`, `2e-6`, `0`. With the test's `threshold`, digits are
 * added until the printed figure sits on the same side of it as the real one (0.0504 → `0.0504`, never a
 * `0.05` beside "ok"), as parity's figures do.
 */
export function formatStat(value: number, threshold?: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  if (Math.abs(value) < 1e-12) return value > 0 ? '<1e-12' : '>-1e-12'
  const side = (v: number): number => (threshold === undefined ? 0 : Math.sign(v - threshold))
  for (let digits = 2; digits <= 15; digits++) {
    const text = statText(value, digits)
    if (side(Number(text)) === side(value)) return text
  }
  return String(value)
}

/** `value` with `digits` significant digits (whole numbers from 10 up, an exponent below 0.001). */
function statText(value: number, digits: number): string {
  const abs = Math.abs(value)
  if (abs >= 10) return value.toFixed(Math.max(0, digits - 2))
  if (abs >= 1e-3) return String(Number(value.toPrecision(digits)))
  const [m, e] = value.toExponential(digits - 2).split('e')
  return `${m}e${Number(e)}`
}

/** Means of both sets, "12.9 → 13.8", for numeric columns. */
export function meansText(column: ColumnDrift): string {
  if (column.referenceMean === undefined || column.currentMean === undefined) return ''
  const f = (v: number): string => (Math.abs(v) >= 1000 ? String(Math.round(v)) : v.toPrecision(3))
  return `${f(column.referenceMean)} → ${f(column.currentMean)}`
}
