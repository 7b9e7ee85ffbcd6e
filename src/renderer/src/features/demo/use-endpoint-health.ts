/**
 * Health of the deck's deployed endpoints, kept current from `endpoint:changed`
 * pushes (the host sends one after every call and ping; browser mode replays the
 * latest to a page whose event stream connects after it).
 */
import { useEffect, useState } from 'react'
import type { EndpointHealth } from '../../../../shared/types'
import { api } from '../../lib/api'

/** Every endpoint's health; `[]` until the first answer. */
export function useEndpointHealth(): EndpointHealth[] {
  const [health, setHealth] = useState<EndpointHealth[]>([])
  useEffect(() => {
    let live = true
    // A push is never older than this answer (see [Note: a page that connects late still gets the current
    // state] in src/server/event-stream.ts): once one has come, the answer may only be stale.
    let pushed = false
    const off = api.on('endpoint:changed', (list) => {
      pushed = true
      setHealth(list)
    })
    api['endpoint:status']({}).then(
      (list) => {
        if (live && !pushed) setHealth(list)
      },
      () => undefined
    )
    return () => {
      live = false
      off()
    }
  }, [])
  return health
}

/** The health of one model's endpoint (the directive's URL when given, else the model's own). */
export function pickHealth(list: EndpointHealth[], model: string, url: string | undefined): EndpointHealth | undefined {
  return list.find((h) => h.model === model && (url === undefined || h.url === url))
}
