/**
 * The attributes of a `::demo{…}` directive, read the same way by the slide
 * (which falls back to a default for a value it cannot use) and by
 * `npm run check` (which says which attribute was not used, and why). A typo
 * such as `source="remote"` or `timeout="4 sec"` otherwise demos the local
 * model with the default timeout and nobody notices before the exam.
 */
import type { DemoSource, ModelTask } from '../../shared/types'
import { perturbationsFor } from '../probe/catalog'

/** Every attribute `::demo` reads (README, "Slides"). */
export const DEMO_ATTRIBUTES = [
  'model',
  'compare',
  'set',
  'example',
  'top',
  'source',
  'timeout',
  'endpoint',
  'probe',
  'probe-strength',
  'probe-seed'
] as const

/** Reads a `source` attribute: deployed, local or both. */
export function parseSource(value: string | undefined): DemoSource | undefined {
  return value === 'deployed' || value === 'local' || value === 'both' ? value : undefined
}

/** The timeouts a slide may ask for, in ms. */
export const TIMEOUT_LIMITS = { min: 100, max: 60_000 }

/** Reads a `timeout` attribute: "5s", "2.5s", "800ms" or a number of ms. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (!value) return undefined
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value)
  if (!m) return undefined
  const ms = m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1])
  return ms >= TIMEOUT_LIMITS.min && ms <= TIMEOUT_LIMITS.max ? Math.round(ms) : undefined
}

/** The closest of `known` to `word` when it is a likely typo of it (at most two edits), else undefined. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = candidate
    }
  }
  return best
}

/** Levenshtein distance; words here are a few characters long. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = row
  }
  return previous[b.length]!
}

const suggest = (word: string, known: readonly string[]): string => {
  const near = closest(word, known)
  return near ? ` — did you mean "${near}"?` : ''
}

/**
 * What the slide would not use of a `::demo`'s attributes, one sentence each. `task` (the model's, when known)
 * lets the check name the perturbations a `probe` may use.
 */
export function demoAttributeProblems(attributes: Record<string, string>, task?: ModelTask): string[] {
  const problems: string[] = []
  for (const name of Object.keys(attributes)) {
    if (!(DEMO_ATTRIBUTES as readonly string[]).includes(name)) {
      problems.push(`::demo has no attribute "${name}"${suggest(name, DEMO_ATTRIBUTES)} (it reads ${DEMO_ATTRIBUTES.join(', ')}).`)
    }
  }
  const { source, timeout, top, example, probe } = attributes
  if (source !== undefined && !parseSource(source)) {
    problems.push(
      `::demo source="${source}" is not deployed, local or both${suggest(source, ['deployed', 'local', 'both'])}: the demo uses the model's default.`
    )
  }
  if (timeout !== undefined && !parseTimeout(timeout)) {
    problems.push(
      `::demo timeout="${timeout}" is not a time between ${TIMEOUT_LIMITS.min} ms and ${TIMEOUT_LIMITS.max / 1000} s (write "4s" or "800ms"): the demo waits the default 3 s.`
    )
  }
  if (top !== undefined && !(Number.isInteger(Number(top)) && Number(top) >= 1 && Number(top) <= 100)) {
    problems.push(`::demo top="${top}" is not a whole number from 1 to 100: the demo shows its default.`)
  }
  if (example !== undefined && !(Number.isInteger(Number(example)) && Number(example) >= 0)) {
    problems.push(`::demo example="${example}" is not an example's number (0 for the first): the demo starts empty.`)
  }
  if (task && probe !== undefined && probe !== '' && probe !== 'true' && probe !== 'false' && probe !== 'off') {
    const ids = perturbationsFor(task).map((p) => p.id)
    if (ids.length > 0 && !ids.includes(probe)) {
      problems.push(`::demo probe="${probe}" is not a perturbation for this model${suggest(probe, ids)} (use ${ids.join(', ')}).`)
    }
  }
  return problems
}
