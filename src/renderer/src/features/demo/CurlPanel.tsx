/**
 * "Copy curl": the command that sends the demo's last input to the local API,
 * so the audience sees the model is a plain HTTP service too.
 */
import { useState } from 'react'
import type { PredictInput } from '../../../../shared/types'
import { abbreviateInput, curlCommand } from './demo-format'
import { apiOrigin } from './demo-routes'

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Clipboard API refused (no focus, no permission): fall back to a hidden selection.
    const area = document.createElement('textarea')
    area.value = text
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  }
}

/**
 * Shows the curl command for `input` and copies it (the full command; the screen shows a shortened one).
 * `command`: the exact request the host sent to the deployed endpoint (secrets as $VARIABLE), shown instead.
 */
export function CurlPanel({ modelId, input, command }: { modelId: string; input: PredictInput; command?: string | null }): React.JSX.Element {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const origin = command ? '' : apiOrigin()
  const full = command ?? curlCommand(origin, modelId, input)
  const shown = command ?? curlCommand(origin, modelId, abbreviateInput(input))
  return (
    <div className="dm-curl" data-testid="curl" data-target={command ? 'deployed' : 'local'}>
      {command && <div className="dm-caption">The request demodeck sent to the deployed endpoint</div>}
      <code className="dm-curl-code">{shown}</code>
      <div className="dm-row-buttons">
        <button type="button" className="dm-button" onClick={() => void copyText(full).then((ok) => setCopied(ok ? 'yes' : 'no'))}>
          {copied === 'yes' ? 'Copied ✓' : 'Copy'}
        </button>
        {copied === 'no' && <span className="dm-muted">Copy failed: select the command and copy it by hand.</span>}
        {origin === null && (
          <span className="dm-muted">
            The desktop app has no HTTP port: run <code>npm run web</code> and put the port it prints in place of PORT.
          </span>
        )}
      </div>
    </div>
  )
}
