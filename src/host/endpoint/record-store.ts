/**
 * The opt-in rehearsal record: the last few deployed answers per model, kept in
 * the deck (`.demodeck/endpoint-record.json`) so that in a room without network
 * the demo can still say "last answered live at 09:14, 412 ms". Outside
 * slides/, models/ and runs/, so writing it never triggers a deck reload.
 * Writes are batched and atomic (temp file + rename).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { RecordedAnswer } from '../../shared/types'

/** Path of the record, relative to the deck. */
export const RECORD_FILE = '.demodeck/endpoint-record.json'

const recordSchema = z.object({
  version: z.literal(1),
  models: z.record(
    z.string(),
    z.array(z.object({ at: z.string(), latencyMs: z.number(), input: z.string(), label: z.string(), score: z.number().nullable() }))
  )
})

/** Reads and appends to the deck's record file. */
export class RecordStore {
  private data: Record<string, RecordedAnswer[]> = {}
  private loaded: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()
  /** Answers added since the last write: a deck without a record never gets a file. */
  private dirty = false

  constructor(
    private readonly deckRoot: string,
    private readonly log: (message: string) => void = () => undefined
  ) {}

  /** Loads the file once; a missing or broken file is an empty record (broken: logged). */
  load(): Promise<void> {
    this.loaded ??= readFile(join(this.deckRoot, RECORD_FILE), 'utf8')
      .then(
        (text) => {
          const parsed = recordSchema.safeParse(JSON.parse(text))
          if (parsed.success) this.data = { ...parsed.data.models, ...this.data }
          else this.log(`${RECORD_FILE} is not a demodeck record; it will be rewritten`)
        },
        () => undefined
      )
      .catch(() => this.log(`${RECORD_FILE} is not JSON; it will be rewritten`))
    return this.loaded
  }

  /** Answers kept for a model, newest first. */
  get(model: string): RecordedAnswer[] {
    return this.data[model] ?? []
  }

  /** Adds an answer, keeping the newest `keep`; the file is written within a second. */
  add(model: string, answer: RecordedAnswer, keep: number): void {
    this.data[model] = [answer, ...(this.data[model] ?? [])].slice(0, keep)
    this.dirty = true
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.flush()
      }, 500)
      this.timer.unref()
    }
  }

  /** Writes pending answers now (nothing when none were added). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (!this.dirty) return this.writing
    this.dirty = false
    const text = JSON.stringify({ version: 1, models: this.data }, null, 2) + '\n'
    this.writing = this.writing.then(async () => {
      try {
        const file = join(this.deckRoot, RECORD_FILE)
        await mkdir(join(this.deckRoot, '.demodeck'), { recursive: true })
        await writeFile(file + '.tmp', text)
        await rename(file + '.tmp', file)
      } catch (error) {
        this.log(`cannot write ${RECORD_FILE}: ${(error as Error).message}`)
      }
    })
    return this.writing
  }
}
