/**
 * The host: everything behind the channel map, independent of transport.
 * Electron main (src/main/ipc/register-ipc.ts) and the browser-mode server
 * (src/server/index.ts) both call `host.dispatch(channel, payload)`, which
 * validates the payload with the channel's zod schema and runs the handler.
 * The host also watches the deck folder and pushes events (hot reload).
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  ApiError,
  describeZodError,
  requestSchemas,
  type Channel,
  type EventName,
  type Events,
  type Req,
  type Res
} from '../shared/api'
import type { Deck, SyncState } from '../shared/types'
import type { ExportSummary } from '../shared/preflight'
import { backupTargets } from './preflight/backup-targets'
import { IDLE_TIMER } from '../core/timing/timer'
import { loadDeck } from './deck/load-deck'
import { createServices } from './service-factory'
import { checkDeck } from './preflight/deck-check'
import { directiveProblems } from '../core/preflight/directives'
import type { ModelServiceApi, RunsServiceApi, SecretStore, WorkerSpawner } from './services'

export type Handlers = { [C in Channel]: (req: Req<C>) => Promise<Res<C>> }

export interface HostOptions {
  deckRoot: string
  spawnWorker: WorkerSpawner
  secretStore?: SecretStore
  /** Pushes an event to every window / browser tab. */
  emit: <E extends EventName>(event: E, payload: Events[E]) => void
  log?: (message: string) => void
  /** URL prefix for the deck's media files as this transport serves them (default: browser mode's `/deck-files/`). */
  assetBase?: string
  /** Watch the deck folder for changes (default true). */
  watch?: boolean
  /** Renders the backups (PDF, handout, HTML, figures) to these paths; absent where this host cannot (see deck:export). */
  exportBackups?: (targets: BackupTargets, deck: Deck) => Promise<ExportSummary>
}

/** Where `deck:export` writes each backup; a missing key is not made. */
export interface BackupTargets {
  pdf?: string
  notes?: string
  html?: string
  figures?: string
}

export interface Host {
  readonly deckRoot: string
  dispatch(channel: string, payload: unknown): Promise<unknown>
  deck(): Deck
  dispose(): void
}

function isChannel(channel: string): channel is Channel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, channel)
}

