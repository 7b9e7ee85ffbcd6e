/**
 * The host: everything behind the channel map, independent of transport.
 * Electron main (src/main/ipc/register-ipc.ts) and the browser-mode server
 * (src/server/index.ts) both call `host.dispatch(channel, payload)`, which
 * validates the payload with the channel's zod schema and runs the handler.
 * The host also watches the deck folder and pushes events (hot reload).
 */
import { resolve } from 'node:path'
import { ApiError, describeZodError, requestSchemas, type Channel, type EventName, type Events, type Req, type Res } from '../shared/api'
import type { Deck, SetSource, SyncState } from '../shared/types'
import type { ExportSummary } from '../shared/preflight'
import { backupTargets } from './preflight/backup-targets'
import { IDLE_TIMER } from '../core/timing/timer'
import { followSlide } from '../core/deck/follow-slide'
import { loadDeck } from './deck/load-deck'
import { watchDeck, type DeckArea } from './deck/watch-deck'
import { createServices } from './service-factory'
import { checkDeck } from './preflight/deck-check'
import { directiveProblems } from '../core/preflight/directives'
import { deckEndpoints, deckNeeds, deckWarmOrder } from '../core/deck/deck-models'
import type { ModelServiceApi, RunsServiceApi, SecretStore, WorkerSpawner } from './services'
import { EndpointService } from './endpoint/endpoint-service'
import type { TokenStore } from './endpoint/auth'
import { ProjectService } from './project/project-service'
import { CompareService } from './compare/compare-service'
import { probeHandlers } from './probe/probe-handlers'
import { MirrorRelay } from './mirror/mirror-relay'
import { createBackgroundStart } from './background-start'

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
  /** Deployed-endpoint tokens kept by the app (Electron keychain); absent in browser mode. */
  endpointTokens?: TokenStore
  /** Wake the deck's deployed endpoints when it opens (default true). */
  wakeEndpoints?: boolean
  /** Renders the backups (PDF, handout, HTML, figures) to these paths; absent where this host cannot (see deck:export). */
  exportBackups?: (targets: BackupTargets, deck: Deck) => Promise<ExportSummary>
  /**
   * Start the model warm-up and run index when a window has painted the deck (`deck:shown`), not at once
   * (default false); see [Note: background work after the first paint] in background-start.ts.
   */
  backgroundWhenShown?: boolean
  /** With `backgroundWhenShown`: start anyway after this long without a window (default 3000 ms). */
  shownFallbackMs?: number
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
  /** Resolves once the deck watcher is watching (at once when `watch` is false); edits before it may go unnoticed. */
  watching: Promise<void>
}

function isChannel(channel: string): channel is Channel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, channel)
}

