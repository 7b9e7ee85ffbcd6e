/**
 * Where an endpoint's token may go. The token named in a model's `auth` block
 * is the student's own (a Cloud Run identity token, a Hugging Face or W&B
 * key); demodeck sends it only to the endpoint that block configures, and
 * only over an encrypted connection or to this computer.
 *
 * [Note: a slide's URL never gets the token]
 * A deck is shared: a classmate's deck can carry
 * `::demo{model="wine" endpoint="https://collector.example/"}` next to a
 * model.json whose auth names `$WANDB_API_KEY`, and every endpoint is pinged
 * as the deck opens, with no click. So a slide's URL inherits the model's auth
 * only when its origin (scheme, host and port) is the configured endpoint's;
 * anywhere else the call goes out without the token and the presenter is told
 * why. Plain `http://` carries it only to loopback, where nothing crosses a
 * network.
 */
import type { EndpointConfig } from './config'

/** Whether a URL host name is this computer (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * Why `config`'s auth must not be sent to `config.url`, or null when it may.
 * @param config the endpoint as called (a slide's URL merged into the model's block)
 * @param configured the model's own endpoint block, when `config` comes from a slide's `endpoint="…"`
 */
export function authWithheld(config: EndpointConfig, configured?: EndpointConfig): string | null {
  if (!config.auth) return null
  let url: URL
  try {
    url = new URL(config.url)
  } catch {
    return 'auth not sent: the endpoint URL is not a URL'
  }
  if (configured && originOf(configured.url) !== url.origin) {
    return `auth not sent: the slide's URL (${url.host}) is not the model's endpoint (${originOf(configured.url) ?? configured.url}); the token goes to the endpoint in model.json only`
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `auth not sent: ${url.host} is plain http://, which anyone on the network can read; use https:// (http:// carries a token to this computer only)`
  }
  return null
}
