/**
 * The one contract between the renderer and a host (Electron main or the
 * browser-mode server). Every channel has: a request type, a response type, a
 * zod schema for the request (validated on the host side), and an HTTP route
 * (in routes.ts, with the event names and errors: the renderer's zod-free half).
 *
 * [Note: one channel map, three transports]
 * Electron serves each channel with `ipcMain.handle(channel)`; the browser-mode
 * server serves the same channel at `route.method route.path`, building the
 * request object from path parameters and the query string (GET) or the JSON
 * body (POST), and validating it with the same schema; it also carries every
 * channel over one WebSocket at /api/ws (`{ id, channel, payload }` messages,
 * see src/server/websocket.ts), which the renderer prefers for speed. Adding a
 * channel here without a handler breaks the build (`Handlers` is a mapped type
 * over it).
 */
import { z } from 'zod'
import type {
  Deck,
  EndpointHealth,
  EndpointPrediction,
  GraphData,
  GraphRun,
  HistoryColumns,
  ModelCard,
  ModelInfo,
  ParityReport,
  Prediction,
  ProjectChecklist,
  ProjectCode,
  ProjectTree,
  RunInfo,
  SyncState,
  WandbStatus,
  AbPrediction,
  AbSetReport,
  DriftReport
} from './types'
import { MAX_SET_ITEMS, MAX_TEXT_CHARS } from './limits'
import type { LoggedPrediction, PredictionLogExport, PredictionLogPage, ProbeResult, ProbeSetResult } from './probe-types'
import type { ExportSummary, PreflightReport } from './preflight'
import { mirrorStateSchema, type MirroredState } from './mirror'

// The zod-free half of the contract: see [Note: zod stays on the host] in routes.ts.
export { ApiError, errorStatus, eventNames, httpRoutes } from './routes'
export type { Envelope, ErrorBody, ErrorCode, HttpRoute } from './routes'

const timerSchema = z.object({
  status: z.enum(['idle', 'running', 'paused']),
  startedAt: z.number().finite().nullable(),
  accumulatedMs: z.number().finite().min(0)
})

const idSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, 'ids use letters, digits, dot, dash and underscore only')

/** A path named by the deck (`::code{src="../src/train.py"}`), relative to the deck folder; the host decides what it may read. */
const projectPathSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((path) => !path.includes('\0'), 'a path cannot contain a NUL character')

const nodeIdSchema = z.number().int().min(0).max(100_000_000)
const linkSchema = z.tuple([nodeIdSchema, nodeIdSchema])

/** A what-if edit of a graph model's graph (see `GraphEdits`); at most 10,000 entries per list. */
export const graphEditsSchema = z
  .object({
    removeEdges: z.array(linkSchema).max(10_000).optional(),
    addEdges: z.array(linkSchema).max(10_000).optional(),
    clearFeatures: z.array(nodeIdSchema).max(10_000).optional()
  })
  .strict()

export const predictInputSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ image: z.string().min(1) }).strict(),
  z.object({ features: z.record(z.string(), z.union([z.number(), z.string(), z.null()])) }).strict(),
  z.object({ node: nodeIdSchema, edits: graphEditsSchema.optional() }).strict()
])

const setLabelSchema = z.string().min(1).max(200).optional()
/** One item of a set: a demo input with an optional true label. */
export const setItemSchema = z.union([
  z.object({ text: z.string().max(MAX_TEXT_CHARS), label: setLabelSchema }).strict(),
  z.object({ image: z.string().min(1), label: setLabelSchema }).strict(),
  z.object({ features: z.record(z.string(), z.union([z.number(), z.string(), z.null()])), label: setLabelSchema }).strict()
])
/** A set for `drift:report` / `compare:set`: exactly one of the model's examples, a file in the deck, or inline items. */
export const setSourceSchema = z
  .object({
    examples: z.literal(true).optional(),
    file: projectPathSchema.optional(),
    items: z
      .array(setItemSchema)
      .min(1, 'a set needs at least one item')
      .max(MAX_SET_ITEMS, `a set holds at most ${MAX_SET_ITEMS.toLocaleString('en')} items: send a random sample of it`)
      .optional()
  })
  .strict()
  .refine((s) => [s.examples, s.file, s.items].filter((v) => v !== undefined).length === 1, {
    message: 'give a set as exactly one of { "examples": true }, { "file": "models/<id>/sets/new.csv" } or { "items": [...] }'
  })
