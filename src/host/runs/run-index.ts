/**
 * The deck's run index: scans the deck for training runs (see deck-scan.ts
 * and runs.yaml), imports them with the pure importers, caches each parsed
 * source keyed by its files' mtime + size, gives every run a unique id, and
 * answers a run's history.
 */
import { stat } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ApiError } from '../../shared/api'
import type { HistoryColumns, Problem, RunInfo } from '../../shared/types'
import type { ImportedRun } from '../../core/metrics/types'
import { cacheFolderName, formatRunPath, parseRunPath } from '../wandb/run-path'
import { scanSources, sourceAnchor, sourceFiles, sourcesAt, type SourceRef } from './deck-scan'
import { exists, firstExisting, readText, subdirs } from './fs-util'
import { historyColumns } from '../../core/metrics/history-columns'
import { companionFiles, readSource } from './read-source'
import { parseRunsYaml } from './runs-yaml'
import { looksLikeWandbKey } from './secret-scan'
import { wandbRunUrl } from '../../core/project/links'

/** Where synced W&B runs are cached, relative to the deck. */
export const WANDB_CACHE_DIR = ['runs', 'wandb']

interface Entry {
  id: string
  run: ImportedRun
  info: RunInfo
  anchor: string
}

interface Candidate {
  /** The parsed run, shared with the cache (never mutated: overrides live beside it). */
  run: ImportedRun
  name?: string
  group?: string
  anchor: string
  /** Id choices, most specific first: name, then parent folder names. */
  parts: string[]
  extraWarnings: Problem[]
}

interface CachedSource {
  signature: string
  runs: ImportedRun[]
  keyLeak: boolean
}

const RESCAN_MS = 1000

/** Keeps ids URL- and filename-friendly; spaces and odd characters become '_'. */
function idPart(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'run'
}

/** Test hooks of the index. */
export interface RunIndexOptions {
  /**
   * Tests only: before reading each run source, the index waits (Atomics.wait) until `gate[0]` is non-zero,
   * which holds a parse "in flight" for as long as a test needs (and would freeze the host if the index ran on
   * its main thread).
   */
  gate?: Int32Array
}

/** Every run of a deck folder, parsed on demand and cached. */
export class RunIndex {
  private readonly cache = new Map<string, CachedSource>()
  private entries: Map<string, Entry> | null = null
  private scannedAt = 0
  private inflight: Promise<Map<string, Entry>> | null = null

  /** @param root absolute path of the deck folder */
  constructor(
    private readonly root: string,
    private readonly options: RunIndexOptions = {}
  ) {}

  /** Every run of the deck, ids unique. */
  async list(): Promise<RunInfo[]> {
    return [...(await this.scan()).values()].map((e) => e.info)
  }

  /** A run's whole history as wire columns (the chart downsamples per view: [Note: fetch once, smooth once, downsample per view]). */
  async history(id: string): Promise<HistoryColumns> {
    let entry = (await this.scan()).get(id)
    if (!entry) entry = (await this.scan(true)).get(id)
    if (!entry) throw new ApiError('not_found', `No run "${id}" in this deck. Runs live in runs/ or models/<id>/runs/.`)
    const { run } = entry
    return historyColumns(run)
  }

  /** Drops the directory scan so the next call sees file changes (parsed files stay cached by mtime+size). */
  reload(): void {
    this.entries = null
    this.scannedAt = 0
  }

  /** The run read from `folder` (after a W&B sync wrote it), rescanning now. */
  async runAt(folder: string): Promise<RunInfo | undefined> {
    this.entries = null
    const entries = await this.scan(true)
    for (const entry of entries.values()) if (entry.anchor === folder) return entry.info
    return undefined
  }

  private async scan(force = false): Promise<Map<string, Entry>> {
    if (!force && this.entries && Date.now() - this.scannedAt < RESCAN_MS) return this.entries
    // A forced scan must see files written after a scan already under way began (sync → read back).
    if (this.inflight && !force) return this.inflight
    if (this.inflight) await this.inflight.catch(() => undefined)
    if (this.inflight) return this.inflight
    this.inflight = this.buildEntries().finally(() => {
      this.inflight = null
    })
    const entries = await this.inflight
    this.entries = entries
    this.scannedAt = Date.now()
    return entries
  }