/** Creates the host for a deck folder. */
export function createHost(options: HostOptions): Host {
  const deckRoot = resolve(options.deckRoot)
  const log = options.log ?? (() => undefined)
  let revision = 1
  const assetBase = options.assetBase ?? '/deck-files/'
  const load = (): Deck => ({ ...loadDeck(deckRoot, revision), assetBase })
  let deck = load()
  let parsedWarnings = deck.warnings
  const { models, runs }: { models: ModelServiceApi; runs: RunsServiceApi } = createServices({
    deckRoot,
    spawnWorker: options.spawnWorker,
    ...(options.secretStore ? { secretStore: options.secretStore } : {}),
    onModelsChanged: () => {
      void models
        .list()
        .then((list) => options.emit('models:changed', list))
        .catch(() => undefined)
    }
  })
  let sync: SyncState = {
    slide: 0,
    fragment: -1,
    timer: { ...IDLE_TIMER },
    qa: { ...IDLE_TIMER },
    blackout: false,
    version: 0,
    origin: 'host'
  }

  const demoModels = (): string[] => [
    ...new Set(
      deck.slides.flatMap((slide) =>
        slide.directives.filter((d) => d.name === 'demo' && d.attributes['model']).map((d) => d.attributes['model']!)
      )
    )
  ]
  models.warm(demoModels())

  // [Note: directive problems in the deck's problems]
  // An unknown model id, or a chart whose runs or metrics match nothing, is only known once the models and
  // runs are listed (after the slides parsed): then it joins the deck's warnings and the deck is pushed again.
  async function addDirectiveProblems(): Promise<void> {
    const used = new Set(deck.slides.flatMap((s) => s.directives.map((d) => d.name)))
    if (!used.has('chart') && !used.has('demo') && !used.has('model-card')) return
    const base = deck
    const [m, r] = await Promise.all([
      used.has('demo') || used.has('model-card') ? models.list().catch(() => null) : Promise.resolve(null),
      used.has('chart') ? runs.list().catch(() => null) : Promise.resolve(null)
    ])
    const warnings = [...parsedWarnings, ...directiveProblems(base, m, r)]
    if (deck !== base || JSON.stringify(warnings) === JSON.stringify(base.warnings)) return
    deck = { ...base, warnings }
    options.emit('deck:changed', deck)
  }
  void addDirectiveProblems()

  const handlers: Handlers = {
    'deck:get': async () => deck,
    'sync:get': async () => sync,
    'sync:update': async (patch) => {
      const next: SyncState = { ...sync, version: sync.version + 1, origin: patch.origin }
      if (patch.slide !== undefined) next.slide = Math.min(patch.slide, Math.max(0, deck.slides.length - 1))
      if (patch.fragment !== undefined) next.fragment = patch.fragment
      if (patch.timer !== undefined) next.timer = patch.timer
      if (patch.qa !== undefined) next.qa = patch.qa
      if (patch.blackout !== undefined) next.blackout = patch.blackout
      sync = next
      options.emit('sync:changed', sync)
      return sync
    },
    'models:list': () => models.list(),
    'models:card': ({ id }) => models.card(id),
    'models:predict': ({ id, input }) => models.predict(id, input),
    'models:parity': ({ id }) => models.parity(id),
    'runs:list': () => runs.list(),
    'runs:history': async ({ id, keys, samples }) => ({ rows: await runs.history(id, keys, samples) }),
    'wandb:status': () => runs.status(),
    'wandb:sync': async ({ path, full }) => {
      const run = await runs.sync(path, full)
      options.emit('runs:changed', await runs.list())
      void addDirectiveProblems()
      return run
    },
    'wandb:set-key': ({ key }) => runs.setKey(key),
    'deck:check': ({ layout, layoutNote, clock }) =>
      checkDeck({ deckRoot, deck, models, runs, sync: clock === false ? null : sync, layout, layoutNote }),
    'deck:export': async (wanted) => {
      if (!options.exportBackups) throw new ApiError('unprocessable', 'This window cannot make the backups itself: run `npm run export -- --deck <this deck>` in a terminal.')
      if (deck.slides.length === 0) throw new ApiError('unprocessable', 'The deck has no slides to export.')
      return options.exportBackups(backupTargets(deckRoot, wanted), deck)
    }
  }

  async function dispatch(channel: string, payload: unknown): Promise<unknown> {
    if (!isChannel(channel)) throw new ApiError('not_found', `Unknown API channel "${channel}".`)
    const parsed = requestSchemas[channel].safeParse(payload ?? {})
    if (!parsed.success) throw new ApiError('bad_request', `Invalid request for ${channel}: ${describeZodError(parsed.error)}`)
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>
    try {
      return await handler(parsed.data)
    } catch (error) {
      if (error instanceof ApiError) throw error
      log(`[${channel}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      throw new ApiError('internal', `${channel} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  // [Note: hot reload]
  // fs.watch events are coalesced per area (slides/models/runs) with a short
  // debounce; a cheap stat poll backs them up for editors and file systems
  // whose events get lost (atomic renames, network folders). Reloading the
  // deck keeps the sync state, so both windows stay on the current slide.
  const watchers: FSWatcher[] = []
  const timers = new Map<string, NodeJS.Timeout>()
  const schedule = (area: 'slides' | 'models' | 'runs'): void => {
    clearTimeout(timers.get(area))
    timers.set(
      area,
      setTimeout(() => {
        timers.delete(area)
        void reloadArea(area)
      }, 120)
    )
  }
  async function reloadArea(area: 'slides' | 'models' | 'runs'): Promise<void> {
    try {
      if (area === 'slides') {
        revision += 1
        deck = load()
        parsedWarnings = deck.warnings
        slidesSignature = signature(join(deckRoot, 'slides'))
        if (sync.slide >= deck.slides.length && deck.slides.length > 0) {
          sync = { ...sync, slide: deck.slides.length - 1, version: sync.version + 1, origin: 'host' }
          options.emit('sync:changed', sync)
        }
        options.emit('deck:changed', deck)
        models.warm(demoModels())
      } else if (area === 'models') {
        await models.reload()
        options.emit('models:changed', await models.list())
      } else {
        await runs.reload()
        options.emit('runs:changed', await runs.list())
      }
      await addDirectiveProblems()
    } catch (error) {
      log(`reload of ${area} failed: ${String(error)}`)
    }
  }
  const watchedAreas = new Set<string>()
  const watchArea = (area: 'slides' | 'models' | 'runs'): void => {
    const dir = join(deckRoot, area)
    if (watchedAreas.has(area) || !existsSync(dir)) return
    watchedAreas.add(area)
    try {
      watchers.push(watch(dir, { recursive: true }, () => schedule(area)))
    } catch {
      try {
        watchers.push(watch(dir, () => schedule(area)))
      } catch (error) {
        log(`cannot watch ${dir}: ${String(error)}`)
      }
    }
  }
  const signature = (dir: string): string => {
    try {
      return readdirSync(dir)
        .map((name) => {
          const stat = statSync(join(dir, name))
          return `${name}:${stat.size}:${stat.mtimeMs}`
        })
        .join('|')
    } catch {
      return 'missing'
    }
  }
  let slidesSignature = signature(join(deckRoot, 'slides'))
  let poll: NodeJS.Timeout | undefined
  if (options.watch !== false) {
    for (const area of ['slides', 'models', 'runs'] as const) watchArea(area)
    try {
      // A slides/ (or models/, runs/) folder created after start.
      watchers.push(
        watch(deckRoot, (_event, name) => {
          if (name === 'slides' || name === 'models' || name === 'runs') {
            watchArea(name)
            schedule(name)
          }
        })
      )
    } catch {
      // deck root unreadable: the deck already shows the error
    }
    poll = setInterval(() => {
      const next = signature(join(deckRoot, 'slides'))
      if (next !== slidesSignature) {
        slidesSignature = next
        schedule('slides')
      }
    }, 700)
    poll.unref()
  }

  return {
    deckRoot,
    dispatch,
    deck: () => deck,
    dispose() {
      for (const watcher of watchers) watcher.close()
      for (const timer of timers.values()) clearTimeout(timer)
      if (poll) clearInterval(poll)
      models.dispose()
    }
  }
}
