/** Deployed endpoints on the wire: results, agreement with the local model, health. Re-exported by types.ts. */
import type { Prediction } from './types'

// ---------------------------------------------------------------- deployed endpoints

/** Which answer a demo shows: the deployed model, the local ONNX model, or both side by side. */
export type DemoSource = 'deployed' | 'local' | 'both'

/** Why a deployed call gave no usable answer. */
export type EndpointFailure = 'timeout' | 'unreachable' | 'http' | 'auth' | 'not-json' | 'mapping' | 'config' | 'cancelled'

/** What the deployed model answered for one input, or why it did not. */
export interface DeployedResult {
  ok: boolean
  /** 'scores': a distribution; 'label': the API returns only a label (shown without a confidence). */
  kind?: 'scores' | 'label'
  /** Highest first (kind 'scores'); empty otherwise. */
  predictions: Array<{ label: string; score: number }>
  /** Top or predicted label. */
  label?: string
  /** A confidence the API itself sent beside its label. */
  reportedScore?: number
  /** HTTP status, when the server answered at all. */
  status?: number
  /** Round trip from the host to the endpoint and back, ms. */
  latencyMs: number
  failure?: EndpointFailure
  /** Short and calm, for the audience: "deployed endpoint did not answer in 3 s — local model". */
  notice?: string
  /** The whole diagnosis, for the presenter. */
  detail?: string
  /** What was done to the numbers, e.g. softmax applied. */
  note?: string
  /** The curl command of the request the host sent (secrets as $VARIABLE). */
  curl: string | null
  /** Host name of the endpoint. */
  host: string
  /** ISO time of the call. */
  at: string
}

/** Do the deployed and local models agree on one input? */
export interface Agreement {
  sameTop: boolean
  deployedTop: string
  localTop: string
  /** Largest |p_deployed − p_local| over the labels both report; null when the API gives no scores. */
  maxDiff: number | null
  /** Labels compared for maxDiff. */
  compared: number
}

/** Answer of `endpoint:predict`: what to show, plus both sides for "Both". */
export interface EndpointPrediction extends Prediction {
  /** Whose answer `predictions` is: the deployed model's, or the local model's (asked for, or after a failure). */
  source: 'deployed' | 'local'
  /** Set when the deployed model gave only a label: show it as such. */
  labelOnly?: { label: string; reportedScore?: number }
  deployed: DeployedResult
  local: Prediction | null
  /** Why `local` is null: the local model's error, or LOCAL_STILL_LOADING when it was still loading as the deployed answer came. */
  localError?: string
  agreement?: Agreement
}

/** One deployed answer kept for offline rehearsal ("last answered live at 09:14, 412 ms"). */
export interface RecordedAnswer {
  at: string
  latencyMs: number
  input: string
  label: string
  score: number | null
}

/** Health of one deployed endpoint, for the status dot and the presenter. */
export interface EndpointHealth {
  /** Model id. */
  model: string
  /** The configured URL (never with a secret in it). */
  url: string
  host: string
  /** Protocol in use: openapi, kserve-v2, torchserve, huggingface or custom. */
  kind: string
  state: 'unknown' | 'waking' | 'up' | 'down' | 'misconfigured'
  /** What the last ping or call found, one sentence. */
  message: string
  lastLatencyMs: number | null
  /** ISO time of the last answer from the endpoint. */
  lastAt: string | null
  /** Set when a ping or call after a quiet spell took long: a cold start, ms. */
  coldStartMs: number | null
  timeoutMs: number
  /** The auth header and where its token comes from (never the token). */
  auth: {
    header: string
    env?: string
    keychain?: string
    present: boolean
    /** Why the token is not sent to this URL (a slide's URL on another origin, plain http:// off this computer). */
    withheld?: string
  } | null
  /** How requests are sent, e.g. `POST /classify/ · multipart field "file"`. */
  plan: string | null
  /** Last deployed answers kept in the deck (opt-in `record`). */
  record: RecordedAnswer[]
  /** Recent failures with the full diagnosis, newest first. */
  failures: Array<{ at: string; message: string }>
}

/** `localError` of a deployed answer that did not wait for the local model's cold load. */
export const LOCAL_STILL_LOADING = 'still loading'
