/**
 * What a live demo gains when its model has a deployed endpoint: the source
 * switch (Deployed / Local / Both), the status dot, predictions routed through
 * the host's `endpoint:predict` (never from the renderer: the CSP keeps
 * connect-src local), and the curl of the request the host actually sent.
 * LiveDemo stays the same for models without an endpoint.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { DemoSource, EndpointPrediction, ModelInfo, Prediction } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { EndpointStatus } from './EndpointStatus'
import { usePrinting } from '../print/printing'
import { SourceSwitch } from './SourceSwitch'
import { pickHealth, useEndpointHealth } from './use-endpoint-health'
import type { PredictCall, Predictor } from './use-predictor'
import type { EndpointHealth } from '../../../../shared/types'
import './endpoint.css'

export { EndpointResult } from './EndpointResult'
export { parseSource, parseTimeout } from './deployed-attributes'

/** The deployed side of one demo. */
export interface DemoSourceState {
  /** The endpoint URL in use, or null when the model has none. */
  url: string | null
  source: DemoSource
  setSource: (source: DemoSource) => void
  /** The prediction call for the predictor: undefined = the local model. */
  call: PredictCall | undefined
  health: EndpointHealth | undefined
  /** The curl to show for an answer: the deployed request when there was one. */
  curl: (result: Prediction | null) => string | null
}

const isEndpointPrediction = (result: Prediction | null): result is EndpointPrediction => result !== null && 'deployed' in result

/** A local answer dressed as an endpoint answer whose deployed side could not run. */
function localOnly(local: Prediction, url: string, detail: string): EndpointPrediction {
  let host = url
  try {
    host = new URL(url).host
  } catch {
    // keep the raw text
  }
  return {
    ...local,
    source: 'local',
    local,
    deployed: {
      ok: false,
      predictions: [],
      latencyMs: 0,
      curl: null,
      host,
      at: new Date().toISOString(),
      failure: 'config',
      notice: 'deployed endpoint is not set up right — local model',
      detail
    }
  }
}

/** The source state of a demo: `endpoint` from the directive wins over the model's own. */
export function useDemoSource(
  model: ModelInfo,
  endpoint: string | undefined,
  initial: DemoSource | undefined,
  timeoutMs: number | undefined
): DemoSourceState {
  const url = endpoint ?? model.endpoint?.url ?? null
  const [chosen, setSource] = useState<DemoSource>(initial ?? 'deployed')
  const source: DemoSource = url ? chosen : 'local'
  // A printed copy's predictions stay out of the session's prediction log.
  const printing = usePrinting()
  const call = useMemo<PredictCall | undefined>(() => {
    if (!url || source === 'local') return undefined
    const quiet = printing ? { log: false } : {}
    return async (input) => {
      try {
        return await api['endpoint:predict']({
          id: model.id,
          input,
          ...(endpoint ? { endpoint } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
          ...quiet
        })
      } catch (error) {
        // The host refused the call itself (e.g. a bad directive): the local model still answers, calmly labelled.
        const local = await api['models:predict']({ id: model.id, input, ...quiet })
        return localOnly(local, url, errorMessage(error))
      }
    }
  }, [url, source, model.id, endpoint, timeoutMs, printing])
  const health = pickHealth(useEndpointHealth(), model.id, url ?? undefined)
  return {
    url,
    source,
    setSource,
    call,
    health,
    curl: (result) => (source !== 'local' && isEndpointPrediction(result) ? result.deployed.curl : null)
  }
}

/** Asks again for the input on screen when the switch changes, so the new source answers at once. */
export function useRerunOnSwitch(source: DemoSource, predictor: Predictor): void {
  const latest = useRef(predictor)
  latest.current = predictor
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const { input, predict } = latest.current
    if (input) predict(input, 'example')
  }, [source])
}

/** Switch + status dot, in the demo's header. */
export function EndpointBar({ model, demo }: { model: ModelInfo; demo: DemoSourceState }): React.JSX.Element {
  return (
    <div className="dm-endpoint-bar">
      <EndpointStatus health={demo.health} url={demo.url ?? ''} />
      <SourceSwitch value={demo.source} onChange={demo.setSource} name={`source-${model.id}`} />
    </div>
  )
}
