/**
 * The zod-free half of the contract: HTTP routes, push-event names, error
 * codes and `ApiError`. The renderer imports this module, never `api.ts`'s
 * values, so zod stays on the host (see [Note: zod stays on the host]).
 *
 * [Note: zod stays on the host]
 * The request schemas validate on the host side only (Electron main, the
 * browser-mode server). Importing them in the renderer put zod (≈ 90 KB
 * minified, plus building ~60 schemas at start) in the script that stands
 * between navigation and slide 1. `api.ts` re-exports everything here, so
 * host code keeps one import, and it checks at compile time that the route
 * map and the event list name exactly the channels and events of the map.
 */
import { pushEventNames, type channelNames } from './channels'

/** A channel's name (`api.ts`' `Channel`; the two are checked to agree there). */
export type ChannelName = (typeof channelNames)[number]
/** A push event's name (`api.ts`' `EventName`). */
export type PushEventName = (typeof pushEventNames)[number]

/** How the browser-mode server serves one channel over HTTP. */
export interface HttpRoute {
  method: 'GET' | 'POST'
  /** Path with `:param` segments, e.g. `/api/models/:id/predict`. */
  path: string
  /** For POST routes whose body is one field of the request (e.g. predict's `input`). */
  bodyField?: string
}

/** HTTP routes of the browser-mode server; exhaustive over the channels. */
export const httpRoutes: { [C in ChannelName]: HttpRoute } = {
  'deck:get': { method: 'GET', path: '/api/deck' },
  'sync:get': { method: 'GET', path: '/api/sync' },
  'sync:update': { method: 'POST', path: '/api/sync' },
  'models:list': { method: 'GET', path: '/api/models' },
  'models:card': { method: 'GET', path: '/api/models/:id/card' },
  'models:predict': { method: 'POST', path: '/api/models/:id/predict', bodyField: 'input' },
  'models:parity': { method: 'POST', path: '/api/models/:id/parity' },
  'runs:list': { method: 'GET', path: '/api/runs' },
  'runs:history': { method: 'GET', path: '/api/runs/:id/history' },
  'wandb:status': { method: 'GET', path: '/api/wandb/status' },
  'wandb:sync': { method: 'POST', path: '/api/wandb/sync' },
  'wandb:set-key': { method: 'POST', path: '/api/wandb/key' },
  'wandb:cancel': { method: 'POST', path: '/api/wandb/cancel' },
  'endpoint:predict': { method: 'POST', path: '/api/endpoints/:id/predict' },
  'endpoint:status': { method: 'GET', path: '/api/endpoints' },
  'endpoint:wake': { method: 'POST', path: '/api/endpoints/wake' },
  'endpoint:cancel': { method: 'POST', path: '/api/endpoints/:id/cancel' },
  'endpoint:set-token': { method: 'POST', path: '/api/endpoints/token' },
  'project:checklist': { method: 'GET', path: '/api/project/checklist' },
  'project:code': { method: 'GET', path: '/api/project/code' },
  'project:tree': { method: 'GET', path: '/api/project/tree' },
  'models:graph': { method: 'GET', path: '/api/models/:id/graph' },
  'models:graph-run': { method: 'POST', path: '/api/models/:id/graph-run' },
  'drift:report': { method: 'POST', path: '/api/models/:id/drift' },
  'compare:predict': { method: 'POST', path: '/api/models/:id/compare' },
  'compare:set': { method: 'POST', path: '/api/models/:id/compare-set' },
  'probe:run': { method: 'POST', path: '/api/models/:id/probe' },
  'probe:set': { method: 'POST', path: '/api/models/:id/probe-set' },
  'log:list': { method: 'GET', path: '/api/predictions' },
  'log:export': { method: 'GET', path: '/api/predictions/export' },
  'log:clear': { method: 'POST', path: '/api/predictions/clear' },
  'deck:check': { method: 'POST', path: '/api/deck/check' },
  'deck:export': { method: 'POST', path: '/api/deck/export' },
  'deck:shown': { method: 'POST', path: '/api/deck/shown' },
  'mirror:publish': { method: 'POST', path: '/api/mirror' },
  'mirror:get': { method: 'GET', path: '/api/mirror' }
}

/** Every push event, as the browser's EventSource subscribes to them. */
export const eventNames: readonly PushEventName[] = pushEventNames

/** Error codes and their HTTP status. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  timeout: 504,
  unprocessable: 422,
  too_large: 413,
  upstream: 502,
  runtime: 500,
  internal: 500
} as const
export type ErrorCode = keyof typeof errorStatus

/** The error every handler throws for a reason the user should see. */
export class ApiError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

/** Wire shape of an error, identical over HTTP and IPC. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string }
}

/** Result envelope used over IPC (Electron strips custom error fields). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody['error'] }
