/**
 * The deck's project links (front matter `links:`) and the one rule for
 * opening any link outside the app: http and https only, no credentials.
 * Used by the deck parser, the renderer (before `window.open`) and Electron's
 * main process (before `shell.openExternal`). Pure.
 */
import type { Problem, ProjectLink, ProjectLinkKind } from '../../shared/types'

/** Links past this many are ignored (the presenter's keys are 1–9 and 0). */
export const MAX_LINKS = 10
const MAX_LABEL = 60
const MAX_URL = 2000

/**
 * true when `url` may be handed to the system browser: an absolute http(s)
 * URL without a user name or password. `file:`, `javascript:`, `data:`,
 * custom schemes (which launch other programs) and anything unparsable are refused.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_URL) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  if (parsed.username !== '' || parsed.password !== '') return false
  return parsed.hostname !== ''
}

/** What a link points at, from its address (for its icon and the presenter's grouping). */
export function linkKind(url: string): ProjectLinkKind {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'web'
  }
  const host = parsed.hostname.toLowerCase()
  const path = parsed.pathname.toLowerCase()
  if (/(^|\.)(github\.com|gitlab\.com|bitbucket\.org)$/.test(host)) return /\/actions(\/|$)/.test(path) ? 'ci' : 'repository'
  if (/(^|\.)wandb\.(ai|me)$/.test(host)) return 'wandb'
  if (host === 'console.cloud.google.com' && /cloud-build/.test(path)) return 'ci'
  if (/^(console\.cloud\.google\.com|console\.aws\.amazon\.com|portal\.azure\.com)$/.test(host)) return 'cloud'
  if (/\/(docs|redoc|swagger)(\/|$)|\/openapi\.json$/.test(path)) return 'api-docs'
  if (/\.run\.app$|\.cloudfunctions\.net$|\.hf\.space$|\.azurewebsites\.net$/.test(host)) return 'api'
  return 'web'
}

function fallbackLabel(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.hostname.replace(/^www\./, '') + (parsed.pathname !== '/' ? parsed.pathname.replace(/\/$/, '') : '')
  } catch {
    return url
  }
}

function linkProblem(message: string, file: string | undefined): Problem {
  return file ? { code: 'deck/link-invalid', message, file } : { code: 'deck/link-invalid', message }
}

/**
 * Reads the front matter's `links:` — a list of `{ label, url }` (or bare
 * URLs), or a map of label → URL. Bad entries are skipped with a problem
 * that says why; the rest are kept in order.
 */
export function readLinks(value: unknown, problems: Problem[], file?: string): ProjectLink[] {
  if (value === undefined || value === null) return []
  let entries: Array<{ label: unknown; url: unknown }>
  if (Array.isArray(value)) {
    entries = value.map((entry: unknown) => {
      if (typeof entry === 'string') return { label: undefined, url: entry }
      if (entry && typeof entry === 'object') {
        const record = entry as Record<string, unknown>
        return { label: record['label'] ?? record['name'] ?? record['title'], url: record['url'] ?? record['href'] }
      }
      return { label: undefined, url: entry }
    })
  } else if (typeof value === 'object') {
    entries = Object.entries(value as Record<string, unknown>).map(([label, url]) => ({ label, url }))
  } else {
    problems.push(linkProblem('Front matter "links" must be a list of { label, url } entries (or label: url lines); it was ignored.', file))
    return []
  }
  const links: ProjectLink[] = []
  entries.forEach((entry, i) => {
    const where = typeof entry.label === 'string' && entry.label.trim() ? `"${entry.label.trim()}"` : `number ${i + 1}`
    if (typeof entry.url !== 'string' || entry.url.trim() === '') {
      problems.push(linkProblem(`Link ${where} in the front matter has no url: write "- label: Repository" and "  url: https://github.com/…".`, file))
      return
    }
    const url = entry.url.trim()
    if (!isSafeExternalUrl(url)) {
      const reason = /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(url)
        ? 'it carries a user name or password (never put credentials in a deck)'
        : 'only http:// and https:// addresses open from a deck'
      problems.push(linkProblem(`Link ${where} (${url.length > 80 ? url.slice(0, 80) + '…' : url}) was ignored: ${reason}.`, file))
      return
    }
    if (links.length >= MAX_LINKS) {
      problems.push(linkProblem(`Link ${where} was ignored: a deck has at most ${MAX_LINKS} links (keys 1–9 and 0).`, file))
      return
    }
    const rawLabel = typeof entry.label === 'string' || typeof entry.label === 'number' ? String(entry.label).trim() : ''
    const label = (rawLabel || fallbackLabel(url)).slice(0, MAX_LABEL)
    links.push({ label, url, kind: linkKind(url) })
  })
  return links
}

/** The key that opens link `index` in the presenter: 1–9, then 0 for the tenth. */
export function linkKey(index: number): string {
  return index === 9 ? '0' : String(index + 1)
}

/** W&B's web address for a run path `entity/project/runId`, given the API base (`https://api.wandb.ai` → `https://wandb.ai`). */
export function wandbRunUrl(path: string, apiBase = 'https://api.wandb.ai'): string | undefined {
  const parts = path.split('/')
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part))) return undefined
  let origin: string
  try {
    const base = new URL(apiBase)
    // W&B cloud serves its API on api.wandb.ai and its pages on wandb.ai; a self-hosted server serves both.
    origin = base.hostname === 'api.wandb.ai' ? 'https://wandb.ai' : base.origin
  } catch {
    origin = 'https://wandb.ai'
  }
  const [entity, project, runId] = parts as [string, string, string]
  return `${origin}/${entity}/${project}/runs/${runId}`
}
