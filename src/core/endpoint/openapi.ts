/**
 * OpenAPI discovery: from a FastAPI app's `/openapi.json`, find the POST
 * operation that takes the demo's kind of input and how to send it.
 *
 * [Note: what discovery accepts]
 * - image: a `multipart/form-data` body with one binary field (FastAPI names the
 *   schema `Body_<operation>`; `UploadFile` is `type: string, format: binary`).
 * - text: a JSON object with one string field the caller must fill (`{"statement": …}`),
 *   a form with one string field, or one required string query parameter
 *   (FastAPI's `def predict(text: str)` on a POST).
 * - tabular: a JSON object whose number fields are the model's features (names
 *   compared case- and punctuation-insensitively), a JSON array of numbers, or an
 *   object holding one of those under a single field.
 * An operation that also needs fields demodeck cannot fill is left out, with the
 * reason kept for the message. When the endpoint URL names an operation's path,
 * only that operation is considered; from the service root, a single fitting
 * operation wins, else one whose path says predict/classify/infer; anything
 * still ambiguous is an error naming the candidates and the URL to write.
 */
import type { ModelTask } from '../../shared/types'
import { describeRequest, type Plan, type RequestPlan } from './plan'

type Schema = Record<string, unknown>
type PlanResult = { ok: true; plan: Plan } | { ok: false; message: string }

const PREFERRED_PATH = /predict|classif|infer|sentiment|score|label/i

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** Follows `$ref` (local only) and single-entry `allOf` wrappers. */
function resolve(doc: Schema, schema: unknown, depth = 0): Schema | null {
  if (!isObject(schema) || depth > 12) return null
  const ref = schema['$ref']
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/')) return null
    let target: unknown = doc
    for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
    return resolve(doc, target, depth + 1)
  }
  const allOf = schema['allOf']
  if (Array.isArray(allOf) && allOf.length === 1) return resolve(doc, allOf[0], depth + 1)
  return schema
}

function typeOf(schema: Schema | null): string | undefined {
  if (!schema) return undefined
  const t = schema['type']
  if (typeof t === 'string') return t
  const anyOf = (schema['anyOf'] ?? schema['oneOf']) as unknown
  if (Array.isArray(anyOf)) {
    const types = anyOf.map((s) => (isObject(s) ? s['type'] : undefined)).filter((x) => x !== 'null')
    if (types.length === 1 && typeof types[0] === 'string') return types[0]
  }
  return undefined
}

const isBinary = (s: Schema | null): boolean => typeOf(s) === 'string' && (s?.['format'] === 'binary' || s?.['contentMediaType'] !== undefined)
const isNumber = (s: Schema | null): boolean => typeOf(s) === 'number' || typeOf(s) === 'integer'
const canon = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '')

interface Fields {
  props: Array<{ name: string; schema: Schema | null; required: boolean; hasDefault: boolean }>
}

function fields(doc: Schema, schema: Schema | null): Fields | null {
  if (!schema || typeOf(schema) !== 'object' || !isObject(schema['properties'])) return null
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : [])
  return {
    props: Object.entries(schema['properties'] as Record<string, unknown>).map(([name, raw]) => {
      const resolved = resolve(doc, raw)
      return { name, schema: resolved, required: required.has(name), hasDefault: isObject(raw) && 'default' in raw }
    })
  }
}

type Fit = { request: RequestPlan } | { reason: string }

function fitImage(doc: Schema, content: Record<string, unknown>): Fit {
  const multipart = content['multipart/form-data']
  if (!isObject(multipart)) return { reason: 'it takes no multipart/form-data upload' }
  const f = fields(doc, resolve(doc, multipart['schema']))
  if (!f) return { reason: 'its form has no fields' }
  const files = f.props.filter((p) => isBinary(p.schema) || (typeOf(p.schema) === 'array' && isBinary(resolve(doc, p.schema?.['items']))))
  if (files.length !== 1)
    return {
      reason: files.length ? `its form has ${files.length} file fields (${files.map((p) => p.name).join(', ')})` : 'its form has no file field'
    }
  const others = f.props.filter((p) => p !== files[0] && p.required && !p.hasDefault)
  if (others.length) return { reason: `it also needs ${others.map((p) => `"${p.name}"`).join(', ')}` }
  return { request: { body: 'multipart', field: files[0]!.name } }
}

