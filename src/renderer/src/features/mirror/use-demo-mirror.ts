/**
 * The classifier demo's side of the mirror: publishes the input on screen (text, a thumbnail of the image,
 * the form's values) and the bars, each time the audience's demo shows a new answer or error.
 */
import { useEffect, useState } from 'react'
import type { DemoSource, PredictInput, Prediction } from '../../../../shared/types'
import { mirrorDemoAnswer } from './demo-answer'
import { cut, mirrorInputOf } from './mirror-input'
import { makeThumbnail } from './mirror-thumbnail'
import { usePublishMirror } from './use-mirror'

/** Where a demo sits: given only to the audience's slide demos (the full-screen page and previews publish nothing). */
export interface MirrorPlace {
  slide: number
}

/** What the demo shows right now. */
export interface DemoShown {
  modelId: string
  input: PredictInput | null
  result: Prediction | null
  error: string | null
  top: number
  source: DemoSource
}

/** Component id of a model's demo in the mirror. */
export const demoComponent = (modelId: string): string => `demo:${modelId}`

/** Publishes `shown` for the presenter while `place` is set. */
export function useDemoMirror(place: MirrorPlace | undefined, shown: DemoShown): void {
  const image = shown.input && 'image' in shown.input ? shown.input.image : null
  const [thumbnail, setThumbnail] = useState<{ src: string; url: string | null } | null>(null)
  useEffect(() => {
    if (!place || !image || !image.startsWith('data:') || thumbnail?.src === image) return
    let alive = true
    void makeThumbnail(image).then((url) => {
      if (alive) setThumbnail({ src: image, url })
    })
    return () => {
      alive = false
    }
  }, [place, image, thumbnail?.src])
  // An image is published once its thumbnail is made, so the presenter never shows the old picture by new bars.
  const waiting = image !== null && image.startsWith('data:') && thumbnail?.src !== image
  // Whose answer it is comes from the answer (see [Note: the answer names its own source] in demo-answer.ts).
  const answer = mirrorDemoAnswer(shown.source, shown.result)
  usePublishMirror(
    place && !waiting && (shown.input || shown.error)
      ? {
          slide: place.slide,
          component: demoComponent(shown.modelId),
          input: mirrorInputOf(shown.input, image ? (thumbnail?.url ?? null) : null),
          predictions: answer.predictions,
          top: Math.max(1, Math.min(100, shown.top)),
          error: shown.error ? cut(shown.error, 500) : null,
          ...(answer.summary ? { summary: answer.summary } : {})
        }
      : null
  )
}
