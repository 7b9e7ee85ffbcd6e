/**
 * The `endpoint` block of `model.json` / `demodeck.json`: where the student's
 * deployed model lives, how to talk to it, and where its token comes from.
 * Pure: zod schemas and the resolution of a config (plus a directive's URL)
 * into the protocol demodeck will speak. `schemas/model.schema.json` and
 * `schemas/demodeck.schema.json` document it for editors.
 *
 * [Note: secrets never in the deck]
 * The block names an environment variable (or, in the desktop app, a keychain
 * entry) that holds the token; it has no field for the token itself, and a URL
 * with a user:password part or a key-like query parameter is refused, so a
 * committed deck never carries a credential.
 */
import { z } from 'zod'

/** Protocols demodeck speaks; `auto` picks one from the URL (see {@link resolveKind}). */
export const endpointKinds = ['auto', 'openapi', 'kserve-v2', 'torchserve', 'huggingface', 'custom'] as const
export type EndpointKind = (typeof endpointKinds)[number]

const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer starts with "/" (e.g. "/probabilities"), or is "" for the whole body')

export const endpointAuthSchema = z
  .object({
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name (letters, digits, underscore)')
      .optional()
      .describe(
        'Environment variable holding the token, e.g. "CLOUD_RUN_TOKEN" (set it with `export CLOUD_RUN_TOKEN=$(gcloud auth print-identity-token)`).'
      ),
    keychain: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Name of a token stored in the OS keychain by the desktop app (used when the environment variable is not set).'),
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default('Authorization')
      .describe('Header carrying the token.'),
    scheme: z
      .string()
      .max(40)
      .default('Bearer')
      .describe('Prefix before the token ("Bearer"); "" sends the token alone (e.g. for an x-api-key header).')
  })
  .strict()
  .refine((a) => a.env || a.keychain, 'auth needs "env" (an environment variable name) or "keychain"')

export const endpointRequestSchema = z
  .object({
    body: z
      .enum(['json', 'multipart', 'raw', 'query'])
      .optional()
      .describe('json: a JSON object; multipart: a form upload; raw: the image bytes or the text itself; query: ?field=text.'),
    field: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Field carrying the input: the JSON key or form field (e.g. "statement", "file"). For tabular JSON bodies without it, the features are the body.'
      ),
    features: z
      .enum(['object', 'array'])
      .optional()
      .describe("Tabular: send the features as an object by name (default) or an array in the model's order."),
    extra: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .optional()
      .describe('Constant fields added to a JSON or form body.'),
    inputName: z.string().min(1).optional().describe('KServe v2: the input tensor name (default: read from the model metadata, else "input-0").')
  })
  .strict()

export const endpointResponseSchema = z
  .object({
    label: pointer.optional().describe('JSON pointer to the predicted label (a string, or a class index into the labels).'),
    scores: pointer
      .optional()
      .describe(
        'JSON pointer to the scores: a {label: probability} object, a list of {label, score}, or an array of probabilities in the order of "labels".'
      ),
    labels: z.array(z.string()).min(1).optional().describe("Label order of a scores array (default: the model's labels).")
  })
  .strict()

