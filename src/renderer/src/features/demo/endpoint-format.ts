/**
 * Pure words for the deployed-endpoint demo: the status line under the status
 * dot, the agreement line of "Both", the calm source label the audience sees
 * after a fallback, and the rehearsal record line. No React, no DOM.
 */
import type { Agreement, EndpointHealth, RecordedAnswer } from '../../../../shared/types'
import { LOCAL_STILL_LOADING } from '../../../../shared/types-endpoint'
import { formatMs } from './demo-format'

/** "09:14" in the presenter's local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** "last answered live at 09:14, 412 ms" from the rehearsal record, or null. */
export function recordLine(record: RecordedAnswer[]): string | null {
  const last = record[0]
  return last ? `last answered live at ${clockTime(last.at)}, ${formatMs(last.latencyMs)}` : null
}

/** The line beside the status dot: host · state · last response time · cold-start hint. */
export function statusLine(health: EndpointHealth): string {
  const parts = [health.host]
  switch (health.state) {
    case 'up':
      parts.push(health.lastLatencyMs !== null ? `answered in ${formatMs(health.lastLatencyMs)}` : 'up')
      break
    case 'waking':
      parts.push('waking…')
      break
    case 'down':
      parts.push('not answering')
      break
    case 'misconfigured':
      parts.push('needs set-up (see presenter)')
      break
    case 'unknown':
      parts.push('not checked yet')
  }
  if (health.coldStartMs !== null && health.state === 'up') parts.push(`cold start took ${formatMs(health.coldStartMs)}`)
  if (health.state !== 'up') {
    const record = recordLine(health.record)
    if (record) parts.push(record)
  }
  return parts.join(' · ')
}

/** The agreement of Both: "Same top label · largest difference 0.3 pp" or what each said. */
export function agreementLine(agreement: Agreement): string {
  if (!agreement.sameTop) return `Different answers: deployed says “${agreement.deployedTop}”, local says “${agreement.localTop}”`
  if (agreement.maxDiff === null) return 'Same top label (the deployed API gives no scores to compare)'
  const pp = agreement.maxDiff * 100
  return `Same top label · largest probability difference ${pp < 0.1 ? '<0.1' : pp.toFixed(1)} pp`
}

/** What Both shows in the local column when the local model gave no answer (LOCAL_STILL_LOADING after the host's cold-load grace). */
export function localMissingLine(localError: string | undefined): string {
  if (localError === LOCAL_STILL_LOADING) return 'Local model still loading — it answers from the next run'
  return localError ?? 'no local answer'
}

/** Colour class of the status dot. */
export function dotClass(state: EndpointHealth['state']): string {
  return `dm-dot dm-dot-${state}`
}
