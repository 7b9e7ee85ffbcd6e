/**
 * A loopback W&B GraphQL server for tests (unit and e2e): real HTTP on
 * 127.0.0.1, Basic auth `api:<key>`, and the queries demodeck sends — viewer,
 * project.runs (cursor pages), project.run(name) with config/summaryMetrics as
 * JSON strings and historyKeys, sampledHistory(specs) and history(samples |
 * minStep/maxStep) — answered from a small synthetic project. Replies carry
 * bare `NaN` like the real API. Faults are scriptable per test.
 *
 * Usage:
 *   const fake = await startFakeWandb()
 *   env = { WANDB_BASE_URL: fake.url, WANDB_API_KEY: fake.key }
 *   fake.fault({ status: 429, retryAfter: '0' })   // next request only
 *   await fake.close()
 *
 * It dispatches on the operation text (not a GraphQL parser): good enough for
 * the fixed queries of src/host/wandb/wandb-client.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

/** One synthetic run. Rows may hold NaN / Infinity numbers (sent bare). */
export interface FakeRun {
  entity: string
  project: string
  name: string
  displayName: string
  state: string
  group?: string
  tags?: string[]
  createdAt: string
  config: Record<string, unknown>
  summary: Record<string, unknown>
  rows: Array<Record<string, number>>
}

/** A scripted misbehaviour for the next matching request(s). */
export interface FakeFault {
  /** HTTP status to answer with (e.g. 429, 500, 401, 403, 400). */
  status?: number
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string
  /** Answer HTTP 200 with `errors: [{message}]`. */
  graphqlError?: string
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number
  /** Close the connection without an answer (a network error for the client). */
  hangup?: boolean
  /** How many requests this fault applies to (default 1). */
  times?: number
  /** Only requests whose query contains this text (e.g. 'sampledHistory'). */
  match?: string
  /** Put the request's Authorization header in the error message (a misconfigured proxy does). */
  echoAuthorization?: boolean
}

export interface FakeRequest {
  query: string
  variables: Record<string, unknown>
  /** What the server answered (status code). */
  status: number
  authorized: boolean
  /** The Authorization header as received (undefined when none was sent). */
  authorization: string | undefined
  /** Milliseconds since the server started. */
  at: number
}

export interface FakeWandbOptions {
  /** The API key the server accepts (default: a 40-hex fake key). */
  key?: string
  /** Runs to serve instead of the seeded example project. */
  runs?: FakeRun[]
  /** Faults queued from the start. */
  faults?: FakeFault[]
}

export interface FakeWandb {
  /** Base URL for WANDB_BASE_URL, e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string
  key: string
  /** Every request received, in order. */
  requests: FakeRequest[]
  runs: FakeRun[]
  /** Queues a fault for the next matching request(s). */
  fault(f: FakeFault): void
  close(): Promise<void>
}

/** The seeded key: 40 hex characters, clearly fake. */
export const FAKE_WANDB_KEY = 'fa4e0000000000000000000000000000000000a1'