/** Creates the host for a deck folder. */
export function createHost(options: HostOptions): Host {
  const deckRoot = resolve(options.deckRoot)
  // [Note: a disposed host is silent] Work started before dispose() (a problems check, a reload, a parity
  // result) may finish after it; in Electron its events would reach windows that now show another deck.
  let disposed = false
  const emit: HostOptions['emit'] = (event, payload) => {
    if (!disposed) options.emit(event, payload)
  }
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
        .then((list) => emit('models:changed', list))
        .catch(() => undefined)
    }
  })
  const project = new ProjectService(deckRoot, {
    watch: options.watch !== false,
    onChange: (files) => emit('project:changed', { files })
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

  // [Note: directive problems in the deck's problems]
  // An unknown model id, or a chart whose runs or metrics match nothing, is only known once the models and
  // runs are listed (after the slides parsed): then it joins the deck's warnings and the deck is pushed again.
  async function addDirectiveProblems(): Promise<void> {
    const needs = deckNeeds(deck)
    if (!needs.models && !needs.runs) return
    const base = deck
    const [m, r] = await Promise.all([
      needs.models ? models.list().catch(() => null) : Promise.resolve(null),
      needs.runs ? runs.list().catch(() => null) : Promise.resolve(null)
    ])
    const warnings = [...parsedWarnings, ...directiveProblems(base, m, r)]
    if (deck !== base || JSON.stringify(warnings) === JSON.stringify(base.warnings)) return
    deck = { ...base, warnings }
    emit('deck:changed', deck)
  }
  const endpoints = new EndpointService({
    deckRoot,
    models,
    ...(options.endpointTokens ? { tokens: options.endpointTokens } : {}),
    directiveEndpoints: () => deckEndpoints(deck),
    onChange: (health) => emit('endpoint:changed', health),
    log
  })
  // What a fresh deck starts in the background: now, or once a window has painted it (listing the models parses
  // their ONNX files on this thread): see [Note: background work after the first paint] in background-start.ts.
  const background = createBackgroundStart(
    () => {
      // [Note: warm-up ping] A cold Cloud Run instance takes 5–20 s: wake the deck's endpoints as it opens.
      void endpoints
        .refresh()
        .then(() => (options.wakeEndpoints === false ? undefined : endpoints.wake()))
        .catch((error: unknown) => log(`endpoint warm-up failed: ${String(error)}`))
      models.warm(deckWarmOrder(deck))
      void addDirectiveProblems()
    },
    { whenShown: options.backgroundWhenShown === true, ...(options.shownFallbackMs !== undefined ? { fallbackMs: options.shownFallbackMs } : {}) }
  )

  const compare = new CompareService(deckRoot, models)
  const probe = probeHandlers(models, emit)
  const mirror = new MirrorRelay(emit)

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
      if (patch.link !== undefined) next.link = patch.link
      if (patch.rehearsal !== undefined) next.rehearsal = patch.rehearsal
      sync = next
      emit('sync:changed', sync)
      return sync
    },
    'models:list': () => models.list(),
    'models:card': ({ id }) => models.card(id),
    'models:predict': async ({ id, input, log }) => {
      const prediction = await models.predict(id, input)
      return log === false ? prediction : probe.logLocal(id, input, prediction)
    },
    'models:parity': ({ id }) => models.parity(id),
    'runs:list': () => runs.list(),
    'runs:history': ({ id }) => runs.history(id),
    'wandb:status': () => runs.status(),
    'wandb:sync': async ({ path, full }) => {
      const run = await runs.sync(path, full)
      emit('runs:changed', await runs.list())
      void addDirectiveProblems()
      return run
    },
    'wandb:set-key': ({ key }) => runs.setKey(key),
    'wandb:cancel': () => runs.cancelSync(),
    'endpoint:predict': async ({ id, input, endpoint, timeoutMs, log }) => {
      const prediction = await endpoints.predict(id, input, endpoint, timeoutMs)
      return log === false ? prediction : probe.logEndpoint(id, input, prediction)
    },
    'endpoint:status': () => endpoints.status(),
    'endpoint:wake': ({ id }) => endpoints.wake(id),
    'endpoint:cancel': ({ id }) => endpoints.cancel(id),
    'endpoint:set-token': ({ name, token }) => endpoints.setToken(name, token),
    'project:checklist': async ({ src }) => project.checklist(src),
    'project:code': async ({ src, lines }) => project.code(src, lines),
    'project:tree': async ({ src, depth, max }) => project.tree(src, depth, max),
    'models:graph': ({ id }) => models.graph(id),
    'models:graph-run': ({ id, edits }) => models.graphRun(id, edits),
    'drift:report': ({ id, reference, current }) => compare.drift(id, reference as SetSource, current as SetSource),
    'compare:predict': ({ id, other, input }) => compare.predict(id, other, input),
    'compare:set': ({ id, other, set }) => compare.compareSet(id, other, set as SetSource),
    ...probe.handlers,
    'deck:check': ({ layout, layoutNote, clock }) =>
      checkDeck({ deckRoot, deck, models, runs, sync: clock === false ? null : sync, layout, layoutNote }),
    'deck:export': async (wanted) => {
      if (!options.exportBackups)
        throw new ApiError('unprocessable', 'This window cannot make the backups itself: run `npm run export -- --deck <this deck>` in a terminal.')
      if (deck.slides.length === 0) throw new ApiError('unprocessable', 'The deck has no slides to export.')
      return options.exportBackups(backupTargets(deckRoot, wanted), deck)
    },
    'deck:shown': async () => ({ started: background.shown() }),
    ...mirror.handlers()
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
  // chokidar events (see deck/watch-deck.ts) are coalesced per area
  // (slides/models/runs) with a short debounce. Reloading the deck keeps the
  // sync state and follows the current slide by identity (followSlide), so
  // inserting a slide above it never moves the audience to another slide.
  const timers = new Map<string, NodeJS.Timeout>()
  const schedule = (area: DeckArea): void => {
    clearTimeout(timers.get(area))
    timers.set(
      area,
      setTimeout(() => {
        timers.delete(area)
        void reloadArea(area)
      }, 120)
    )
  }
  async function reloadArea(area: DeckArea): Promise<void> {
    try {
      if (area === 'slides') {
        revision += 1
        const previous = deck
        deck = load()
        parsedWarnings = deck.warnings
        const slide = followSlide(previous.slides, sync.slide, deck.slides)
        emit('deck:changed', deck)
        if (slide !== sync.slide && deck.slides.length > 0) {
          sync = { ...sync, slide, version: sync.version + 1, origin: 'host' }
          emit('sync:changed', sync)
        }
        models.warm(deckWarmOrder(deck))
        void endpoints
          .refresh()
          .then(async () => {
            emit('endpoint:changed', await endpoints.status())
            if (options.wakeEndpoints !== false) await endpoints.wakeUnchecked()
          })
          .catch((error: unknown) => log(`endpoint refresh failed: ${String(error)}`))
      } else if (area === 'models') {
        await models.reload()
        emit('models:changed', await models.list())
        await endpoints.refresh()
        emit('endpoint:changed', await endpoints.status())
        if (options.wakeEndpoints !== false) void endpoints.wakeUnchecked()
      } else {
        await runs.reload()
        emit('runs:changed', await runs.list())
      }
      await addDirectiveProblems()
    } catch (error) {
      log(`reload of ${area} failed: ${String(error)}`)
    }
  }
  const watcher = options.watch !== false ? watchDeck(deckRoot, schedule, log) : null

  return {
    deckRoot,
    dispatch,
    deck: () => deck,
    watching: watcher?.ready ?? Promise.resolve(),
    dispose() {
      disposed = true
      void watcher?.close()
      background.dispose()
      for (const timer of timers.values()) clearTimeout(timer)
      models.dispose()
      runs.dispose()
      void endpoints.dispose()
      project.dispose()
    }
  }
}
