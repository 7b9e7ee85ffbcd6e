/**
 * The runs service behind `runs:*` and `wandb:*`: scans the deck for training
 * runs (see deck-scan.ts and runs.yaml), imports them with the pure importers,
 * caches each parsed source keyed by its files' mtime + size, and syncs runs
 * from W&B into the deck as run folders (`runs/wandb/<entity>__<project>__<runId>/`)
 * so they show offline afterwards.
 *
 * [Note: W&B key hygiene] The key is resolved per call (env → ~/.netrc →
 * SecretStore), passed only to the GraphQL transport, and redacted from every
 * file we write. RunInfo carries a warning when a deck file looks like it holds
 * a key, because decks get shared.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ApiError } from '../../shared/api'
import type { HistoryColumns, Problem, RunInfo, WandbStatus } from '../../shared/types'
import type { RunsServiceApi, SecretStore } from '../services'
import { serializeRunFolder } from '../../core/metrics/run-folder'
import type { ImportedRun } from '../../core/metrics/types'
import { historyColumns } from '../../core/metrics/history-columns'
import { baseUrlFrom, KEY_SHAPE, resolveKey } from '../wandb/credentials'
import type { TransportOptions } from '../wandb/graphql'
import { cacheFolderName, formatRunPath, parseRunPath } from '../wandb/run-path'
import { WandbClient } from '../wandb/wandb-client'
import { scanSources, sourceAnchor, sourceFiles, sourcesAt, type SourceRef } from './deck-scan'
import { companionFiles, readSource } from './read-source'
import { parseRunsYaml } from './runs-yaml'
import { looksLikeWandbKey, redact } from './secret-scan'

/** Options of RunsService; all optional (tests inject env, home and fetch). */
export interface RunsServiceOptions {
  /** Electron safeStorage-backed store; absent in browser mode. */
  secretStore?: SecretStore
  env?: NodeJS.ProcessEnv
  homeDir?: string
  fetchImpl?: typeof fetch
  /** W&B transport tuning (retry base, timeout…); env DEMODECK_WANDB_RETRY_BASE_MS also sets the retry base. */
  wandb?: Partial<Omit<TransportOptions, 'baseUrl' | 'apiKey' | 'fetchImpl'>>
}

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
const WANDB_CACHE_DIR = ['runs', 'wandb']

/** Keeps ids URL- and filename-friendly; spaces and odd characters become '_'. */
function idPart(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'run'
}

export class RunsService implements RunsServiceApi {
  private readonly root: string
  private readonly env: NodeJS.ProcessEnv
  private readonly cache = new Map<string, CachedSource>()
  private entries: Map<string, Entry> | null = null
  private scannedAt = 0
  private inflight: Promise<Map<string, Entry>> | null = null

  /**
   * @param deckRoot absolute or relative path of the deck folder
   * @param options secret store (Electron), env/home/fetch overrides for tests
   */
  constructor(
    deckRoot: string,
    private readonly options: RunsServiceOptions = {}
  ) {
    this.root = resolve(deckRoot)
    this.env = options.env ?? process.env
  }

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
  async reload(): Promise<void> {
    this.entries = null
    this.scannedAt = 0
  }

  /** Whether a W&B key is available and from where — never the key. */
  async status(): Promise<WandbStatus> {
    const { key, source } = resolveKey(this.credentialOptions())
    return { hasKey: key !== null, keySource: source, baseUrl: baseUrlFrom(this.env), canStoreKey: this.options.secretStore !== undefined }
  }

  /** Checks the key's shape and saves it in the SecretStore; fails clearly where there is none (browser mode). */
  async setKey(key: string): Promise<WandbStatus> {
    const k = key.trim()
    if (!KEY_SHAPE.test(k)) {
      throw new ApiError('bad_request', 'That does not look like a W&B API key: keys are at least 40 letters and digits (optionally after a "prefix-"). Copy it from https://wandb.ai/authorize.')
    }
    if (!this.options.secretStore) {
      throw new ApiError('bad_request', 'This host cannot store a W&B key (browser mode). Set WANDB_API_KEY or add api.wandb.ai to ~/.netrc, then restart demodeck.')
    }
    try {
      this.options.secretStore.set(k)
    } catch (error) {
      throw new ApiError('internal', `The key could not be stored: ${redact((error as Error).message, k)}`)
    }
    return this.status()
  }

  /**
   * Fetches a W&B run (sampled history, or every row when `full`), writes it
   * to runs/wandb/<entity>__<project>__<runId>/ and returns its RunInfo.
   */
  async sync(path: string, full = false): Promise<RunInfo> {
    const runPath = parseRunPath(path)
    const { key } = resolveKey(this.credentialOptions())
    if (!key) {
      throw new ApiError('unauthorized', 'No W&B API key: set WANDB_API_KEY, add api.wandb.ai to ~/.netrc, or save a key in demodeck (desktop app).')
    }
    const client = new WandbClient(this.transport(key))
    const run = await client.fetchRun(runPath, { full })
    const folder = join(this.root, ...WANDB_CACHE_DIR, cacheFolderName(runPath))
    await writeRunFolder(folder, run, cacheFolderName(runPath), key)
    this.entries = null
    const entries = await this.scan(true)
    for (const entry of entries.values()) if (entry.anchor === folder) return entry.info
    throw new ApiError('internal', `Synced ${formatRunPath(runPath)} but could not read it back from ${relative(this.root, folder)}.`)
  }

  private credentialOptions(): Parameters<typeof resolveKey>[0] {
    const o: Parameters<typeof resolveKey>[0] = { env: this.env }
    if (this.options.homeDir !== undefined) o.homeDir = this.options.homeDir
    if (this.options.secretStore !== undefined) o.secretStore = this.options.secretStore
    return o
  }

  private transport(apiKey: string): TransportOptions {
    const t: TransportOptions = { baseUrl: baseUrlFrom(this.env), apiKey, ...this.options.wandb }
    if (this.options.fetchImpl) t.fetchImpl = this.options.fetchImpl
    const base = Number(this.env['DEMODECK_WANDB_RETRY_BASE_MS'])
    if (this.options.wandb?.retryBaseMs === undefined && Number.isFinite(base) && base >= 0) t.retryBaseMs = base
    return t
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

async function writeRunFolder(folder: string, run: ImportedRun, id: string, key: string): Promise<void> {
  await mkdir(folder, { recursive: true })
  const files = serializeRunFolder(run, id)
  for (const [name, content] of Object.entries(files)) {
    // Write then rename, so a crash never leaves a half-written cache that looks complete.
    const tmp = join(folder, `.${name}.tmp`)
    await writeFile(tmp, redact(content, key), 'utf8')
    await rename(tmp, join(folder, name))
  }
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
  } catch {
    return []
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return undefined
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

async function firstExisting(paths: string[]): Promise<string | null> {
  for (const p of paths) if (await exists(p)) return p
  return null
}
