/**
 * Where an endpoint's token comes from: the environment variable the endpoint
 * block names, else (desktop app) the OS keychain entry it names. The token is
 * only ever put into the outgoing request's header; everything shown or logged
 * names the variable instead (see core/endpoint/curl.ts).
 */
import type { EndpointConfig } from '../../core/endpoint/config'
import type { AuthShown } from '../../core/endpoint/curl'

/** Tokens kept by the app itself, by name (Electron safeStorage); absent in browser mode. */
export interface TokenStore {
  get(name: string): string | null
  set(name: string, value: string): void
}

/** The resolved auth of one endpoint: the header to send (when a token was found) and how to show it. */
export interface ResolvedAuth {
  headers: Record<string, string>
  shown: AuthShown | undefined
  /** The token itself, for redaction only. */
  secret: string | undefined
  /** Why no token could be found, when auth is configured but empty. */
  missing: string | null
}

/** Resolves `config.auth` against the environment and the keychain. */
export function resolveAuth(config: EndpointConfig, env: NodeJS.ProcessEnv, tokens?: TokenStore): ResolvedAuth {
  const auth = config.auth
  if (!auth) return { headers: {}, shown: undefined, secret: undefined, missing: null }
  const fromEnv = auth.env ? env[auth.env]?.trim() : undefined
  const fromStore = !fromEnv && auth.keychain ? (tokens?.get(auth.keychain) ?? undefined) : undefined
  const token = fromEnv || fromStore || undefined
  const shown: AuthShown = {
    header: auth.header,
    scheme: auth.scheme,
    ...(auth.env && (fromEnv || !auth.keychain) ? { env: auth.env } : {}),
    ...(auth.keychain && !fromEnv ? { keychain: auth.keychain } : {})
  }
  if (!token) {
    const places = [
      auth.env ? `the environment variable ${auth.env} is not set` : null,
      auth.keychain ? (tokens ? `the keychain has no "${auth.keychain}"` : `the keychain entry "${auth.keychain}" needs the desktop app`) : null
    ]
      .filter(Boolean)
      .join(' and ')
    const hint = auth.env ? ` (e.g. export ${auth.env}=$(gcloud auth print-identity-token) before starting demodeck)` : ''
    return { headers: {}, shown, secret: undefined, missing: `no token: ${places}${hint}` }
  }
  return { headers: { [auth.header]: auth.scheme ? `${auth.scheme} ${token}` : token }, shown, secret: token, missing: null }
}
