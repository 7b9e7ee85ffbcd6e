/**
 * The order the host warms a deck's models up in, and how a speaker's call
 * gets ahead of it.
 *
 * [Note: the first prediction jumps the warm-up]
 * On open the host loads every model the deck uses and runs its parity check,
 * one model after another (see `deckWarmOrder` for the order). On a two-core
 * laptop each step (a worker process starting ONNX Runtime, a session, a
 * parity run) takes the CPU the speaker's first prediction needs: a student who
 * went straight to the demo waited behind the other models' warm-up (1.45 s
 * against 1.10 s). So the speaker's calls (a prediction, a graph run) are
 * urgent: one for a model not loaded yet starts its worker at once, and the
 * queue starts no new step while any is in flight (the step under way
 * finishes; a worker load cannot be cut short), then carries on. Warm-up is
 * background work: it never delays what the audience is waiting for.
 */

/** One model's warm-up; `yieldToCalls` resolves once no urgent call is in flight (await it between heavy steps). */
export type WarmStep = (id: string, yieldToCalls: () => Promise<void>) => Promise<void>

/** Warms ids one at a time, in the order queued, pausing between steps while urgent calls run. */
export class WarmQueue {
  private readonly queued: string[] = []
  private running = false
  private urgentCalls = 0
  private resumeWaiters: Array<() => void> = []

  constructor(private readonly step: WarmStep) {}

  /** Queues ids not already waiting (a reload warms again what it changed), and starts warming. */
  enqueue(ids: readonly string[]): void {
    for (const id of ids) if (!this.queued.includes(id)) this.queued.push(id)
    if (!this.running) void this.run()
  }

  /** The ids still waiting, next first. */
  pending(): string[] {
    return [...this.queued]
  }

  /** Runs `call` ahead of the warm-up: no new warm-up step starts until it settles. */
  async urgent<T>(call: () => Promise<T>): Promise<T> {
    this.urgentCalls += 1
    try {
      return await call()
    } finally {
      this.urgentCalls -= 1
      if (this.urgentCalls === 0) for (const resume of this.resumeWaiters.splice(0)) resume()
    }
  }

  private yieldToCalls = (): Promise<void> => (this.urgentCalls === 0 ? Promise.resolve() : new Promise((resume) => this.resumeWaiters.push(resume)))

  private async run(): Promise<void> {
    this.running = true
    try {
      for (;;) {
        await this.yieldToCalls()
        const id = this.queued.shift()
        if (id === undefined) return
        try {
          await this.step(id, this.yieldToCalls)
        } catch {
          // Warming is best effort; the same error reaches the user on their first real call.
        }
      }
    } finally {
      this.running = false
    }
  }
}
