/**
 * The answer of a demo with a deployed endpoint. Deployed: the deployed
 * model's bars (or its single label, without a made-up confidence), or — when
 * it did not answer — the local model's bars under a calm source label.
 * Both: the two answers side by side with their latencies and whether they agree.
 */
import { memo } from 'react'
import type { EndpointPrediction, Prediction } from '../../../../shared/types'
import { formatMs, formatPercent } from './demo-format'
import { agreementLine, localMissingLine } from './endpoint-format'
import { LabelBars } from './LabelBars'

/** Props of {@link EndpointResult}. */
export interface EndpointResultProps {
  /** The answer on screen: a local-only Prediction until the first deployed answer after a switch. */
  result: EndpointPrediction | Prediction | null
  both: boolean
  top: number
  seq: number
  emptyHint: string
}

function LabelOnly({ label, reportedScore }: { label: string; reportedScore?: number | undefined }): React.JSX.Element {
  return (
    <div className="dm-label-only" data-testid="label-only">
      <span className="dm-label-only-value">{label}</span>
      <span className="dm-muted">
        {reportedScore !== undefined ? `the API's own confidence: ${formatPercent(reportedScore)}` : 'the API returns a label, no scores'}
      </span>
    </div>
  )
}

function DeployedSide({
  result,
  top,
  seq,
  emptyHint
}: {
  result: EndpointPrediction
  top: number
  seq: number
  emptyHint: string
}): React.JSX.Element {
  const d = result.deployed
  if (!d.ok) {
    return (
      <div className="dm-source-note" data-testid="deployed-failed">
        <span data-diagnostic="">{d.notice?.replace(/ — local model$/, '') ?? 'deployed endpoint did not answer'}</span>
        <span className="dm-audience-only">no answer</span>
      </div>
    )
  }
  if (result.labelOnly) return <LabelOnly label={result.labelOnly.label} reportedScore={result.labelOnly.reportedScore} />
  return <LabelBars prediction={{ predictions: d.predictions, latencyMs: d.latencyMs }} top={top} seq={seq} emptyHint={emptyHint} />
}

/** Deployed or Both, per the switch. */
export const EndpointResult = memo(function EndpointResult({ result, both, top, seq, emptyHint }: EndpointResultProps) {
  // Right after switching from Local the answer on screen is still the local model's own.
  if (!result || !('deployed' in result)) return <LabelBars prediction={result} top={top} seq={seq} emptyHint={emptyHint} />
  const d = result.deployed
  if (both) {
    const local: Prediction | null = result.local
    return (
      <div className="dm-both" data-testid="both">
        <div className="dm-both-cols">
          <div className="dm-both-col" data-testid="both-deployed">
            <div className="dm-caption">
              Deployed · {d.host} · <span data-testid="deployed-latency">{formatMs(d.latencyMs)}</span>
            </div>
            <DeployedSide result={result} top={top} seq={seq} emptyHint={emptyHint} />
          </div>
          <div className="dm-both-col" data-testid="both-local">
            <div className="dm-caption">Local · ONNX · {local ? formatMs(local.latencyMs) : '—'}</div>
            {local ? (
              <LabelBars prediction={local} top={top} seq={seq} emptyHint={emptyHint} />
            ) : (
              <div className="dm-source-note" data-testid="local-missing">
                {localMissingLine(result.localError)}
              </div>
            )}
          </div>
        </div>
        {result.agreement && (
          <div className={`dm-agreement ${result.agreement.sameTop ? 'is-same' : 'is-different'}`} data-testid="agreement">
            {result.agreement.sameTop ? '✓ ' : '≠ '}
            {agreementLine(result.agreement)}
          </div>
        )}
      </div>
    )
  }
  return (
    <div className="dm-deployed" data-testid="deployed-answer" data-source={result.source}>
      {result.source === 'deployed' ? (
        <>
          <div className="dm-caption">
            Deployed model · {d.host} · {formatMs(d.latencyMs)}
          </div>
          {result.labelOnly ? (
            <LabelOnly label={result.labelOnly.label} reportedScore={result.labelOnly.reportedScore} />
          ) : (
            <LabelBars prediction={result} top={top} seq={seq} emptyHint={emptyHint} />
          )}
          {result.agreement && (
            <div className="dm-muted" data-testid="agreement">
              Local model: {agreementLine(result.agreement).replace(/^Same top label/, 'same top label')}
            </div>
          )}
        </>
      ) : (
        <>
          <div className="dm-source-label" role="status" data-testid="source-label">
            Local model<span data-diagnostic=""> · {d.notice?.replace(/ — local model$/, '') ?? 'the deployed endpoint did not answer'}</span>
          </div>
          <LabelBars prediction={result} top={top} seq={seq} emptyHint={emptyHint} />
        </>
      )}
    </div>
  )
})
