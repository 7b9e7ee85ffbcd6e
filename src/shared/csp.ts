/**
 * The Content Security Policy of demodeck's pages, written once: the build
 * puts it into the renderer's index.html (a <meta> tag, what Electron's
 * file:// pages get) and browser mode's server sends it as a header.
 * No 'unsafe-eval' anywhere; 'unsafe-inline' only for styles (React's style
 * attributes and reveal.js' layout need them).
 */

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob: demodeck-asset:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['media-src', "'self' blob: mediastream: demodeck-asset:"],
  ['worker-src', "'self' blob:"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"]
]

/** The policy as a <meta http-equiv> tag carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ')

/** The policy as an HTTP header: the same, plus what a <meta> tag cannot say (no framing by other pages). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** Placeholder in src/renderer/index.html that the build replaces with the policy. */
export const CSP_PLACEHOLDER = '%DEMODECK_CSP%'

/** Fills the renderer's index.html with the policy; throws when the placeholder is missing (never ship without a CSP). */
export function injectContentSecurityPolicy(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} placeholder for the Content Security Policy.`)
  return html.split(CSP_PLACEHOLDER).join(CONTENT_SECURITY_POLICY)
}