  private async buildEntries(): Promise<Map<string, Entry>> {
    const refs: Array<{ ref: SourceRef }> = []
    const deckWarnings: Problem[] = []
    // models/<id>/runs/**
    for (const modelDir of await subdirs(join(this.root, 'models'))) {
      for (const ref of await scanSources(join(this.root, 'models', modelDir, 'runs'))) refs.push({ ref })
    }
    for (const ref of await scanSources(join(this.root, 'runs'))) refs.push({ ref })

    // runs/runs.yaml: extra paths, names and groups, W&B runs not synced yet.
    const overrides = new Map<string, { name?: string; group?: string }>()
    const placeholders: Candidate[] = []
    const yamlText = await readText(join(this.root, 'runs', 'runs.yaml'))
    if (yamlText !== undefined) {
      const { entries, problems } = parseRunsYaml(yamlText)
      deckWarnings.push(...problems)
      if (looksLikeWandbKey(yamlText)) deckWarnings.push(keyWarning('runs/runs.yaml'))
      for (const e of entries) {
        const extra: { name?: string; group?: string } = {}
        if (e.name !== undefined) extra.name = e.name
        if (e.group !== undefined) extra.group = e.group
        if ('path' in e) {
          const target = await firstExisting([resolve(this.root, e.path), resolve(this.root, 'runs', e.path)])
          if (!target) {
            deckWarnings.push({ code: 'runs/missing-path', message: `runs/runs.yaml lists "${e.path}", which does not exist (paths are relative to the deck folder).`, file: 'runs/runs.yaml' })
            continue
          }
          const found = await sourcesAt(target)
          if (found.length === 0) deckWarnings.push({ code: 'runs/no-runs', message: `runs/runs.yaml lists "${e.path}", but no run was found there.`, file: 'runs/runs.yaml' })
          for (const ref of found) {
            refs.push({ ref })
            overrides.set(sourceAnchor(ref), extra)
          }
        } else {
          let p
          try {
            p = parseRunPath(e.wandb)
          } catch (error) {
            deckWarnings.push({ code: 'runs/bad-wandb-path', message: `runs/runs.yaml: ${(error as Error).message}`, file: 'runs/runs.yaml' })
            continue
          }
          const folder = join(this.root, ...WANDB_CACHE_DIR, cacheFolderName(p))
          overrides.set(folder, extra)
          if (!(await exists(join(folder, 'run.json')))) {
            placeholders.push({
              anchor: folder,
              parts: [cacheFolderName(p)],
              extraWarnings: [],
              run: {
                name: extra.name ?? `${p.project}/${p.runId}`,
                source: 'wandb',
                path: formatRunPath(p),
                ...(extra.group ? { group: extra.group } : {}),
                rows: [],
                metrics: [],
                config: {},
                summary: {},
                warnings: [{ code: 'wandb/not-synced', message: `W&B run ${formatRunPath(p)} is not synced yet: sync it once while online to show its curves.`, file: 'runs/runs.yaml' }]
              }
            })
          }
        }
      }
    }
    // Loose secrets in the deck (a shared deck must not carry a key).
    for (const f of ['.env', '.netrc', 'runs/.env', 'runs/.netrc']) {
      const t = await readText(join(this.root, f))
      if (t !== undefined && looksLikeWandbKey(t)) deckWarnings.push(keyWarning(f))
    }

    const candidates: Candidate[] = []
    const seen = new Set<string>()
    const live = new Set<string>()
    for (const { ref } of refs) {
      const anchor = sourceAnchor(ref)
      if (seen.has(anchor)) continue
      seen.add(anchor)
      live.add(anchor)
      const cached = await this.load(ref)
      const extra = overrides.get(anchor)
      const parents = this.parentNames(anchor)
      const stem = ref.kind === 'csv' || ref.kind === 'jsonl' ? basename(anchor, extname(anchor)) : basename(anchor)
      for (const run of cached.runs) {
        candidates.push({
          run,
          ...(extra?.name && cached.runs.length === 1 ? { name: extra.name } : {}),
          ...(extra?.group ? { group: extra.group } : {}),
          anchor,
          parts: cached.runs.length > 1 ? [idPart(run.name), idPart(stem), ...parents] : [idPart(stem), ...parents],
          extraWarnings: cached.keyLeak ? [keyWarning(relative(this.root, anchor))] : []
        })
      }
    }
    for (const p of placeholders) if (!seen.has(p.anchor)) candidates.push(p)
    for (const key of this.cache.keys()) if (!live.has(key)) this.cache.delete(key)

    const ids = uniqueIds(candidates.map((c) => c.parts))
    const out = new Map<string, Entry>()
    candidates.forEach((c, i) => {
      const id = ids[i]!
      out.set(id, { id, run: c.run, anchor: c.anchor, info: this.toInfo(id, c, deckWarnings) })
    })
    return out
  }