function fitText(doc: Schema, op: Schema, content: Record<string, unknown> | null): Fit {
  const json = content?.['application/json']
  if (isObject(json)) {
    const f = fields(doc, resolve(doc, json['schema']))
    if (!f) return { reason: 'its JSON body is not an object with a text field' }
    const strings = f.props.filter((p) => typeOf(p.schema) === 'string')
    const needed = strings.filter((p) => p.required && !p.hasDefault)
    const pick = needed.length === 1 ? needed[0]! : strings.length === 1 ? strings[0]! : null
    if (!pick)
      return {
        reason: strings.length
          ? `its JSON body has ${strings.length} text fields (${strings.map((p) => p.name).join(', ')})`
          : 'its JSON body has no text field'
      }
    const others = f.props.filter((p) => p !== pick && p.required && !p.hasDefault)
    if (others.length) return { reason: `it also needs ${others.map((p) => `"${p.name}"`).join(', ')}` }
    return { request: { body: 'json', field: pick.name } }
  }
  const form = content?.['multipart/form-data'] ?? content?.['application/x-www-form-urlencoded']
  if (isObject(form)) {
    const f = fields(doc, resolve(doc, form['schema']))
    const strings = f?.props.filter((p) => typeOf(p.schema) === 'string' && !isBinary(p.schema)) ?? []
    const others = f?.props.filter((p) => !strings.includes(p) && p.required && !p.hasDefault) ?? []
    if (strings.length === 1 && others.length === 0) return { request: { body: 'multipart', field: strings[0]!.name } }
    return { reason: 'its form does not have exactly one text field' }
  }
  if (content) return { reason: 'it takes neither JSON nor a form' }
  const params = (Array.isArray(op['parameters']) ? op['parameters'] : []).map((p) => resolve(doc, p)).filter((p): p is Schema => p !== null)
  const queries = params.filter((p) => p['in'] === 'query' && typeOf(resolve(doc, p['schema'])) === 'string')
  const required = queries.filter((p) => p['required'] === true)
  const pick = required.length === 1 ? required[0] : queries.length === 1 ? queries[0] : undefined
  if (pick && params.every((p) => p === pick || p['required'] !== true)) return { request: { body: 'query', field: String(pick['name']) } }
  return { reason: 'it has no body and no single text query parameter' }
}

function fitTabular(doc: Schema, content: Record<string, unknown> | null, features: string[]): Fit {
  const json = content?.['application/json']
  if (!isObject(json)) return { reason: 'it takes no JSON body' }
  const body = resolve(doc, json['schema'])
  const byCanon = new Map(features.map((f) => [canon(f), f]))
  const asObject = (schema: Schema | null): { rename: Record<string, string> } | string => {
    const f = fields(doc, schema)
    if (!f) return 'its JSON body is not an object of numbers'
    const rename: Record<string, string> = {}
    const unknown: string[] = []
    for (const p of f.props) {
      // FastAPI shows a pydantic alias as the property name, so the API's own spelling is what we send.
      const feature = byCanon.get(canon(p.name)) ?? byCanon.get(canon(String(p.schema?.['title'] ?? '')))
      if (feature && isNumber(p.schema)) rename[feature] = p.name
      else if (p.required && !p.hasDefault) unknown.push(p.name)
    }
    const matched = Object.keys(rename).length
    if (unknown.length)
      return `it needs ${unknown
        .slice(0, 4)
        .map((n) => `"${n}"`)
        .join(', ')}${unknown.length > 4 ? ' …' : ''}, which the model's features do not name`
    if (matched < Math.max(1, Math.ceil(features.length / 2))) return `only ${matched} of its fields are the model's ${features.length} features`
    return { rename }
  }
  if (typeOf(body) === 'array' && isNumber(resolve(doc, body?.['items']))) return { request: { body: 'json', field: null, features: 'array' } }
  const direct = asObject(body)
  if (typeof direct !== 'string') return { request: { body: 'json', field: null, features: 'object', rename: direct.rename } }
  const f = fields(doc, body)
  if (f && f.props.length >= 1) {
    const needed = f.props.filter((p) => p.required && !p.hasDefault)
    const single = needed.length === 1 ? needed[0]! : f.props.length === 1 ? f.props[0]! : null
    if (single) {
      if (typeOf(single.schema) === 'array' && isNumber(resolve(doc, single.schema?.['items']))) {
        return { request: { body: 'json', field: single.name, features: 'array' } }
      }
      const inner = asObject(single.schema)
      if (typeof inner !== 'string') return { request: { body: 'json', field: single.name, features: 'object', rename: inner.rename } }
    }
  }
  return { reason: direct }
}

