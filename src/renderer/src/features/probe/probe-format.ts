/**
 * Words and numbers of the probe panel: the flip sentence, chart rows, the
 * directive's options. Pure, so unit tests read exactly what the panel shows.
 */
import { findPerturbation, formatStrength, perturbationsFor, type PerturbationInfo } from '../../../../core/probe/catalog'
import type { ProbeResult, ProbeSetResult } from '../../../../shared/probe-types'
import type { ModelTask } from '../../../../shared/types'

/** Percent with no decimals under 10 % steps, as the chart's labels read. */
export function pct(score: number): string {
  return Number.isFinite(score) ? `${Math.round(score * 100)}%` : '—'
}

/** One sentence about where the prediction flips. */
export function flipSentence(result: ProbeResult): string {
  const info = findPerturbation(result.perturbation)
  const name = info?.label.toLowerCase() ?? result.perturbation
  const last = result.points.at(-1)
  if (!result.flip) {
    return `“${result.clean.label}” holds up to ${name} ${formatStrength(last?.strength ?? 0)} (${result.unit}); confidence ${pct(result.clean.score)} → ${pct(last?.cleanScore ?? Number.NaN)}`
  }
  return `Flips from “${result.clean.label}” to “${result.flip.label}” at ${name} ${formatStrength(result.flip.strength)} (${result.unit})`
}

/** Rows of the single-input chart: strength, confidence in the clean label and the top score, in percent. */
export function sweepRows(result: ProbeResult): Array<{ strength: number; clean: number; top: number; label: string; flipped: boolean }> {
  return result.points.map((p) => ({
    strength: p.strength,
    clean: p.cleanScore * 100,
    top: p.top.score * 100,
    label: p.top.label,
    flipped: p.top.label !== result.clean.label
  }))
}

/** Rows of the set chart: agreement and accuracy per strength, in percent. */
export function setRows(result: ProbeSetResult): Array<{ strength: number; agreement: number; accuracy?: number }> {
  return result.strengths.map((strength, i) => ({
    strength,
    agreement: result.agreement[i]! * 100,
    ...(result.accuracy ? { accuracy: result.accuracy[i]! * 100 } : {})
  }))
}

/** One sentence under the set chart. */
export function setSentence(result: ProbeSetResult): string {
  const last = result.strengths.length - 1
  const agree = `${pct(result.agreement[last]!)} of ${result.items} inputs keep their label at ${formatStrength(result.strengths[last]!)}`
  if (!result.accuracy) return agree
  return `${agree}; accuracy ${pct(result.accuracy[0]!)} → ${pct(result.accuracy[last]!)} on the ${result.labelled} labelled`
}

/** What a `::demo{… probe="…"}` asks for. */
export interface ProbeDirectiveOptions {
  perturbation: string
  /** Where the slider starts. */
  strength?: number
  seed?: number
}

/**
 * Reads the demo directive's `probe` attributes: `probe="gaussian-noise"` (or `probe` / `probe="true"` for the
 * first perturbation of the model's kind), `probe-strength="0.4"`, `probe-seed="7"`.
 * @returns the options, or a problem to show the presenter
 */
export function parseProbeAttributes(
  task: ModelTask,
  attributes: Record<string, string | undefined>
): { options: ProbeDirectiveOptions } | { problem: string } | null {
  const raw = attributes['probe']
  if (raw === undefined || raw === 'false' || raw === 'off') return null
  const list = perturbationsFor(task)
  if (list.length === 0) return { problem: `the robustness probe does not support ${task.replace('-', ' ')} models` }
  const id = raw === '' || raw === 'true' ? list[0]!.id : raw
  const info: PerturbationInfo | undefined = list.find((p) => p.id === id)
  if (!info) return { problem: `probe="${raw}" is not a perturbation for this model; use ${list.map((p) => p.id).join(', ')}` }
  const options: ProbeDirectiveOptions = { perturbation: info.id }
  const strength = Number(attributes['probe-strength'])
  if (attributes['probe-strength'] !== undefined && Number.isFinite(strength)) options.strength = Math.min(info.max, Math.max(info.min, strength))
  const seed = Number(attributes['probe-seed'])
  if (attributes['probe-seed'] !== undefined && Number.isInteger(seed) && seed >= 0) options.seed = seed
  return { options }
}