export const endpointObjectSchema = z
  .object({
    url: z
      .string()
      .min(1)
      .describe('The deployed endpoint: the prediction URL (https://…/predict/) or the service root, whose /openapi.json is read.'),
    kind: z
      .enum(endpointKinds)
      .default('auto')
      .describe(
        'auto: KServe v2 for /v2/models/…/infer, TorchServe for /predictions/…, otherwise the OpenAPI document (FastAPI) or the explicit request/response mapping.'
      ),
    timeoutMs: z.number().int().min(100).max(60_000).default(3000).describe('A call that takes longer is abandoned and the local model answers.'),
    wakeTimeoutMs: z
      .number()
      .int()
      .min(500)
      .max(120_000)
      .default(30_000)
      .describe('How long the warm-up ping may take (a cold Cloud Run instance takes 5–20 s).'),
    health: z
      .string()
      .regex(/^\//, 'a path starting with "/"')
      .optional()
      .describe('Path pinged to wake the service (default: /openapi.json, /v2/health/ready or /ping by kind; else the URL itself).'),
    auth: endpointAuthSchema.optional(),
    request: endpointRequestSchema.optional(),
    response: endpointResponseSchema.optional(),
    record: z
      .union([z.boolean(), z.number().int().min(0).max(50)])
      .default(false)
      .describe(
        "Opt-in: keep the last N deployed answers (true = 5) in the deck's .demodeck/endpoint-record.json, so the demo can say when the endpoint last answered live when the room is offline."
      )
  })
  .strict()

/** The `endpoint` value: a URL, or the full block. */
export const endpointConfigSchema = z.union([z.string().min(1), endpointObjectSchema])
export type EndpointConfigInput = z.input<typeof endpointConfigSchema>
export type EndpointConfig = z.output<typeof endpointObjectSchema>

/** Default per-call timeout, ms. */
export const DEFAULT_TIMEOUT_MS = 3000

const SECRET_QUERY = /^(key|api[_-]?key|token|access[_-]?token|auth|secret|password|sig|signature)$/i

/** Checks a URL: http(s), no credentials in it. Returns the parsed URL or a reason. */
export function checkEndpointUrl(raw: string): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, message: `"${raw}" is not a URL (write it as https://my-api-xyz.a.run.app/predict/)` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `the endpoint URL must start with https:// or http:// (got ${url.protocol})` }
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: 'the endpoint URL contains a user name or password; remove it and use "auth": {"env": "…"} so no secret is written into the deck'
    }
  }
  for (const key of url.searchParams.keys()) {
    if (SECRET_QUERY.test(key)) {
      return {
        ok: false,
        message: `the endpoint URL carries "${key}=" in its query; put the secret in an environment variable and name it in "auth" instead`
      }
    }
  }
  return { ok: true, url }
}

/** Parses an `endpoint` value (string or block) into a full config, or a readable reason. */
export function parseEndpointConfig(value: unknown): { ok: true; config: EndpointConfig } | { ok: false; message: string } {
  const parsed = endpointConfigSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
      .join('; ')
    // A credential in the URL is named too: fixing the schema alone would leave the secret in the deck.
    const raw = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { url?: unknown }).url : undefined
    const url = typeof raw === 'string' && raw.length > 0 ? checkEndpointUrl(raw) : null
    const also = url && !url.ok && !/is not a URL/.test(url.message) ? `; ${url.message}` : ''
    return { ok: false, message: (issue ? detail : 'invalid') + also }
  }
  const config = typeof parsed.data === 'string' ? endpointObjectSchema.parse({ url: parsed.data }) : parsed.data
  const url = checkEndpointUrl(config.url)
  if (!url.ok) return url
  return { ok: true, config }
}

/** How many deployed answers to keep in the deck (0 = off). */
export function recordSize(config: EndpointConfig): number {
  if (config.record === true) return 5
  if (config.record === false) return 0
  return config.record
}

/** The protocol a config speaks once `auto` is resolved. */
export type ResolvedKind = Exclude<EndpointKind, 'auto'>

/** Picks the protocol: the config's kind, else from the URL's shape, else an explicit mapping, else OpenAPI discovery. */
export function resolveKind(config: EndpointConfig): ResolvedKind {
  if (config.kind !== 'auto') return config.kind
  const url = new URL(config.url)
  if (/\/v2\/models\/[^/]+(\/versions\/[^/]+)?\/infer\/?$/.test(url.pathname)) return 'kserve-v2'
  if (/\/predictions\/[^/]+(\/[^/]+)?\/?$/.test(url.pathname)) return 'torchserve'
  if (/(^|\.)api-inference\.huggingface\.co$|\.endpoints\.huggingface\.cloud$/.test(url.hostname)) return 'huggingface'
  if (config.request?.field || config.request?.body || config.response?.label !== undefined || config.response?.scores !== undefined) return 'custom'
  return 'openapi'
}

/** Merges a directive's `endpoint="…"` URL into the model's config (the URL wins; everything else is kept). */
export function withDirectiveUrl(config: EndpointConfig | undefined, url: string): EndpointConfig {
  return endpointObjectSchema.parse({ ...(config ?? {}), url })
}