function fit(doc: Schema, op: Schema, task: ModelTask, features: string[]): Fit {
  const body = resolve(doc, op['requestBody'])
  const content = body && isObject(body['content']) ? (body['content'] as Record<string, unknown>) : null
  if (task === 'image-classification') return content ? fitImage(doc, content) : { reason: 'it takes no request body' }
  if (task === 'text-classification') return fitText(doc, op, content)
  return fitTabular(doc, content, features)
}

const INPUT_WORDS: Record<ModelTask, string> = {
  'image-classification': 'an image upload (multipart/form-data with a file field)',
  'text-classification': 'a text field (JSON body or query parameter)',
  'tabular-classification': "the model's features (a JSON object of numbers)",
  'node-classification': 'a node id ({ "node": 123 })'
}

/** Matches an OpenAPI path (with `{param}` segments) against a URL path; trailing slashes matter to FastAPI, so both are kept. */
function pathMatches(template: string, actual: string): boolean {
  const pattern = '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+') + '$'
  return new RegExp(pattern).test(actual)
}

/**
 * Chooses the operation and request shape for `task` from an OpenAPI document.
 * `endpointUrl` is the configured URL: an operation's URL, or the service root.
 */
export function planFromOpenApi(document: unknown, endpointUrl: string, task: ModelTask, features: string[] = []): PlanResult {
  if (!isObject(document) || !isObject(document['paths'])) {
    return {
      ok: false,
      message:
        'the service\'s /openapi.json is not an OpenAPI document (no "paths"); write the request in the endpoint block instead ("request": {"field": …})'
    }
  }
  const doc = document
  const url = new URL(endpointUrl)
  const rootOnly = url.pathname === '/' || url.pathname === ''
  const ops: Array<{ path: string; op: Schema }> = []
  for (const [path, item] of Object.entries(doc['paths'] as Record<string, unknown>)) {
    const post = isObject(item) ? resolve(doc, item['post']) : null
    if (post) ops.push({ path, op: post })
  }
  const considered = rootOnly ? ops : ops.filter((o) => pathMatches(o.path, url.pathname) || url.pathname.endsWith(o.path))
  if (!rootOnly && considered.length === 0) {
    const posts = ops.map((o) => o.path).join(', ') || 'none'
    return { ok: false, message: `the service has no POST ${url.pathname} (its POST operations: ${posts}); fix the endpoint URL` }
  }
  const fits = considered.map((o) => ({ ...o, fit: fit(doc, o.op, task, features) }))
  const good = fits.filter((f): f is typeof f & { fit: { request: RequestPlan } } => 'request' in f.fit)
  if (good.length === 0) {
    const why = fits.map((f) => `POST ${f.path}: ${'reason' in f.fit ? f.fit.reason : ''}`).join('; ')
    return {
      ok: false,
      message: `no operation of the service takes ${INPUT_WORDS[task]}${why ? ` (${why})` : ''}; describe the request in the endpoint block, e.g. "request": {"field": "…"}`
    }
  }
  let chosen = good
  if (good.length > 1) {
    const preferred = good.filter((g) => PREFERRED_PATH.test(g.path))
    if (preferred.length === 1) chosen = preferred
    else {
      const list = (preferred.length ? preferred : good).map((g) => g.path)
      return {
        ok: false,
        message: `${list.length} operations could take the demo's input (${list.map((p) => `POST ${p}`).join(', ')}); put the one to call in the endpoint URL, e.g. "${url.origin}${list[0]}"`
      }
    }
  }
  const pick = chosen[0]!
  // From the root: the operation's path; otherwise the URL already names it (perhaps behind a path prefix).
  const target = rootOnly ? `${url.origin}${pick.path}` : `${url.origin}${url.pathname}`
  return {
    ok: true,
    plan: {
      url: target + url.search,
      request: pick.fit.request,
      kind: 'openapi',
      describe: `POST ${pick.path} · ${describeRequest(pick.fit.request)} (from /openapi.json)`
    }
  }
}