/** The seeded project: demo-entity/exam-project with three runs; abc12345 has 300 steps. */
export function seededRuns(): FakeRun[] {
  const main: FakeRun = {
    entity: 'demo-entity',
    project: 'exam-project',
    name: 'abc12345',
    displayName: 'bright-exam-1',
    state: 'finished',
    group: 'sweep-exam',
    tags: ['baseline'],
    createdAt: '2026-11-20T10:00:00Z',
    config: { lr: 0.003, epochs: 3, batch_size: 32, optimizer: { name: 'adam', beta1: 0.9 } },
    summary: {},
    rows: []
  }
  for (let step = 0; step < 300; step++) {
    const row: Record<string, number> = {
      _step: step,
      _runtime: 1.5 + step * 0.25,
      _timestamp: 1763632800 + step * 0.25,
      'train/loss': Number((2.3 * Math.exp(-step / 80) + 0.1 + 0.02 * Math.sin(step)).toFixed(6))
    }
    if (step === 150) row['train/loss'] = NaN // a diverged batch, as W&B stores it
    if (step % 10 === 9) {
      row['val/loss'] = Number((2.2 * Math.exp(-step / 90) + 0.15).toFixed(6))
      row['val/acc'] = Number((0.5 + 0.45 * (1 - Math.exp(-step / 70))).toFixed(6))
    }
    main.rows.push(row)
  }
  const last = main.rows[main.rows.length - 1]!
  main.summary = {
    'train/loss': last['train/loss'],
    'val/loss': last['val/loss'],
    'val/acc': last['val/acc'],
    _step: 299,
    _runtime: last['_runtime'],
    _timestamp: last['_timestamp'],
    best_val_loss: NaN,
    'val/confusion': { _type: 'histogram', values: [1, 2], bins: [0, 1, 2] }
  }
  const small = (name: string, displayName: string, state: string, n: number): FakeRun => ({
    entity: 'demo-entity',
    project: 'exam-project',
    name,
    displayName,
    state,
    createdAt: `2026-11-2${n}T10:00:00Z`,
    config: { lr: 0.001 * n, epochs: 1 },
    summary: { 'train/loss': 1 / n, _step: 4 },
    rows: [0, 1, 2, 3, 4].map((s) => ({ _step: s, _runtime: s, _timestamp: 1763632800 + s, 'train/loss': 1 / (s + n) }))
  })
  return [main, small('def67890', 'calm-exam-2', 'crashed', 1), small('ghi13579', 'quiet-exam-3', 'running', 2)]
}