/** Fields both probe channels take: a perturbation and the strengths to sweep (a list, or from/to/steps). */
const sweepFields = {
  id: idSchema,
  perturbation: z.string().min(1).max(40),
  strengths: z.array(z.number().finite()).min(1).max(64, 'a sweep takes at most 64 strengths').optional(),
  from: z.number().finite().optional(),
  to: z.number().finite().optional(),
  steps: z.number().int().min(2).max(64, 'a sweep takes at most 64 steps').optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Tabular shift/scale: the feature to change. */
  feature: z.string().min(1).max(200).optional()
}

const slidePx = z.object({ slide: z.number().int().min(0), px: z.number().finite() }).strict()
const layoutSchema = z
  .object({
    viewport: z.object({ width: z.number().int().min(1).max(20_000), height: z.number().int().min(1).max(20_000) }).strict(),
    overflow: z.array(slidePx).max(10_000),
    smallestText: slidePx.optional(),
    source: z.string().max(200),
    unmeasured: z
      .array(z.object({ slide: z.number().int().min(0), reason: z.string().max(200) }).strict())
      .max(10_000)
      .optional()
  })
  .strict()

/** Request schemas, one per channel. */
export const requestSchemas = {
  'deck:get': z.object({}).strict(),
  'sync:get': z.object({}).strict(),
  'sync:update': z
    .object({
      origin: z.string().min(1).max(64),
      slide: z.number().int().min(0).optional(),
      fragment: z.number().int().min(-1).optional(),
      timer: timerSchema.optional(),
      qa: timerSchema.optional(),
      blackout: z.boolean().optional(),
      link: z.number().int().min(0).max(99).nullable().optional(),
      rehearsal: z.boolean().optional()
    })
    .strict(),
  'models:list': z.object({}).strict(),
  'models:card': z.object({ id: idSchema }).strict(),
  'models:predict': z
    .object({
      id: idSchema,
      input: predictInputSchema,
      /** false: a printed copy's prediction (backups, report figures), kept out of the session's prediction log. */
      log: z.boolean().optional()
    })
    .strict(),
  'models:parity': z.object({ id: idSchema }).strict(),
  'runs:list': z.object({}).strict(),
  'runs:history': z.object({ id: z.string().min(1).max(300) }).strict(),
  'wandb:status': z.object({}).strict(),
  'wandb:sync': z.object({ path: z.string().min(1).max(500), full: z.boolean().optional() }).strict(),
  'wandb:set-key': z.object({ key: z.string().min(1).max(200) }).strict(),
  'wandb:cancel': z.object({}).strict(),
  'endpoint:predict': z
    .object({
      id: idSchema,
      input: predictInputSchema,
      /** A `::demo{endpoint="…"}` URL; it must appear in the deck. */
      endpoint: z.string().min(1).max(2000).optional(),
      /** Per-call timeout from the directive, ms. */
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      /** false: a printed copy's prediction, kept out of the session's prediction log. */
      log: z.boolean().optional()
    })
    .strict(),
  'endpoint:status': z.object({}).strict(),
  'endpoint:wake': z.object({ id: idSchema.optional() }).strict(),
  'endpoint:cancel': z.object({ id: idSchema }).strict(),
  'endpoint:set-token': z.object({ name: z.string().min(1).max(100), token: z.string().min(1).max(8000) }).strict(),
  'project:checklist': z.object({ src: projectPathSchema }).strict(),
  'project:code': z.object({ src: projectPathSchema, lines: z.string().max(40).optional() }).strict(),
  'project:tree': z
    .object({
      src: projectPathSchema,
      depth: z.number().int().min(0).max(6).optional(),
      max: z.number().int().min(1).max(500).optional()
    })
    .strict(),
  'models:graph': z.object({ id: idSchema }).strict(),
  'models:graph-run': z.object({ id: idSchema, edits: graphEditsSchema.optional() }).strict(),
  'drift:report': z.object({ id: idSchema, reference: setSourceSchema, current: setSourceSchema }).strict(),
  'compare:predict': z.object({ id: idSchema, other: idSchema, input: predictInputSchema }).strict(),
  'compare:set': z.object({ id: idSchema, other: idSchema, set: setSourceSchema }).strict(),
  'probe:run': z.object({ ...sweepFields, input: predictInputSchema }).strict(),
  'probe:set': z
    .object({ ...sweepFields, inputs: z.array(predictInputSchema).min(1).max(200, 'a probe set takes at most 200 inputs; sample it').optional() })
    .strict(),
  'log:list': z.object({ model: idSchema.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
  'log:export': z.object({ format: z.enum(['csv', 'jsonl']), model: idSchema.optional() }).strict(),
  'log:clear': z.object({}).strict(),
  'deck:check': z
    .object({
      /** Overflow measured by the caller's browser (see LayoutMeasurement). */
      layout: z.array(layoutSchema).max(8).optional(),
      layoutNote: z.string().max(500).optional(),
      /** false: no app's clocks to judge (the CLI). */
      clock: z.boolean().optional()
    })
    .strict(),
  'deck:export': z
    .object({ pdf: z.boolean().optional(), notes: z.boolean().optional(), html: z.boolean().optional(), figures: z.boolean().optional() })
    .strict(),
  'deck:shown': z.object({}).strict(),
  /** The audience's live component says what it shows (see shared/mirror.ts); the host relays it to the presenters. */
  'mirror:publish': mirrorStateSchema,
  'mirror:get': z.object({}).strict()
} as const

/** Response types, one per channel. */
export interface Responses {
  'deck:get': Deck
  'sync:get': SyncState
  'sync:update': SyncState
  'models:list': ModelInfo[]
  'models:card': ModelCard
  'models:predict': Prediction
  'models:parity': ParityReport
  'runs:list': RunInfo[]
  'runs:history': HistoryColumns
  'wandb:status': WandbStatus
  'wandb:sync': RunInfo
  'wandb:set-key': WandbStatus
  /** How many syncs in flight were cancelled (each fails with "cancelled"). */
  'wandb:cancel': { cancelled: number }
  'endpoint:predict': EndpointPrediction
  'endpoint:status': EndpointHealth[]
  'endpoint:wake': EndpointHealth[]
  'endpoint:cancel': { cancelled: number }
  'endpoint:set-token': EndpointHealth[]
  'project:checklist': ProjectChecklist
  'project:code': ProjectCode
  'project:tree': ProjectTree
  'models:graph': GraphData
  'models:graph-run': GraphRun
  'drift:report': DriftReport
  'compare:predict': AbPrediction
  'compare:set': AbSetReport
  'probe:run': ProbeResult
  'probe:set': ProbeSetResult
  'log:list': PredictionLogPage
  'log:export': PredictionLogExport
  'log:clear': { cleared: number }
  'deck:check': PreflightReport
  'deck:export': ExportSummary
  /** A window has painted the deck; `started`: this call started the host's background work (model warm-up, run index). */
  'deck:shown': { started: boolean }
  'mirror:publish': MirroredState
  /** The newest state of every mirrored component, oldest first. */
  'mirror:get': MirroredState[]
}

export type Channel = keyof typeof requestSchemas
export type Req<C extends Channel> = z.infer<(typeof requestSchemas)[C]>
export type Res<C extends Channel> = Responses[C]

/** Compile-time check that both maps name the same channels. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never
const _channelsAgree: SameKeys<typeof requestSchemas, Responses> = true
void _channelsAgree

/** Events pushed from the host to every window. */
export interface Events {
  'deck:changed': Deck
  'sync:changed': SyncState
  'models:changed': ModelInfo[]
  'runs:changed': RunInfo[]
  'endpoint:changed': EndpointHealth[]
  /** Files read for `::checklist`, `::code` or `::tree` changed on disk (paths as the deck named them). */
  'project:changed': { files: string[] }
  /** Predictions were answered and logged (see log:list); sent at most every 250 ms with the newest. */
  'log:changed': { total: number; last: LoggedPrediction | null }
  /** An audience component published what it shows (see mirror:publish). */
  'mirror:changed': MirroredState
}
export type EventName = keyof Events

type Issue = z.core.$ZodIssue

/** A union that matched no branch reports the branch that got furthest (longest path), not just "Invalid input". */
function leafIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue]
  const depth = (list: Issue[]): number => Math.max(...list.map((i) => i.path.length))
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a))
  if (depth(best) === 0) return [issue]
  return best.flatMap((i) => leafIssues({ ...i, path: [...issue.path, ...i.path] } as Issue))
}

/** Turns a zod issue list into one readable sentence. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .flatMap(leafIssues)
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`)
    .join('; ')
}

/** The API the renderer sees: one async method per channel, plus event subscription. */
export type DemodeckApi = {
  [C in Channel]: (req: Req<C>) => Promise<Res<C>>
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

import type { channelNames, pushEventNames } from './channels'
const _channelListComplete: SameKeys<Record<(typeof channelNames)[number], true>, Responses> = true
const _eventListComplete: SameKeys<Record<(typeof pushEventNames)[number], true>, Events> = true
void _channelListComplete
void _eventListComplete
