/**
 * Builds the HTTP request for one demo input from a plan (pure: bytes in,
 * a request description out; the host's client sends it). The same description
 * renders the curl command shown to the audience (curl.ts), so what is shown is
 * what was sent.
 */
import type { TabularFeature } from '../../shared/types'
import type { Plan } from './plan'

/** The demo's input with an image already decoded from its data URL into bytes. */
export type EndpointInput =
  { text: string } | { image: { bytes: Uint8Array; mime: string; fileName: string } } | { features: Record<string, number | string | null> }

export type MultipartPart = { name: string; value: string } | { name: string; fileName: string; contentType: string; bytes: Uint8Array }

/** A request ready to send. Auth headers are not in it: the host adds them at send time. */
export interface OutgoingRequest {
  method: 'POST'
  url: string
  /** Content type and accept; a multipart body's content type (with its boundary) is set by the client. */
  headers: Record<string, string>
  body:
    | { type: 'json'; text: string }
    | { type: 'multipart'; parts: MultipartPart[] }
    | { type: 'bytes'; bytes: Uint8Array; contentType: string; fileName: string }
    | { type: 'text'; text: string; contentType: string }
    | { type: 'none' }
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Feature values in the model's order, empty ones filled with the feature's default. */
function featureValues(values: Record<string, number | string | null>, features: TabularFeature[]): Array<number | string | null> {
  return features.map((f) => values[f.name] ?? f.default ?? null)
}

function featureObject(
  values: Record<string, number | string | null>,
  features: TabularFeature[],
  rename: Record<string, string> = {}
): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {}
  const names = features.length ? features.map((f) => f.name) : Object.keys(values)
  for (const name of names) out[rename[name] ?? name] = values[name] ?? features.find((f) => f.name === name)?.default ?? null
  return out
}

const kindOf = (input: EndpointInput): 'text' | 'image' | 'features' => ('text' in input ? 'text' : 'image' in input ? 'image' : 'features')

/** Builds the request for `input`; throws an Error with a readable reason when the plan cannot carry it. */
export function buildRequest(plan: Plan, input: EndpointInput, features: TabularFeature[] = []): OutgoingRequest {
  const r = plan.request
  const json = (value: unknown): OutgoingRequest => ({
    method: 'POST',
    url: plan.url,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: { type: 'json', text: JSON.stringify(value) }
  })
  switch (r.body) {
    case 'json': {
      const extra = r.extra ?? {}
      if ('text' in input) {
        if (r.field === null) return json(input.text)
        return json({ ...extra, [r.field]: input.text })
      }
      if ('features' in input) {
        const payload = r.features === 'array' ? featureValues(input.features, features) : featureObject(input.features, features, r.rename)
        return json(r.field === null ? (Array.isArray(payload) ? payload : { ...extra, ...payload }) : { ...extra, [r.field]: payload })
      }
      throw new Error('this endpoint takes JSON; an image cannot be sent that way (use a multipart or raw body)')
    }
    case 'multipart': {
      const extra: MultipartPart[] = Object.entries(r.extra ?? {}).map(([name, value]) => ({ name, value: String(value) }))
      if ('image' in input) {
        return {
          method: 'POST',
          url: plan.url,
          headers: { accept: 'application/json' },
          body: {
            type: 'multipart',
            parts: [{ name: r.field, fileName: input.image.fileName, contentType: input.image.mime, bytes: input.image.bytes }, ...extra]
          }
        }
      }
      if ('text' in input)
        return {
          method: 'POST',
          url: plan.url,
          headers: { accept: 'application/json' },
          body: { type: 'multipart', parts: [{ name: r.field, value: input.text }, ...extra] }
        }
      throw new Error('this endpoint takes a form upload; send tabular features as JSON instead')
    }
    case 'query': {
      if (!('text' in input)) throw new Error(`this endpoint takes text in ?${r.field}=, not ${kindOf(input)}`)
      const url = new URL(plan.url)
      url.searchParams.set(r.field, input.text)
      return { method: 'POST', url: url.toString(), headers: { accept: 'application/json' }, body: { type: 'none' } }
    }
    case 'raw': {
      if ('image' in input)
        return {
          method: 'POST',
          url: plan.url,
          headers: { 'content-type': input.image.mime, accept: 'application/json' },
          body: { type: 'bytes', bytes: input.image.bytes, contentType: input.image.mime, fileName: input.image.fileName }
        }
      if ('text' in input)
        return {
          method: 'POST',
          url: plan.url,
          headers: { 'content-type': 'text/plain; charset=utf-8', accept: 'application/json' },
          body: { type: 'text', text: input.text, contentType: 'text/plain; charset=utf-8' }
        }
      return json(featureObject(input.features, features))
    }
    case 'kserve': {
      let tensor: { name: string; shape: number[]; datatype: string; data: unknown[] }
      if ('text' in input) tensor = { name: r.inputName, shape: [1], datatype: 'BYTES', data: [input.text] }
      else if ('image' in input) tensor = { name: r.inputName, shape: [1], datatype: 'BYTES', data: [base64(input.image.bytes)] }
      else {
        const values = featureValues(input.features, features)
        if (values.some((v) => typeof v !== 'number'))
          throw new Error('KServe v2 takes numeric features; this model has category features (map them with an explicit request)')
        tensor = { name: r.inputName, shape: [1, values.length], datatype: 'FP32', data: values }
      }
      return json({ inputs: [tensor] })
    }
  }
}

/** Request size in bytes (for the presenter's diagnostics). */
export function requestBytes(request: OutgoingRequest): number {
  const b = request.body
  switch (b.type) {
    case 'json':
    case 'text':
      return new TextEncoder().encode(b.text).length
    case 'bytes':
      return b.bytes.length
    case 'multipart':
      return b.parts.reduce((n, p) => n + ('bytes' in p ? p.bytes.length : p.value.length), 0)
    case 'none':
      return 0
  }
}