/** JSON with bare NaN/Infinity, as W&B (Python) writes it. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'}\u0000` : v
  ).replace(/"\\u0000(NaN|Infinity|-Infinity)\\u0000"/g, '$1')
}

function wandbConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { _wandb: { desc: null, value: { cli_version: '0.19.8', t: { 1: [1, 55] } } } }
  for (const [k, v] of Object.entries(config)) out[k] = { desc: null, value: v }
  return out
}

function historyKeys(run: FakeRun): Record<string, unknown> {
  const keys: Record<string, unknown> = {}
  for (const row of run.rows) {
    for (const [k, v] of Object.entries(row)) {
      const entry = (keys[k] ??= { typeCounts: [{ type: 'number', count: 0 }], previousValue: v }) as {
        typeCounts: Array<{ type: string; count: number }>
        previousValue: unknown
      }
      entry.typeCounts[0]!.count++
      entry.previousValue = v
    }
  }
  return { lastStep: run.rows.length ? run.rows[run.rows.length - 1]!['_step'] : -1, keys }
}

function evenly<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items
  if (n < 2) return items.slice(0, Math.max(0, n))
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(items[Math.round((i * (items.length - 1)) / (n - 1))]!)
  return out
}

function runNode(run: FakeRun): Record<string, unknown> {
  return {
    id: Buffer.from(`Run:${run.name}`).toString('base64'),
    name: run.name,
    displayName: run.displayName,
    state: run.state,
    config: pythonJson(wandbConfig(run.config)),
    summaryMetrics: pythonJson(run.summary),
    historyKeys: historyKeys(run),
    createdAt: run.createdAt,
    heartbeatAt: run.createdAt,
    tags: run.tags ?? [],
    group: run.group ?? null,
    jobType: null,
    sweepName: null,
    historyLineCount: run.rows.length
  }
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeWandb(options: FakeWandbOptions = {}): Promise<FakeWandb> {
  const key = options.key ?? FAKE_WANDB_KEY
  const runs = options.runs ?? seededRuns()
  const faults: Array<FakeFault & { left: number }> = (options.faults ?? []).map((f) => ({ ...f, left: f.times ?? 1 }))
  const requests: FakeRequest[] = []
  const started = Date.now()

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body)
  }

  const answer = (query: string, v: Record<string, unknown>): unknown => {
    if (/\bviewer\b/.test(query)) return { viewer: { id: 'VXNlcjox', entity: 'demo-entity', username: 'demo-user' } }
    const inProject = runs.filter((r) => r.entity === v['entity'] && r.project === v['project'])
    if (inProject.length === 0) return { project: null }
    if (/\bruns\s*\(/.test(query)) {
      const perPage = Number(v['perPage'] ?? 50)
      const start = typeof v['cursor'] === 'string' ? Number(Buffer.from(v['cursor'], 'base64').toString().split(':')[1]) + 1 : 0
      const page = inProject.slice(start, start + perPage)
      return {
        project: {
          runCount: inProject.length,
          runs: {
            edges: page.map((r, i) => ({ node: runNode(r), cursor: Buffer.from(`cursor:${start + i}`).toString('base64') })),
            pageInfo: {
              endCursor: page.length ? Buffer.from(`cursor:${start + page.length - 1}`).toString('base64') : null,
              hasNextPage: start + perPage < inProject.length
            }
          }
        }
      }
    }
    const run = inProject.find((r) => r.name === v['name'])
    if (!run) return { project: { run: null } }
    if (/\bsampledHistory\b/.test(query)) {
      const specs = (v['specs'] as string[]).map((s) => JSON.parse(s) as { keys: string[]; samples?: number; minStep?: number; maxStep?: number })
      return {
        project: {
          run: {
            sampledHistory: specs.map((spec) => {
              const rows = run.rows
                .filter((r) => spec.keys.every((k) => k in r))
                .filter(
                  (r) => (spec.minStep === undefined || r['_step']! >= spec.minStep) && (spec.maxStep === undefined || r['_step']! <= spec.maxStep)
                )
                .map((r) => Object.fromEntries(spec.keys.map((k) => [k, r[k]])))
              return evenly(rows, spec.samples ?? 500)
            })
          }
        }
      }
    }
    if (/\bhistory\s*\(/.test(query)) {
      let rows = run.rows
      if (v['minStep'] !== undefined) rows = rows.filter((r) => r['_step']! >= Number(v['minStep']) && r['_step']! < Number(v['maxStep']))
      return { project: { run: { history: evenly(rows, Number(v['samples'] ?? 500)).map((r) => pythonJson(r)) } } }
    }
    return { project: { run: runNode(run) } }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        let body: { query?: string; variables?: Record<string, unknown> } = {}
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body
        } catch {
          // handled below as a 400
        }
        const query = body.query ?? ''
        const variables = body.variables ?? {}
        const expected = 'Basic ' + Buffer.from(`api:${key}`).toString('base64')
        const authorized = req.headers.authorization === expected
        const record: FakeRequest = { query, variables, status: 200, authorized, authorization: req.headers.authorization, at: Date.now() - started }
        requests.push(record)
        const reply = (status: number, text: string, headers?: Record<string, string>): void => {
          record.status = status
          send(res, status, text, headers)
        }
        if (req.method !== 'POST' || req.url !== '/graphql') return reply(404, JSON.stringify({ error: 'not found' }))
        const fault = faults.find((f) => f.left > 0 && (!f.match || query.includes(f.match)))
        if (fault) {
          fault.left--
          if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs))
          if (fault.hangup) {
            record.status = 0
            req.socket.destroy()
            return
          }
          if (fault.echoAuthorization) {
            const message = `bad request headers: authorization=${req.headers.authorization ?? ''}`
            return reply(fault.status ?? 500, JSON.stringify({ errors: [{ message }] }))
          }
          if (fault.graphqlError) return reply(200, JSON.stringify({ data: null, errors: [{ message: fault.graphqlError, path: ['project'] }] }))
          if (fault.status) {
            return reply(
              fault.status,
              JSON.stringify({ errors: [{ message: `fake fault ${fault.status}` }] }),
              fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}
            )
          }
        }
        if (!authorized) return reply(401, JSON.stringify({ errors: [{ message: 'user is not logged in' }] }))
        if (!query) return reply(400, JSON.stringify({ errors: [{ message: 'Must provide query string.' }] }))
        reply(200, pythonJson({ data: answer(query, variables) }))
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    requests,
    runs,
    fault(f) {
      faults.push({ ...f, left: f.times ?? 1 })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

// `npx tsx tests/support/fake-wandb.ts` runs it standalone (e.g. for a manual browser-mode check):
// it prints the URL and key to use as WANDB_BASE_URL / WANDB_API_KEY and serves until killed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startFakeWandb().then((fake) => {
    console.log(`fake W&B ready at ${fake.url} (WANDB_API_KEY=${fake.key}); run demo-entity/exam-project/abc12345`)
  })
}
