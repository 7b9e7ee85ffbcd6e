/**
 * Resolves every live component of a deck against its models and runs:
 * `::demo` (and its `compare` pair), `::model-card` and `::drift` must name a model that exists, `::chart` must
 * match runs and metrics that exist. Used twice: by the preflight, and by the
 * host to add these to the deck's problems (so a typo is not only a notice on
 * a slide nobody has opened yet).
 */
import type { Deck, DirectiveUse, ModelInfo, Problem, RunInfo } from '../../shared/types'
import type { PreflightFinding } from '../../shared/preflight'
import { parseChartSpec } from '../series/chart-spec'
import { selectRuns } from '../series/select-runs'
import { canonicalMetric, resolveMetricKey } from '../series/aliases'

/**
 * Live components that are checked here (the others are checked by their own services when shown). The presenter
 * draws a placeholder for them, so its layout probe (ReadyCheck.tsx) leaves their slides to `npm run check`.
 */
export const LIVE_DIRECTIVES = ['demo', 'model-card', 'chart', 'drift']

/**
 * The models a directive runs, with the attribute naming each: `::demo` its model and the A/B pair
 * (`compare="id"`, unless "none"), `::model-card` and `::drift` their model.
 */
export function directiveModels(directive: DirectiveUse): Array<{ id: string; attribute: string }> {
  const { name, attributes } = directive
  if (name !== 'demo' && name !== 'model-card' && name !== 'drift') return []
  const out: Array<{ id: string; attribute: string }> = []
  if (attributes['model']) out.push({ id: attributes['model'], attribute: 'model' })
  const pair = attributes['compare']?.trim()
  if (name === 'demo' && pair && pair !== 'none') out.push({ id: pair, attribute: 'compare' })
  return out
}

/** The first slide (0-based) on which each model is used by a directive. */
export function modelSlides(deck: Deck): Map<string, number> {
  const used = new Map<string, number>()
  for (const slide of deck.slides) {
    for (const d of slide.directives) for (const { id } of directiveModels(d)) if (!used.has(id)) used.set(id, slide.index)
  }
  return used
}

function list(values: readonly string[], max = 8): string {
  const shown = values.slice(0, max).join(', ')
  return values.length > max ? `${shown}, …` : shown
}

/**
 * Findings for every directive that does not resolve. `models` / `runs` null
 * means that list is unknown (not loaded): those directives are not judged.
 */
export function directiveFindings(deck: Deck, models: readonly ModelInfo[] | null, runs: readonly RunInfo[] | null): PreflightFinding[] {
  const findings: PreflightFinding[] = []
  for (const slide of deck.slides) {
    const at = { slide: slide.index, file: slide.file }
    const where = `Slide ${slide.index + 1}`
    for (const directive of slide.directives) {
      for (const { id, attribute } of models ? directiveModels(directive) : []) {
        if (models!.some((m) => m.id === id)) continue
        findings.push({
          severity: 'error',
          code: 'directive/unknown-model',
          message: `${where}: ::${directive.name}{${attribute}="${id}"} names no model in models/ (${models!.length ? `the deck has ${list(models!.map((m) => m.id))}` : 'models/ is empty'}).`,
          ...at
        })
      }
      if (directive.name !== 'chart' || !runs) continue
      const spec = parseChartSpec(directive.attributes)
      for (const warning of spec.warnings) {
        findings.push({ severity: 'warning', code: 'directive/chart-attribute', message: `${where}: ::chart ${warning}`, ...at })
      }
      const selected = selectRuns(runs, spec.runs)
      if (runs.length === 0) {
        findings.push({
          severity: 'error',
          code: 'directive/no-runs',
          message: `${where}: ::chart has no runs to show: the deck has no training runs (put them under runs/ or models/<id>/runs/).`,
          ...at
        })
        continue
      }
      if (selected.unmatched.length > 0) {
        findings.push({
          severity: 'error',
          code: 'directive/runs-unmatched',
          message: `${where}: ::chart runs="${spec.runs}": ${selected.unmatched.map((u) => `"${u}"`).join(', ')} ${selected.unmatched.length === 1 ? 'matches' : 'match'} no run id, name, group or W&B run id (runs: ${list(runs.map((r) => (r.group ? `${r.id} (group ${r.group})` : r.id)))}).`,
          ...at
        })
      }
      if (selected.runs.length === 0) continue
      for (const wanted of spec.metrics) {
        if (selected.runs.some((r) => resolveMetricKey(r.metrics, wanted) !== undefined)) continue
        const available = [...new Set(selected.runs.flatMap((r) => r.metrics.map((m) => canonicalMetric(m))))]
        findings.push({
          severity: 'error',
          code: 'directive/unknown-metric',
          message: `${where}: ::chart metrics: "${wanted}" is logged by none of the ${selected.runs.length} matched run${selected.runs.length === 1 ? '' : 's'} (they log ${list(available) || 'nothing'}).`,
          ...at
        })
      }
    }
  }
  return findings
}

/** The same findings as deck problems (errors and warnings of `directive/*`), for the problems banner. */
export function directiveProblems(deck: Deck, models: readonly ModelInfo[] | null, runs: readonly RunInfo[] | null): Problem[] {
  return directiveFindings(deck, models, runs).map((f) => ({
    code: f.code,
    message: f.message,
    ...(f.file ? { file: f.file } : {}),
    ...(f.slide !== undefined ? { slide: f.slide } : {})
  }))
}
