/**
 * The request queue behind the live demo (see [Note: live predictions without a debounce] in
 * use-predictor.ts), as a plain class so it runs in unit tests without React or a DOM.
 *
 * [Note: the queue asks whoever is current]
 * The function that answers (the local model, the deployed endpoint, the A/B pair) can change while
 * requests are in flight or waiting: the source switch goes Deployed → Local. A waiting input is
 * sent with the caller set when it leaves the queue, never with the one set when it was queued, so
 * after the switch nothing more goes to the endpoint the presenter just turned away from.
 */

/** One answer, handed on only when it is newer than the answer on screen. */
export type QueueAnswer<J, R> = { job: J; seq: number; ms: number } & ({ ok: true; value: R } | { ok: false; error: unknown })

/** Sends one job; the queue calls it when a request slot is free. */
export type QueueCaller<J, R> = (job: J) => Promise<R>

/** At most `maxInFlight` requests at once; one waiting slot where the newest job replaces older ones. */
export class PredictQueue<J, R> {
  private nextSeq = 0
  private shownSeq = 0
  private inFlight = 0
  private waiting: { seq: number; job: J } | null = null

  /**
   * @param caller sends a job (replace it with `setCaller`).
   * @param onAnswer hears each answer that is newer than the last one it heard.
   * @param now the clock for round-trip times, ms.
   */
  constructor(
    private caller: QueueCaller<J, R>,
    private readonly onAnswer: (answer: QueueAnswer<J, R>) => void,
    private readonly maxInFlight = 2,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Sets who answers the jobs sent from now on (jobs waiting in the queue included). */
  setCaller(caller: QueueCaller<J, R>): void {
    this.caller = caller
  }

  /** Requests in flight now. */
  get pending(): number {
    return this.inFlight
  }

  /** Sends `job` now, or as soon as a slot frees up (replacing any job still waiting); returns its sequence number. */
  submit(job: J): number {
    const seq = ++this.nextSeq
    if (this.inFlight >= this.maxInFlight) this.waiting = { seq, job }
    else this.send(seq, job)
    return seq
  }

  /** Marks a client-side answer (e.g. a file that is not an image) as the newest: drops the waiting job and older answers. */
  supersede(): number {
    const seq = ++this.nextSeq
    this.shownSeq = seq
    this.waiting = null
    return seq
  }

  private send(seq: number, job: J): void {
    this.inFlight++
    const t0 = this.now()
    let request: Promise<R>
    try {
      request = this.caller(job)
    } catch (error) {
      request = Promise.reject(error)
    }
    request.then(
      (value) => this.settle({ job, seq, ms: this.now() - t0, ok: true, value }),
      (error: unknown) => this.settle({ job, seq, ms: this.now() - t0, ok: false, error })
    )
  }

  private settle(answer: QueueAnswer<J, R>): void {
    this.inFlight--
    const next = this.waiting
    if (next) {
      this.waiting = null
      this.send(next.seq, next.job)
    }
    if (answer.seq <= this.shownSeq) return // stale: a newer answer is already on screen
    this.shownSeq = answer.seq
    this.onAnswer(answer)
  }
}
