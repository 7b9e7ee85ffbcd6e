/**
 * The runs service behind `runs:*` and `wandb:*`: the deck's run index
 * (run-index.ts: scanning, importing, ids, history; in a worker thread, see
 * [Note: run files off the main thread] in run-index-thread.ts) and W&B
 * (wandb/wandb-sync.ts: key status and storage, bounded syncs with Cancel)
 * behind one interface.
 */
import { resolve } from 'node:path'
import type { HistoryColumns, RunInfo, WandbStatus } from '../../shared/types'
import type { RunsServiceApi, SecretStore } from '../services'
import { WandbSync, type WandbTuning } from '../wandb/wandb-sync'
import type { RunIndexOptions } from './run-index'
import { RunIndexThread } from './run-index-thread'

export { uniqueIds } from './run-index'

/** Options of RunsService; all optional (tests inject env, home and fetch). */
export interface RunsServiceOptions {
  /** Electron safeStorage-backed store; absent in browser mode. */
  secretStore?: SecretStore
  env?: NodeJS.ProcessEnv
  homeDir?: string
  fetchImpl?: typeof fetch
  /**
   * W&B transport tuning (retry base, timeout…) and `budgetMs`, the bound of a whole sync (default 20 s);
   * env DEMODECK_WANDB_RETRY_BASE_MS also sets the retry base.
   */
  wandb?: WandbTuning
  /** Test hooks of the run index (see RunIndexOptions). */
  index?: RunIndexOptions
}

export class RunsService implements RunsServiceApi {
  private readonly index: RunIndexThread
  private readonly wandb: WandbSync

  /**
   * @param deckRoot absolute or relative path of the deck folder
   * @param options secret store (Electron), env/home/fetch overrides for tests
   */
  constructor(deckRoot: string, options: RunsServiceOptions = {}) {
    const root = resolve(deckRoot)
    this.index = new RunIndexThread(root, options.index ?? {})
    this.wandb = new WandbSync(
      root,
      {
        env: options.env ?? process.env,
        ...(options.secretStore ? { secretStore: options.secretStore } : {}),
        ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
        ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
        ...(options.wandb ? { wandb: options.wandb } : {})
      },
      (folder) => this.index.runAt(folder)
    )
  }

  /** Every run of the deck, ids unique. */
  list(): Promise<RunInfo[]> {
    return this.index.list()
  }

  /** A run's whole history as wire columns. */
  history(id: string): Promise<HistoryColumns> {
    return this.index.history(id)
  }

  /** Drops the directory scan so the next call sees file changes. */
  reload(): Promise<void> {
    return this.index.reload()
  }

  /** Whether run files are parsed in a worker thread (false where the bundle has no worker file). */
  get threaded(): boolean {
    return this.index.threaded
  }

  /** Whether a W&B key is available and from where — never the key. */
  status(): Promise<WandbStatus> {
    return this.wandb.status()
  }

  /** Checks the key's shape and stores it (Electron); fails clearly in browser mode. */
  setKey(key: string): Promise<WandbStatus> {
    return this.wandb.setKey(key)
  }

  /** Syncs a W&B run into the deck, within the sync budget. */
  sync(path: string, full = false): Promise<RunInfo> {
    return this.wandb.sync(path, full)
  }

  /** Cancels the syncs in flight. */
  async cancelSync(): Promise<{ cancelled: number }> {
    return { cancelled: this.wandb.cancel() }
  }

  /** Stops the index's worker thread (it holds every parsed history) and cancels the syncs in flight. */
  dispose(): void {
    this.index.dispose()
    this.wandb.cancel()
  }
}
