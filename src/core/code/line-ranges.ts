/**
 * Code-block options written after the language of a fenced block, the way
 * Slidev and reveal.js write them: ```` ```python {3-5} ```` highlights lines
 * 3–5, ```` ```python {1|3-5|7} ```` steps through three highlights (one
 * fragment per step), `{*}` or `{all}` is every line. Line numbers in ranges
 * are the numbers shown in the gutter (a `::code` excerpt of lines 12–40
 * highlights with `{15-17}`, the file's own numbers). Pure: strings in, data out.
 */

/** What a block's meta string asks for. */
export interface CodeMeta {
  /** One entry per step; each a set of gutter line numbers, or 'all'. null when the block highlights nothing. */
  steps: Array<Set<number> | 'all'> | null
  /** Show the line-number gutter (default true; `nonumbers` or `numbers=false` turns it off). */
  lineNumbers: boolean
  /** Number of the first line (default 1; `start=12`). */
  startLine: number
  /** Readable reasons for parts of the meta that were ignored. */
  problems: string[]
}

/** More steps than this in one block are cut (each is a key press in the talk). */
export const MAX_CODE_STEPS = 24

const RANGE = /^(\d+)(?:\s*-\s*(\d+))?$/

/** Parses one step like `3-5,7` (or `*`/`all`); null with a reason when it is not one. */
export function parseStep(text: string): { lines: Set<number> | 'all' } | { error: string } {
  const step = text.trim()
  if (step === '*' || step.toLowerCase() === 'all') return { lines: 'all' }
  const lines = new Set<number>()
  for (const part of step.split(',')) {
    const match = RANGE.exec(part.trim())
    if (!match) return { error: `"${step}" is not a line range (write 3, 3-5 or 1,4-6)` }
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (from < 1 || to < from) return { error: `"${part.trim()}" is not a line range: lines count from 1 and run upwards` }
    // A range of a million lines is a typo, not a highlight; cap the work.
    for (let line = from; line <= Math.min(to, from + 100_000); line++) lines.add(line)
  }
  return { lines }
}

/** Reads a fenced block's meta string (everything after the language). */
export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const result: CodeMeta = { steps: null, lineNumbers: true, startLine: 1, problems: [] }
  if (!meta) return result
  let rest = meta
  const braces = /\{([^}]*)\}/.exec(meta)
  if (braces) {
    rest = meta.slice(0, braces.index) + meta.slice(braces.index + braces[0].length)
    const steps: Array<Set<number> | 'all'> = []
    for (const text of braces[1]!.split('|')) {
      if (text.trim() === '') continue
      const step = parseStep(text)
      if ('error' in step) result.problems.push(step.error)
      else steps.push(step.lines)
    }
    if (steps.length > MAX_CODE_STEPS) {
      result.problems.push(`${steps.length} highlight steps; only the first ${MAX_CODE_STEPS} are used`)
      steps.length = MAX_CODE_STEPS
    }
    if (steps.length > 0) result.steps = steps
  }
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const [key, value] = word.split('=', 2) as [string, string | undefined]
    if (key === 'nonumbers' || (key === 'numbers' && value === 'false') || (key === 'lineNumbers' && value === 'false')) result.lineNumbers = false
    else if ((key === 'numbers' || key === 'lineNumbers') && (value === 'true' || value === undefined)) result.lineNumbers = true
    else if (key === 'start' && value !== undefined && /^\d+$/.test(value)) result.startLine = Math.max(1, Number(value))
    else result.problems.push(`"${word}" is not a code option (known: {ranges}, start=N, nonumbers)`)
  }
  return result
}

/**
 * Turns `"12-40"` (or `"12"`, `"12-"`, `"-40"`) into 1-based inclusive line
 * numbers within a file of `total` lines, or a reason it cannot.
 */
export function parseLineSpan(spec: string | undefined, total: number): { from: number; to: number } | { error: string } {
  if (spec === undefined || spec.trim() === '') return { from: 1, to: Math.max(1, total) }
  const match = /^\s*(\d*)\s*-?\s*(\d*)\s*$/.exec(spec)
  const dash = spec.includes('-')
  if (!match || (match[1] === '' && match[2] === '')) return { error: `lines="${spec}" is not a line range: write lines="12-40"` }
  const from = match[1] === '' ? 1 : Number(match[1])
  const to = match[2] === '' ? (dash ? total : from) : Number(match[2])
  if (from < 1 || to < from) return { error: `lines="${spec}" is not a line range: lines count from 1 and run upwards` }
  if (from > total) return { error: `lines="${spec}" starts after the end of the file, which has ${total} line${total === 1 ? '' : 's'}` }
  return { from, to: Math.min(to, total) }
}

/** Language id for a file name, for highlighting (`undefined`: show it as plain text). */
export function languageForFile(name: string): string | undefined {
  const lower = name.toLowerCase()
  const base = lower.split(/[\\/]/).pop() ?? lower
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'docker'
  if (base === 'makefile' || base === 'gnumakefile') return 'make'
  if (base === '.gitignore' || base === '.dockerignore' || base === '.gcloudignore') return 'ini'
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : ''
  return EXTENSIONS[ext]
}

const EXTENSIONS: Record<string, string> = {
  py: 'python',
  pyi: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'jsonc',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  sql: 'sql',
  diff: 'diff',
  patch: 'diff',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  js: 'typescript',
  mjs: 'typescript',
  cjs: 'typescript',
  jsx: 'typescript',
  md: 'markdown',
  mk: 'make'
}