  private parentNames(anchor: string): string[] {
    const rel = relative(this.root, dirname(anchor))
    if (rel.startsWith('..') || isAbsolute(rel)) return dirname(anchor).split(sep).filter(Boolean).reverse().map(idPart)
    return rel.split(sep).filter(Boolean).reverse().map(idPart)
  }

  private async load(ref: SourceRef): Promise<CachedSource> {
    const anchor = sourceAnchor(ref)
    const signature = (await Promise.all(sourceFiles(ref).map(async (f) => {
      try {
        const s = await stat(f)
        return `${f}:${s.mtimeMs}:${s.size}`
      } catch {
        return `${f}:-`
      }
    }))).join('|')
    const hit = this.cache.get(anchor)
    if (hit && hit.signature === signature) return hit
    if (this.options.gate) Atomics.wait(this.options.gate, 0, 0)
    const runs = await readSource(ref)
    let keyLeak = false
    for (const f of companionFiles(ref)) {
      const t = await readText(f)
      if (t !== undefined && t.length < 4_000_000 && looksLikeWandbKey(t)) keyLeak = true
    }
    if (!keyLeak && runs.some((r) => looksLikeWandbKey(JSON.stringify(r.config)))) keyLeak = true
    const entry = { signature, runs, keyLeak }
    this.cache.set(anchor, entry)
    return entry
  }

  private toInfo(id: string, c: Candidate, deckWarnings: Problem[]): RunInfo {
    const rel = relative(this.root, c.anchor).split(sep).join('/')
    const inDeck = !rel.startsWith('..') && !isAbsolute(rel)
    const warnings = [...c.run.warnings, ...c.extraWarnings, ...deckWarnings].map((w) => {
      if (w.file && (w.file.startsWith('runs/') || w.file.startsWith('.') || w.file.includes('/'))) return w
      const base = inDeck ? rel : basename(c.anchor)
      return { ...w, file: w.file ? `${base}/${w.file}` : base }
    })
    const info: RunInfo = {
      id,
      name: c.name ?? c.run.name,
      source: c.run.source,
      metrics: c.run.metrics,
      steps: c.run.table ? c.run.table.length : c.run.rows.length,
      config: c.run.config,
      summary: c.run.summary,
      warnings
    }
    const group = c.group ?? c.run.group
    if (group) info.group = group
    if (c.run.state) info.state = c.run.state
    if (c.run.path) info.path = c.run.path
    info.file = inDeck ? rel : basename(c.anchor)
    const wandbPath = c.run.path ?? (c.run.entity && c.run.project && c.run.runId ? `${c.run.entity}/${c.run.project}/${c.run.runId}` : undefined)
    const url = wandbPath ? wandbRunUrl(wandbPath, process.env['WANDB_BASE_URL'] || undefined) : undefined
    if (url) info.url = url
    return info
  }
}

function keyWarning(file: string): Problem {
  return {
    code: 'security/wandb-key',
    message: `${file} seems to contain a W&B API key. Remove it before sharing this deck, and rotate the key at https://wandb.ai/authorize.`,
    file
  }
}

/** Ids from candidate parts: the first part, and on collision more parent folder names joined with "__". */
export function uniqueIds(partsList: string[][]): string[] {
  const depth = partsList.map(() => 1)
  const make = (i: number): string => partsList[i]!.slice(0, depth[i]).reverse().join('__')
  for (let round = 0; round < 12; round++) {
    const groups = new Map<string, number[]>()
    partsList.forEach((_, i) => {
      const id = make(i)
      groups.set(id, [...(groups.get(id) ?? []), i])
    })
    let changed = false
    for (const members of groups.values()) {
      if (members.length < 2) continue
      for (const i of members) {
        if (depth[i]! < partsList[i]!.length) {
          depth[i]!++
          changed = true
        }
      }
    }
    if (!changed) break
  }
  // Whatever still collides (same path parts) gets a counter.
  const used = new Map<string, number>()
  return partsList.map((_, i) => {
    const id = make(i)
    const n = used.get(id) ?? 0
    used.set(id, n + 1)
    return n === 0 ? id : `${id}__${n + 1}`
  })
}
