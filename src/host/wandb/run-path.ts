/**
 * W&B run paths: `entity/project/runId`, or a pasted run URL
 * `https://wandb.ai/<entity>/<project>/runs/<runId>` (query, fragment and a
 * trailing slash allowed; also `…/runs/<id>/overview` and similar tabs).
 */
import { ApiError } from '../../shared/api'

export interface WandbRunPath {
  entity: string
  project: string
  runId: string
}

const PART = /^[A-Za-z0-9._-]+$/

/** Parses a run path or URL; throws ApiError('bad_request') with an example when it is neither. */
export function parseRunPath(input: string): WandbRunPath {
  const text = input.trim()
  let parts: string[]
  if (/^https?:\/\//i.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw badPath(input)
    }
    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    const at = segs.indexOf('runs')
    if (at !== 2 || segs.length < 4) throw badPath(input)
    parts = [segs[0]!, segs[1]!, segs[3]!]
  } else {
    parts = text.replace(/\/+$/, '').split('/')
    if (parts.length === 4 && parts[2] === 'runs') parts = [parts[0]!, parts[1]!, parts[3]!]
  }
  if (parts.length !== 3 || !parts.every((p) => PART.test(p))) throw badPath(input)
  return { entity: parts[0]!, project: parts[1]!, runId: parts[2]! }
}

function badPath(input: string): ApiError {
  const shown = input.length > 80 ? input.slice(0, 80) + '…' : input
  return new ApiError(
    'bad_request',
    `"${shown}" is not a W&B run: use entity/project/runId or a run URL like https://wandb.ai/entity/project/runs/abc12345.`
  )
}

/** `entity/project/runId`. */
export function formatRunPath(p: WandbRunPath): string {
  return `${p.entity}/${p.project}/${p.runId}`
}

/** Folder name of the deck cache: `<entity>__<project>__<runId>`. */
export function cacheFolderName(p: WandbRunPath): string {
  return `${p.entity}__${p.project}__${p.runId}`
}
