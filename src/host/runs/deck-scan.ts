/**
 * Finds the run sources of a deck: `models/<id>/runs/**` and `runs/**`, plus
 * the `path:` entries of `runs/runs.yaml`. A folder is one of: a demodeck run
 * folder (run.json / history.jsonl), a wandb run folder (*.wandb), a
 * TensorBoard run (event files here, or Keras-style in train/ + validation/
 * subfolders); loose .csv / .jsonl files are sources of their own. Symlinked
 * folders (wandb's `latest-run`) are not followed, so nothing is read twice.
 */
import { readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export type SourceRef =
  | { kind: 'run-folder'; dir: string }
  | { kind: 'wandb-folder'; dir: string; wandbFile: string | null }
  | { kind: 'tfevents'; dir: string; files: Array<{ path: string; prefix: string }>; hparams: string | null }
  | { kind: 'csv'; file: string }
  | { kind: 'jsonl'; file: string }

const MAX_DEPTH = 8
const SKIP_DIRS = new Set(['node_modules', '.git', 'plugins', '__pycache__'])
const KERAS_SPLITS = ['train', 'validation', 'eval', 'test']

const isEvents = (name: string): boolean => name.includes('tfevents')

/** All sources under `root` (absolute paths). A missing root yields none. */
export async function scanSources(root: string, depth = 0): Promise<SourceRef[]> {
  let entries
  try {
    entries = await readdir(root, { withFileTypes: true })
  } catch {
    return []
  }
  const files = entries.filter((e) => e.isFile()).map((e) => e.name)
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name)
  if (files.includes('run.json') || files.includes('history.jsonl')) return [{ kind: 'run-folder', dir: root }]
  const wandbFiles = files.filter((f) => f.endsWith('.wandb')).sort()
  if (wandbFiles.length > 0 || (dirs.includes('files') && /^(offline-)?run-\d{8}_\d{6}-/.test(basename(root)))) {
    const preferred = wandbFiles.find((f) => /^run-.+\.wandb$/.test(f)) ?? wandbFiles[0] ?? null
    return [{ kind: 'wandb-folder', dir: root, wandbFile: preferred ? join(root, preferred) : null }]
  }
  const events = files.filter(isEvents).sort()
  if (events.length > 0) {
    return [
      {
        kind: 'tfevents',
        dir: root,
        files: events.map((f) => ({ path: join(root, f), prefix: '' })),
        hparams: files.includes('hparams.yaml') ? join(root, 'hparams.yaml') : null
      }
    ]
  }
  const out: SourceRef[] = []
  // Keras writes <run>/train/ and <run>/validation/: one run, tags prefixed with the split.
  const splitFiles: Array<{ path: string; prefix: string }> = []
  const consumed = new Set<string>()
  for (const split of KERAS_SPLITS.filter((s) => dirs.includes(s))) {
    let sub
    try {
      sub = await readdir(join(root, split), { withFileTypes: true })
    } catch {
      continue
    }
    const ev = sub.filter((e) => e.isFile() && isEvents(e.name)).map((e) => e.name).sort()
    if (ev.length === 0) continue
    consumed.add(split)
    for (const f of ev) splitFiles.push({ path: join(root, split, f), prefix: `${split}/` })
  }
  if (splitFiles.length > 0) out.push({ kind: 'tfevents', dir: root, files: splitFiles, hparams: null })
  for (const f of files.sort()) {
    const lower = f.toLowerCase()
    if (lower.endsWith('.csv')) out.push({ kind: 'csv', file: join(root, f) })
    else if (lower.endsWith('.jsonl')) out.push({ kind: 'jsonl', file: join(root, f) })
  }
  if (depth < MAX_DEPTH) {
    for (const d of dirs.sort()) {
      if (consumed.has(d) || SKIP_DIRS.has(d) || (d.startsWith('.') && d !== '.wandb')) continue
      out.push(...(await scanSources(join(root, d), depth + 1)))
    }
  }
  return out
}

/** Sources of one explicit path (folder or file) from runs.yaml. */
export async function sourcesAt(path: string): Promise<SourceRef[]> {
  const lower = path.toLowerCase()
  if (lower.endsWith('.csv')) return [{ kind: 'csv', file: path }]
  if (lower.endsWith('.jsonl')) return [{ kind: 'jsonl', file: path }]
  if (lower.endsWith('.wandb')) return [{ kind: 'wandb-folder', dir: dirname(path), wandbFile: path }]
  if (isEvents(basename(path))) return [{ kind: 'tfevents', dir: dirname(path), files: [{ path, prefix: '' }], hparams: null }]
  return scanSources(path)
}

/** The folder or file a source is named after. */
export function sourceAnchor(ref: SourceRef): string {
  return ref.kind === 'csv' || ref.kind === 'jsonl' ? ref.file : ref.dir
}

/** Every file a source reads (for the cache signature). */
export function sourceFiles(ref: SourceRef): string[] {
  switch (ref.kind) {
    case 'run-folder':
      return ['run.json', 'config.json', 'summary.json', 'history.jsonl'].map((f) => join(ref.dir, f))
    case 'wandb-folder':
      return [ref.wandbFile, join(ref.dir, 'files', 'config.yaml'), join(ref.dir, 'files', 'wandb-summary.json')].filter((f): f is string => f !== null)
    case 'tfevents':
      return [...ref.files.map((f) => f.path), ...(ref.hparams ? [ref.hparams] : [])]
    case 'csv':
    case 'jsonl':
      return [ref.file]
  }
}
