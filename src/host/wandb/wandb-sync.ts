/**
 * W&B behind `wandb:*`: whether a key is available (never the key), storing
 * one (Electron), and syncing a run into the deck as a run folder
 * (`runs/wandb/<entity>__<project>__<runId>/`) so it shows offline afterwards.
 *
 * [Note: W&B key hygiene] The key is resolved per call (env → ~/.netrc entry of
 * the host called → SecretStore), passed only to the GraphQL transport, and
 * redacted from every file we write and every message we show. RunInfo
 * carries a warning when a deck file looks like it holds a key, because decks
 * get shared (see runs/run-index.ts).
 *
 * A sync is bounded and can be cancelled: see [Note: a bounded W&B call] in
 * graphql.ts.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError } from '../../shared/api'
import type { RunInfo, WandbStatus } from '../../shared/types'
import { serializeRunFolder } from '../../core/metrics/run-folder'
import type { ImportedRun } from '../../core/metrics/types'
import { redact } from '../runs/secret-scan'
import type { SecretStore } from '../services'
import { baseUrlFrom, KEY_SHAPE, resolveKey } from './credentials'
import { cancelledError, type TransportOptions } from './graphql'
import { cacheFolderName, parseRunPath } from './run-path'
import { WandbClient } from './wandb-client'

/** The longest a sync may take, everything included (requests, retries, Retry-After waits). */
export const SYNC_BUDGET_MS = 20_000

/** Transport tuning a host or test may set; `budgetMs` bounds a whole sync. */
export type WandbTuning = Partial<Omit<TransportOptions, 'baseUrl' | 'apiKey' | 'fetchImpl' | 'signal' | 'deadline'>> & { budgetMs?: number }

/** Options of WandbSync (tests inject env, home and fetch). */
export interface WandbSyncOptions {
  secretStore?: SecretStore
  env: NodeJS.ProcessEnv
  homeDir?: string
  fetchImpl?: typeof fetch
  wandb?: WandbTuning
}

/** Status, key storage and bounded, cancellable syncs for one deck. */
export class WandbSync {
  private readonly running = new Set<AbortController>()

  /**
   * @param root absolute deck folder
   * @param readBack the deck's view of a run folder just written (its RunInfo)
   */
  constructor(
    private readonly root: string,
    private readonly options: WandbSyncOptions,
    private readonly readBack: (folder: string) => Promise<RunInfo | undefined>
  ) {}

  /** Whether a W&B key is available and from where — never the key. */
  async status(): Promise<WandbStatus> {
    const { key, source } = resolveKey(this.credentialOptions())
    return { hasKey: key !== null, keySource: source, baseUrl: baseUrlFrom(this.options.env), canStoreKey: this.options.secretStore !== undefined }
  }

  /** Checks the key's shape and saves it in the SecretStore; fails clearly where there is none (browser mode). */
  async setKey(key: string): Promise<WandbStatus> {
    const k = key.trim()
    if (!KEY_SHAPE.test(k)) {
      throw new ApiError(
        'bad_request',
        'That does not look like a W&B API key: keys are at least 40 letters and digits (optionally after a "prefix-"). Copy it from https://wandb.ai/authorize.'
      )
    }
    if (!this.options.secretStore) {
      throw new ApiError(
        'bad_request',
        'This host cannot store a W&B key (browser mode). Set WANDB_API_KEY or add api.wandb.ai to ~/.netrc, then restart demodeck.'
      )
    }
    try {
      this.options.secretStore.set(k)
    } catch (error) {
      throw new ApiError('internal', `The key could not be stored: ${redact((error as Error).message, k)}`)
    }
    return this.status()
  }

  /**
   * Fetches a W&B run (sampled history, or every row when `full`) within the
   * sync budget, writes it to runs/wandb/<entity>__<project>__<runId>/ and
   * returns its RunInfo. `cancel()` stops it.
   */
  async sync(path: string, full = false): Promise<RunInfo> {
    const runPath = parseRunPath(path)
    const { key } = resolveKey(this.credentialOptions())
    if (!key) {
      throw new ApiError('unauthorized', 'No W&B API key: set WANDB_API_KEY, add api.wandb.ai to ~/.netrc, or save a key in demodeck (desktop app).')
    }
    const controller = new AbortController()
    this.running.add(controller)
    try {
      const client = new WandbClient(this.transport(key, controller.signal))
      const run = await client.fetchRun(runPath, { full })
      // A Cancel pressed while the last reply was being read still wins: nothing is written.
      if (controller.signal.aborted) throw cancelledError()
      const folder = join(this.root, 'runs', 'wandb', cacheFolderName(runPath))
      await writeRunFolder(folder, run, cacheFolderName(runPath), key)
      const info = await this.readBack(folder)
      if (!info) throw new ApiError('internal', `Synced ${path} but could not read it back from runs/wandb/${cacheFolderName(runPath)}.`)
      return info
    } finally {
      this.running.delete(controller)
    }
  }

  /** Cancels every sync in flight; each fails at once with "cancelled". Returns how many were running. */
  cancel(): number {
    const n = this.running.size
    for (const controller of this.running) controller.abort()
    return n
  }

  private credentialOptions(): Parameters<typeof resolveKey>[0] {
    const o: Parameters<typeof resolveKey>[0] = { env: this.options.env }
    if (this.options.homeDir !== undefined) o.homeDir = this.options.homeDir
    if (this.options.secretStore !== undefined) o.secretStore = this.options.secretStore
    return o
  }

  private transport(apiKey: string, signal: AbortSignal): TransportOptions {
    const { budgetMs = SYNC_BUDGET_MS, ...tuning } = this.options.wandb ?? {}
    const now = tuning.now ?? Date.now
    const t: TransportOptions = {
      baseUrl: baseUrlFrom(this.options.env),
      apiKey,
      ...tuning,
      signal,
      deadline: { at: now() + budgetMs, totalMs: budgetMs }
    }
    if (this.options.fetchImpl) t.fetchImpl = this.options.fetchImpl
    const base = Number(this.options.env['DEMODECK_WANDB_RETRY_BASE_MS'])
    if (tuning.retryBaseMs === undefined && Number.isFinite(base) && base >= 0) t.retryBaseMs = base
    return t
  }
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
