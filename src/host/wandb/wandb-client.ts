/**
 * W&B public-API client over GraphQL (the queries the wandb SDK's public API sends): viewer check,
 * a project's runs (paged by cursor), one run's config / summary / historyKeys,
 * and its history, either sampled for chosen keys (default, one spec per key so
 * sparse metrics such as val/* keep their own steps) or scanned in full
 * (`history(minStep, maxStep, samples)` pages of 1000 steps).
 */
import { ApiError } from '../../shared/api'
import type { HistoryRow } from '../../shared/types'
import { cleanSummary } from '../../core/metrics/wandb-file'
import { unwrapValue } from '../../core/metrics/wandb-folder'
import { jsonMetric } from '../../core/metrics/jsonl'
import { parseTolerantJson } from '../../core/metrics/tolerant-json'
import { RowMerger, wireNumber, wireValue, type ImportedRun } from '../../core/metrics/types'
import { graphqlRequest, type TransportOptions } from './graphql'
import { formatRunPath, type WandbRunPath } from './run-path'

const RUN_FIELDS = `id name displayName state config summaryMetrics historyKeys createdAt heartbeatAt tags group jobType sweepName historyLineCount`

export const VIEWER_QUERY = `query Viewer { viewer { id entity username } }`

export const RUNS_QUERY = `query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
  project(name: $project, entityName: $entity) {
    runCount(filters: $filters)
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges { node { ${RUN_FIELDS} } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
}`

export const RUN_QUERY = `query Run($project: String!, $entity: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { ${RUN_FIELDS} } }
}`

export const SAMPLED_HISTORY_QUERY = `query SampledHistory($project: String!, $entity: String!, $name: String!, $specs: [JSONString!]!) {
  project(name: $project, entityName: $entity) { run(name: $name) { sampledHistory(specs: $specs) } }
}`

export const HISTORY_PAGE_QUERY = `query HistoryPage($project: String!, $entity: String!, $name: String!, $minStep: Int64!, $maxStep: Int64!, $samples: Int!) {
  project(name: $project, entityName: $entity) { run(name: $name) { history(minStep: $minStep, maxStep: $maxStep, samples: $samples) } }
}`

/** A run as the API returns it (JSON strings still strings). */
export interface WandbRunNode {
  id: string
  name: string
  displayName?: string | null
  state?: string | null
  config?: string | Record<string, unknown> | null
  summaryMetrics?: string | Record<string, unknown> | null
  historyKeys?: string | HistoryKeys | null
  createdAt?: string | null
  heartbeatAt?: string | null
  tags?: string[] | null
  group?: string | null
  jobType?: string | null
  sweepName?: string | null
  historyLineCount?: number | null
}

export interface HistoryKeys {
  lastStep?: number
  keys?: Record<string, { typeCounts?: Array<{ type: string; count?: number }>; previousValue?: unknown }>
}

export interface Viewer {
  id: string
  entity: string
  username: string
}

/** How much history `fetchRun` brings. */
export interface FetchOptions {
  /** Scan every row instead of sampling. */
  full?: boolean
  /** Points per key when sampling (default 1000). */
  samples?: number
  /** Keys to sample (default: every numeric key from historyKeys). */
  keys?: string[]
}

const SAMPLE_SPECS_PER_REQUEST = 25
const FULL_PAGE_STEPS = 1000

function jsonField<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') {
    try {
      return parseTolerantJson(value) as T
    } catch {
      return null
    }
  }
  return value as T
}

/** W&B config `{key: {value, desc}}` → plain values, without `_wandb` / `wandb_version`. */
export function plainConfig(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!raw || typeof raw !== 'object') return out
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === '_wandb' || k === 'wandb_version') continue
    out[k] = wireValue(unwrapValue(v))
  }
  return out
}

/** Numeric, user-facing keys of a run's historyKeys. */
export function numericHistoryKeys(hk: HistoryKeys | null): string[] {
  if (!hk?.keys) return []
  return Object.entries(hk.keys)
    .filter(([key, info]) => {
      if (key.startsWith('_')) return false
      if (info?.typeCounts && info.typeCounts.length > 0) return info.typeCounts.some((t) => t.type === 'number')
      return info?.previousValue === undefined || jsonMetric(info.previousValue) !== undefined
    })
    .map(([key]) => key)
}

/** Adds a W&B row's numeric values (nested dicts flattened with ".") to `row`. */
function addRowValues(row: HistoryRow, obj: Record<string, unknown>, prefix = ''): void {
  for (const [k, v] of Object.entries(obj)) {
    const n = jsonMetric(v)
    if (n !== undefined) row[prefix + k] = wireNumber(n)
    else if (v && typeof v === 'object' && !Array.isArray(v) && !('_type' in v)) addRowValues(row, v as Record<string, unknown>, prefix + k + '.')
  }
}

function mergeRows(merger: RowMerger, rows: unknown[]): void {
  for (const r of rows) {
    const obj = typeof r === 'string' ? jsonField<Record<string, unknown>>(r) : (r as Record<string, unknown>)
    if (!obj || typeof obj !== 'object') continue
    const step = jsonMetric(obj['_step'])
    if (step === undefined || !Number.isFinite(step)) continue
    addRowValues(merger.row(step), obj)
  }
}

/** GraphQL client for one base URL and key. */
export class WandbClient {
  constructor(private readonly transport: TransportOptions) {}

