/**
 * Browser mode's push channel: the host's events as server-sent events at /api/events, to every open page.
 *
 * [Note: a page that connects late still gets the current state]
 * The host pushes some state once, when it changes on its own: the endpoints' health after the warm-up ping
 * (started when a window says it has painted the deck), the models after their parity checks, the deck with the
 * problems found once the models and runs are listed. A page's EventSource may connect after such a push (it opens
 * while the first slide is drawn, and again after a dropped connection); in Electron the listener is in place
 * before any push can arrive, here it is not. So the stream keeps the latest frame of each event that carries a
 * whole state (`REPLAYED_EVENTS`) and sends those frames first to each page that connects: a late page shows the
 * current health instead of a dot that stays stale until the next keep-warm ping. Events that report a change
 * rather than a state (files changed, a prediction logged, the mirror) are not replayed.
 * The talk's sync state (slide, clocks, blackout) is one too: a window reads it once (`sync:get`) and then
 * follows the pushes, so a move made between that answer and its stream connecting was lost, and the presenter
 * stayed a slide behind the audience until the next move (seen under load in e2e). Replayed, it arrives; the
 * window drops a frame older than what it has by the state's version (hooks/use-sync.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventName, Events } from '../shared/api'

/** Events whose payload is the whole current state of something: a page that connects gets the latest one of each. */
export const REPLAYED_EVENTS: readonly EventName[] = ['deck:changed', 'models:changed', 'runs:changed', 'endpoint:changed', 'sync:changed']

/** Heartbeat comment every this many ms, so proxies and sleeping laptops notice a dead stream. */
const HEARTBEAT_MS = 15_000

/** The open event streams. */
export interface EventStream {
  /** Sends an event to every open page (and keeps it for pages that connect later when it is a state). */
  emit<E extends EventName>(event: E, payload: Events[E]): void
  /** Answers GET /api/events: the stream stays open until the page goes. */
  open(req: IncomingMessage, res: ServerResponse): void
  /** Ends every stream. */
  close(): void
}

/** Creates the event streams of one server. */
export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>()
  const latest = new Map<EventName, string>()
  return {
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
      if (REPLAYED_EVENTS.includes(event)) latest.set(event, frame)
      for (const client of clients) client.write(frame)
    },
    open(req, res) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': demodeck events\n\n')
      for (const frame of latest.values()) res.write(frame)
      clients.add(res)
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
      req.on('close', () => {
        clearInterval(heartbeat)
        clients.delete(res)
      })
    },
    close() {
      for (const client of clients) client.end()
    }
  }
}
