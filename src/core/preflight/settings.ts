/**
 * The preflight's settings, read from the deck's front matter:
 *
 * ```yaml
 * slides: 5            # the plan: 5 ± 1 (default); also "4-6" or { min: 4, max: 6 }
 * parts: [problem, model, data, framework, use case]   # or false to skip the parts check
 * projector: 1024x768  # also checked for overflow and text size (besides 1280×720)
 * ```
 *
 * Defaults follow the DTU MLOps exam: five slides (problem, model, data,
 * framework, use case) in six minutes, shown on a 1280×720 projector.
 */
import { splitFrontMatter } from '../deck/parse-deck'
import type { PreflightFinding } from '../../shared/preflight'

/** One part of the talk and the words that show a slide covers it. */
export interface PartSpec {
  name: string
  keywords: string[]
}

export interface PreflightSettings {
  slides: { min: number; max: number; planned: string }
  /** Empty when the parts check is switched off. */
  parts: PartSpec[]
  /** Sizes the layout is checked at, 1280×720 first. */
  viewports: Array<{ width: number; height: number }>
  /** Problems reading the settings themselves. */
  findings: PreflightFinding[]
}

/** The exam's five parts, with words a title or the notes would use for each. */
export const DEFAULT_PARTS: PartSpec[] = [
  { name: 'problem', keywords: ['problem', 'task', 'motivation', 'goal', 'challenge', 'question'] },
  { name: 'model', keywords: ['model', 'architecture', 'network', 'classifier'] },
  { name: 'data', keywords: ['data', 'dataset', 'datasets'] },
  { name: 'framework', keywords: ['framework', 'pipeline', 'tools', 'tooling', 'stack', 'mlops', 'infrastructure'] },
  { name: 'use case', keywords: ['use case', 'usecase', 'demo', 'deployment', 'deployed', 'deploy', 'live', 'application'] }
]

/** The projector every exam room has at least. */
export const BASE_VIEWPORT = { width: 1280, height: 720 }

function parseSize(value: unknown): { width: number; height: number } | null {
  const m = /^\s*(\d{3,5})\s*[x×*]\s*(\d{3,5})\s*$/i.exec(String(value))
  if (!m) return null
  return { width: Number(m[1]), height: Number(m[2]) }
}

function readSlides(value: unknown, findings: PreflightFinding[]): PreflightSettings['slides'] {
  const fallback = { min: 4, max: 6, planned: '5 ± 1' }
  if (value === undefined || value === null) return fallback
  if (typeof value === 'number' && Number.isInteger(value) && value > 0)
    return { min: Math.max(1, value - 1), max: value + 1, planned: `${value} ± 1` }
  const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(String(value))
  if (range && Number(range[1]) <= Number(range[2])) return { min: Number(range[1]), max: Number(range[2]), planned: `${range[1]}–${range[2]}` }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>
    const min = Number(o['min'])
    const max = Number(o['max'])
    if (Number.isInteger(min) && Number.isInteger(max) && min > 0 && min <= max) return { min, max, planned: `${min}–${max}` }
  }
  findings.push({
    severity: 'warning',
    code: 'settings/slides',
    message: `Front matter "slides: ${JSON.stringify(value)}" is not a slide count; using 5 ± 1. Write slides: 5 or slides: 4-6.`
  })
  return fallback
}

function readParts(value: unknown, findings: PreflightFinding[]): PartSpec[] {
  if (value === undefined || value === null) return DEFAULT_PARTS
  if (value === false) return []
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim())) {
    return (value as string[]).map((name) => {
      const known = DEFAULT_PARTS.find((p) => p.name === name.trim().toLowerCase())
      // "evaluation|results" lists alternatives for a custom part.
      return (
        known ?? {
          name: name.trim(),
          keywords: name
            .split('|')
            .map((k) => k.trim().toLowerCase())
            .filter(Boolean)
        }
      )
    })
  }
  findings.push({
    severity: 'warning',
    code: 'settings/parts',
    message: `Front matter "parts" must be a list like [problem, model, data, framework, use case] or false; using the exam's five parts.`
  })
  return DEFAULT_PARTS
}

/** Reads the preflight settings from the first slide file's front matter. */
export function readPreflightSettings(firstFile: { path: string; text: string } | undefined): PreflightSettings {
  const findings: PreflightFinding[] = []
  const data = firstFile ? splitFrontMatter(firstFile.text, firstFile.path).data : {}
  const viewports = [BASE_VIEWPORT]
  if (data['projector'] !== undefined) {
    const size = parseSize(data['projector'])
    if (size && (size.width !== BASE_VIEWPORT.width || size.height !== BASE_VIEWPORT.height)) viewports.push(size)
    else if (!size) {
      findings.push({
        severity: 'warning',
        code: 'settings/projector',
        message: `Front matter "projector: ${String(data['projector'])}" is not a size; write it like projector: 1024x768.`
      })
    }
  }
  return { slides: readSlides(data['slides'], findings), parts: readParts(data['parts'], findings), viewports, findings }
}

/** The first part keyword found in `text` (whole words, case-insensitive), or null. */
export function matchPart(part: PartSpec, text: string): string | null {
  const lower = text.toLowerCase()
  for (const keyword of part.keywords) {
    const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s_-]*')
    if (new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(lower)) return keyword
  }
  return null
}
