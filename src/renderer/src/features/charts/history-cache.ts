/**
 * The run-history cache behind history-store.ts (see [Note: fetch once, smooth once, downsample per view]),
 * apart from React and the API so unit tests run it in plain Node.
 */
import type { RunInfo } from '../../../../shared/types'

/** Histories by run and step count, fetched once each until the next `invalidate`. Pure: the fetch is passed in. */
export class HistoryCache<H> {
  private readonly cache = new Map<string, Promise<H>>()
  private generation = 0

  constructor(private readonly fetchHistory: (runId: string) => Promise<H>) {}

  /** Bumped by every `invalidate`: readers refetch what they show when it changes. */
  get revision(): number {
    return this.generation
  }

  /** The run's full history (cached; a failed fetch is forgotten so "Retry" can try again). */
  load(run: Pick<RunInfo, 'id' | 'steps'>): Promise<H> {
    const key = `${run.id}@${run.steps}`
    let pending = this.cache.get(key)
    if (!pending) {
      const fetched = this.fetchHistory(run.id)
      pending = fetched
      fetched.catch(() => {
        if (this.cache.get(key) === fetched) this.cache.delete(key)
      })
      this.cache.set(key, fetched)
    }
    return pending
  }

  /** Forgets every history: the runs on disk changed (a file replaced keeps its id and maybe its step count). */
  invalidate(): void {
    this.cache.clear()
    this.generation++
  }
}
