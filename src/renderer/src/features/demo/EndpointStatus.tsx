/**
 * The status dot of a deployed endpoint: green when it answered, amber while
 * waking, red when it does not answer; beside it the host, the last response
 * time and a cold-start hint. Short on purpose: the audience sees it.
 */
import type { EndpointHealth } from '../../../../shared/types'
import { dotClass, statusLine } from './endpoint-format'

/** Dot + one line; `null` health (not known yet) shows the configured host as unchecked. */
export function EndpointStatus({ health, url }: { health: EndpointHealth | undefined; url: string }): React.JSX.Element {
  const state = health?.state ?? 'unknown'
  const line = health ? statusLine(health) : `${hostOf(url)} · not checked yet`
  return (
    <div className="dm-endpoint-status" data-testid="endpoint-status" data-state={state} title={health?.message ?? ''}>
      <span className={dotClass(state)} aria-hidden="true" />
      <span className="dm-endpoint-line">{line}</span>
    </div>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
