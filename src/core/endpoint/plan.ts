/**
 * A request plan: how the demo's input becomes one HTTP request to the deployed
 * model. Plans come from OpenAPI discovery (openapi.ts), from an explicit
 * `endpoint.request` mapping, or from a built-in protocol (KServe v2, TorchServe,
 * Hugging Face); `request.ts` turns a plan plus an input into the bytes sent.
 */
import type { ModelTask } from '../../shared/types'
import type { EndpointConfig, ResolvedKind } from './config'

/** How the input travels. */
export type RequestPlan =
  /** A form upload: the image as a file part, or the text as a field. */
  | { body: 'multipart'; field: string; extra?: Record<string, string | number | boolean | null> }
  /** A JSON body: `{[field]: text}`; tabular: the features (renamed) as the body or under `field`. */
  | {
      body: 'json'
      field: string | null
      features?: 'object' | 'array'
      /** Tabular: model feature name → the API's property name. */
      rename?: Record<string, string>
      extra?: Record<string, string | number | boolean | null>
    }
  /** `?field=text` on a POST without a body (FastAPI's `def predict(text: str)`). */
  | { body: 'query'; field: string }
  /** The image bytes or the text itself as the body (TorchServe, Hugging Face). */
  | { body: 'raw' }
  /** Open Inference Protocol v2 `{"inputs": [...]}`. */
  | { body: 'kserve'; inputName: string }

/** A complete plan: where to send and how. */
export interface Plan {
  /** Absolute URL of the operation. */
  url: string
  request: RequestPlan
  /** Which protocol reads the answer. */
  kind: ResolvedKind
  /** One line for the presenter, e.g. `POST /classify/ · multipart file field "file"`. */
  describe: string
}

/** Describes a plan's request in words. */
export function describeRequest(request: RequestPlan): string {
  switch (request.body) {
    case 'multipart':
      return `multipart field "${request.field}"`
    case 'json':
      return request.field === null
        ? request.features === 'array'
          ? 'JSON array of the features'
          : 'JSON object of the features'
        : `JSON field "${request.field}"`
    case 'query':
      return `query parameter "${request.field}"`
    case 'raw':
      return 'the input as the raw body'
    case 'kserve':
      return `Open Inference Protocol v2 input "${request.inputName}"`
  }
}

/** The plan of a built-in protocol or an explicit mapping (no discovery needed); null for OpenAPI. */
export function staticPlan(config: EndpointConfig, kind: ResolvedKind, task: ModelTask): Plan | { error: string } | null {
  const path = new URL(config.url).pathname
  const r = config.request
  const extra = r?.extra ? { extra: r.extra } : {}
  let request: RequestPlan
  switch (kind) {
    case 'openapi':
      return null
    case 'kserve-v2':
      request = { body: 'kserve', inputName: r?.inputName ?? 'input-0' }
      break
    case 'torchserve':
      request = task === 'tabular-classification' ? { body: 'json', field: null, features: r?.features ?? 'object' } : { body: 'raw' }
      break
    case 'huggingface':
      request =
        task === 'image-classification'
          ? { body: 'raw' }
          : { body: 'json', field: 'inputs', ...(task === 'tabular-classification' ? { features: r?.features ?? 'object' } : {}) }
      break
    case 'custom': {
      const body = r?.body ?? (task === 'image-classification' ? 'multipart' : 'json')
      if (body === 'raw') request = { body: 'raw' }
      else if (body === 'query' || body === 'multipart') {
        if (!r?.field)
          return {
            error: `endpoint.request.body "${body}" needs "field" (the name the API expects, e.g. "${task === 'image-classification' ? 'file' : 'text'}")`
          }
        request = body === 'query' ? { body: 'query', field: r.field } : { body: 'multipart', field: r.field, ...extra }
      } else if (task === 'tabular-classification') {
        request = { body: 'json', field: r?.field ?? null, features: r?.features ?? 'object', ...extra }
      } else if (task === 'text-classification') {
        if (!r?.field) return { error: 'endpoint.request needs "field": the JSON key that carries the text (e.g. "text" or "statement")' }
        request = { body: 'json', field: r.field, ...extra }
      } else {
        return { error: 'an image endpoint with a JSON body is not supported; use "body": "multipart" (a file upload) or "raw" (the image bytes)' }
      }
      break
    }
  }
  return { url: config.url, request, kind, describe: `POST ${path} · ${describeRequest(request)}` }
}