  private query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return graphqlRequest<T>(this.transport, query, variables)
  }

  /** Who the key belongs to; proves the key works. */
  async viewer(): Promise<Viewer> {
    const data = await this.query<{ viewer: Viewer | null }>(VIEWER_QUERY, {})
    if (!data?.viewer) throw new ApiError('unauthorized', 'W&B did not recognise the API key (no viewer).')
    return data.viewer
  }

  /** Every run of a project, following cursors `perPage` at a time. */
  async listRuns(
    entity: string,
    project: string,
    options: { filters?: Record<string, unknown>; order?: string; perPage?: number; limit?: number } = {}
  ): Promise<WandbRunNode[]> {
    const out: WandbRunNode[] = []
    let cursor: string | null = null
    for (;;) {
      const data: {
        project: {
          runs: { edges: Array<{ node: WandbRunNode; cursor: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } }
        } | null
      } = await this.query(RUNS_QUERY, {
        entity,
        project,
        cursor,
        perPage: options.perPage ?? 50,
        order: options.order ?? '+created_at',
        filters: JSON.stringify(options.filters ?? {})
      })
      if (!data?.project) throw new ApiError('not_found', `W&B has no project ${entity}/${project} (or this key cannot see it).`)
      for (const edge of data.project.runs.edges) out.push(edge.node)
      const page = data.project.runs.pageInfo
      if (!page.hasNextPage || !page.endCursor || (options.limit !== undefined && out.length >= options.limit)) break
      cursor = page.endCursor
    }
    return options.limit !== undefined ? out.slice(0, options.limit) : out
  }

  /** One run's fields; ApiError('not_found') when W&B has no such run. */
  async run(path: WandbRunPath): Promise<WandbRunNode> {
    const data = await this.query<{ project: { run: WandbRunNode | null } | null }>(RUN_QUERY, vars(path))
    if (!data?.project) throw new ApiError('not_found', `W&B has no project ${path.entity}/${path.project} (or this key cannot see it).`)
    if (!data.project.run) throw new ApiError('not_found', `W&B has no run ${formatRunPath(path)}.`)
    return data.project.run
  }

  /** Sampled history: one spec per key (W&B returns only rows holding all keys of a spec). */
  async sampledHistory(path: WandbRunPath, keys: string[], samples = 1000): Promise<HistoryRow[]> {
    const merger = new RowMerger()
    for (let i = 0; i < keys.length; i += SAMPLE_SPECS_PER_REQUEST) {
      const chunk = keys.slice(i, i + SAMPLE_SPECS_PER_REQUEST)
      const specs = chunk.map((key) => JSON.stringify({ keys: ['_step', '_runtime', '_timestamp', key], samples }))
      const data = await this.query<{ project: { run: { sampledHistory: unknown[][] } | null } | null }>(SAMPLED_HISTORY_QUERY, {
        ...vars(path),
        specs
      })
      const lists = data?.project?.run?.sampledHistory
      if (!lists) throw new ApiError('not_found', `W&B has no run ${formatRunPath(path)}.`)
      for (const list of lists) if (Array.isArray(list)) mergeRows(merger, list)
    }
    return merger.finish()
  }

  /** Every row, in pages of 1000 steps up to `lastStep`. */
  async fullHistory(path: WandbRunPath, lastStep: number): Promise<HistoryRow[]> {
    const merger = new RowMerger()
    for (let minStep = 0; minStep <= lastStep; minStep += FULL_PAGE_STEPS) {
      const data = await this.query<{ project: { run: { history: unknown[] } | null } | null }>(HISTORY_PAGE_QUERY, {
        ...vars(path),
        minStep,
        maxStep: minStep + FULL_PAGE_STEPS,
        samples: FULL_PAGE_STEPS
      })
      const rows = data?.project?.run?.history
      if (!rows) throw new ApiError('not_found', `W&B has no run ${formatRunPath(path)}.`)
      mergeRows(merger, rows)
    }
    return merger.finish()
  }

  /** A whole run (meta, config, summary, history) as an ImportedRun with source 'wandb'. */
  async fetchRun(path: WandbRunPath, options: FetchOptions = {}): Promise<ImportedRun> {
    const node = await this.run(path)
    const hk = jsonField<HistoryKeys>(node.historyKeys)
    const keys = options.keys ?? numericHistoryKeys(hk)
    let rows: HistoryRow[]
    if (options.full) {
      const lastStep = typeof hk?.lastStep === 'number' && hk.lastStep >= 0 ? hk.lastStep : Math.max(0, (node.historyLineCount ?? 1) - 1)
      rows = await this.fullHistory(path, lastStep)
    } else {
      rows = keys.length > 0 ? await this.sampledHistory(path, keys, options.samples ?? 1000) : []
    }
    const metrics = new Set<string>()
    for (const row of rows) for (const k in row) if (!k.startsWith('_')) metrics.add(k)
    const run: ImportedRun = {
      name: node.displayName || node.name || path.runId,
      source: 'wandb',
      runId: path.runId,
      entity: path.entity,
      project: path.project,
      path: formatRunPath(path),
      rows,
      metrics: [...metrics],
      config: plainConfig(jsonField(node.config)),
      summary: cleanSummary(jsonField<Record<string, unknown>>(node.summaryMetrics) ?? {}),
      warnings: [],
      tags: node.tags ?? []
    }
    if (node.state) run.state = node.state
    if (node.group) run.group = node.group
    else if (node.sweepName) run.group = node.sweepName
    if (node.createdAt) run.createdAt = node.createdAt
    return run
  }
}

function vars(path: WandbRunPath): Record<string, string> {
  return { entity: path.entity, project: path.project, name: path.runId }
}
