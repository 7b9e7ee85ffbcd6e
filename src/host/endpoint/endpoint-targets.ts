/**
 * The endpoint service's targets: every deployed endpoint of the deck (each
 * model's configured endpoint and each `::demo{endpoint="…"}` URL), read again
 * after a models or slides change with the health of unchanged endpoints kept,
 * the one a call means found by model and URL, and the auth state each shows.
 *
 * A slide's URL that cannot be used (not a URL, a password in it) is kept as a
 * misconfigured target, so the presenter sees why and the demo answers locally.
 * The model's token goes only where [Note: a slide's URL never gets the token]
 * (core/endpoint/auth-scope.ts) allows.
 */
import { ApiError } from '../../shared/api'
import type { EndpointHealth, ModelInfo } from '../../shared/types'
import { checkEndpointUrl, resolveKind, withDirectiveUrl, type EndpointConfig } from '../../core/endpoint/config'
import { authWithheld } from '../../core/endpoint/auth-scope'
import type { ModelServiceApi } from '../services'
import { resolveAuth, type TokenStore } from './auth'
import { readEndpointConfigs } from './endpoint-configs'
import { healthOf, hostOf, type Target } from './endpoint-target'
import type { RecordStore } from './record-store'

/** What the targets are read from. */
export interface EndpointTargetsOptions {
  deckRoot: string
  models: ModelServiceApi
  /** The rehearsal record, loaded before each read and shown in each target's health. */
  records: RecordStore
  env: NodeJS.ProcessEnv
  tokens?: TokenStore
  /** `::demo{model endpoint}` pairs of the current deck. */
  directiveEndpoints?: () => Array<{ model: string; url: string }>
}

/** The deck's endpoints by key (`<model id>|<url>`), read on first use and on `refresh`. */
export class EndpointTargets {
  private targets: Map<string, Target> = new Map()
  private loading: Promise<Map<string, Target>> | null = null

  constructor(private readonly options: EndpointTargetsOptions) {}

  /** Re-reads configs and directives (after a models or slides change); health of unchanged endpoints is kept. */
  refresh(): Promise<Map<string, Target>> {
    const previous = this.targets
    const { records } = this.options
    this.loading = (async () => {
      await records.load()
      const models = await this.options.models.list()
      const byId = new Map(models.map((m) => [m.id, m]))
      const configs = await readEndpointConfigs(
        this.options.deckRoot,
        models.filter((m) => m.endpoint).map((m) => m.id)
      )
      const next = new Map<string, Target>()
      /** `configured`: the model's own block, when `config` is a slide's URL merged into it. */
      const add = (model: ModelInfo, merged: EndpointConfig, configured?: EndpointConfig): void => {
        const key = `${model.id}|${merged.url}`
        if (next.has(key)) return
        const withheld = authWithheld(merged, configured)
        const config = withheld ? { ...merged, auth: undefined } : merged
        const kind = resolveKind(config)
        const old = previous.get(key)
        const sameConfig = old && JSON.stringify(old.config) === JSON.stringify(config) && old.model.labels.join() === model.labels.join()
        next.set(key, {
          key,
          model,
          config,
          kind,
          plan: sameConfig ? old.plan : null,
          planError: sameConfig ? old.planError : null,
          health: old ? { ...old.health, kind, timeoutMs: config.timeoutMs } : healthOf(model.id, config, kind),
          inflight: old?.inflight ?? new Set(),
          lastAnswer: old?.lastAnswer ?? null,
          ...(withheld && merged.auth ? { authWithheld: { reason: withheld, auth: merged.auth } } : {})
        })
      }
      for (const [id, config] of configs) add(byId.get(id)!, config)
      for (const { model, url } of this.options.directiveEndpoints?.() ?? []) {
        const info = byId.get(model)
        if (!info) continue
        const checked = checkEndpointUrl(url)
        if (checked.ok) {
          add(info, withDirectiveUrl(configs.get(model), url), configs.get(model))
          continue
        }
        // Kept as a target so the presenter sees why, and the demo answers locally, saying it is not set up.
        const key = `${model}|${url}`
        const shown = url.replace(/\/\/[^/@]*@/, '//…@').replace(/\?.*$/, '?…')
        const message = `the ::demo endpoint "${shown}" cannot be used: ${checked.message}`
        const config = withDirectiveUrl(configs.get(model), url)
        const health: EndpointHealth = {
          ...healthOf(model, config, 'custom'),
          url: shown,
          host: hostOf(shown),
          state: 'misconfigured',
          message,
          failures: [{ at: new Date().toISOString(), message }]
        }
        next.set(key, {
          key,
          model: info,
          config,
          kind: 'custom',
          plan: null,
          planError: message,
          health,
          inflight: new Set(),
          lastAnswer: null,
          invalid: message
        })
      }
      for (const target of next.values()) {
        target.health.record = records.get(target.model.id)
        target.health.auth = this.authHealth(target)
      }
      this.targets = next
      return next
    })()
    return this.loading
  }

  /** Every target: those being read, else those last read (read now on first use). */
  async all(): Promise<Map<string, Target>> {
    return this.loading ?? this.refresh()
  }

  /** The targets read last, without waiting (for stopping their calls in flight). */
  loaded(): Iterable<Target> {
    return this.targets.values()
  }

  /** The auth a target shows the presenter: which header, where its token comes from, whether it is there or withheld. */
  authHealth(target: Target): EndpointHealth['auth'] {
    const block = target.config.auth ?? target.authWithheld?.auth
    if (!block) return null
    const auth = resolveAuth({ ...target.config, auth: block }, this.options.env, this.options.tokens)
    return {
      header: block.header,
      ...(block.env ? { env: block.env } : {}),
      ...(block.keychain ? { keychain: block.keychain } : {}),
      present: auth.missing === null,
      ...(target.authWithheld ? { withheld: target.authWithheld.reason } : {})
    }
  }

  /**
   * The target a call means: the model's endpoint at `url`, or without a URL its own (first) one.
   * Throws an ApiError that says the fix when the deck has no such endpoint or no such model.
   */
  async find(id: string, url?: string): Promise<Target> {
    const targets = await this.all()
    const forModel = [...targets.values()].filter((t) => t.model.id === id)
    if (url !== undefined) {
      const hit = forModel.find((t) => t.config.url === url)
      if (!hit) {
        throw new ApiError(
          'bad_request',
          `the endpoint "${url}" is not in the deck for model "${id}": write it in the slide's ::demo{endpoint="…"} or the model's endpoint block`
        )
      }
      return hit
    }
    const own = forModel.find((t) => t.health.url === forModel[0]?.health.url)
    if (!own) {
      const known = (await this.options.models.list()).some((m) => m.id === id)
      throw new ApiError(
        known ? 'bad_request' : 'not_found',
        known
          ? `model "${id}" has no deployed endpoint: add "endpoint": "https://…" to its model.json or demodeck.json, or endpoint="https://…" to the ::demo directive`
          : `there is no model "${id}"`
      )
    }
    return own
  }
}
