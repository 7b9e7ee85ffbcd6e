/**
 * The "Endpoints" preflight check: the deployed models a talk demos. A model's
 * `endpoint` block that the loader ignored (invalid, or a credential in its
 * URL) is an error when a slide uses the model: the student believes the
 * use-case slide calls their deployment, while it silently answers locally.
 * A `::demo{endpoint="…"}` URL is held to the same rules, so a password
 * written into a slide is caught before the deck is committed or shown
 * (see [Note: secrets never in the deck] in core/endpoint/config.ts).
 */
import type { PreflightCheck, PreflightFinding } from '../../shared/preflight'
import { checkEndpointUrl } from '../endpoint/config'
import { check, withLine, type Context } from './check-context'
import { modelSlides } from './directives'

/** The URL with any user:password part replaced, so a finding never repeats the secret. */
export function hideCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1…@')
}

/** Ignored endpoint blocks in model.json / demodeck.json, and bad `endpoint=` URLs on slides. */
export function endpointsCheck(ctx: Context): PreflightCheck {
  const { deck, models } = ctx.facts
  const findings: PreflightFinding[] = []
  const used = modelSlides(deck)
  let configured = 0
  for (const model of models ?? []) {
    if (model.endpoint) configured++
    for (const warning of model.warnings) {
      if (warning.code !== 'model/endpoint') continue
      const slide = used.get(model.id)
      const finding: PreflightFinding = {
        severity: slide === undefined ? 'warning' : 'error',
        code: 'endpoint/ignored',
        message: `Model "${model.id}": ${warning.message.replace(/\.$/, '')}. ${
          slide === undefined
            ? 'No slide uses this model.'
            : `Slide ${slide + 1} demos the local model only, not your deployment; fix the block so the demo calls it.`
        }`,
        file: warning.file ?? `models/${model.id}`
      }
      if (slide !== undefined) finding.slide = slide
      findings.push(finding)
    }
  }
  let onSlides = 0
  for (const slide of deck.slides) {
    for (const d of slide.directives) {
      const url = d.attributes['endpoint']
      if (url === undefined) continue
      onSlides++
      const result = checkEndpointUrl(url.trim())
      if (result.ok) continue
      const secret = /user name or password|in its query/.test(result.message)
      findings.push(
        withLine(
          ctx,
          {
            severity: 'error',
            code: secret ? 'endpoint/secret-on-slide' : 'endpoint/bad-url',
            message: `Slide ${slide.index + 1}: ::${d.name}{endpoint="${hideCredentials(url)}"}: ${result.message.replace(`"${url}"`, `"${hideCredentials(url)}"`)}.${
              secret ? ' Slides are committed and shown: remove the secret from the slide (and change that password or key).' : ''
            }`,
            slide: slide.index
          },
          ['endpoint=']
        )
      )
    }
  }
  const summary =
    configured + onSlides === 0
      ? 'no deployed endpoints'
      : `${configured} model${configured === 1 ? '' : 's'} with an endpoint, ${onSlides} endpoint=${onSlides === 1 ? '' : 's'} on slides`
  return check('endpoints', 'Endpoints', summary, findings)
}
