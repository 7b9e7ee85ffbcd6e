/**
 * reveal.js driven directly: the `.reveal > .slides` frame, slide 1 laid out
 * the way reveal.js lays it out before reveal.js has loaded, then reveal.js
 * itself, loaded and started once that first frame is on screen.
 *
 * [Note: slide 1 before reveal.js]
 * Between the deck's arrival and slide 1's paint the page used to parse and
 * run reveal.js (115 KB) and the React wrapper around it (44 KB, most of it a
 * markdown parser demodeck never calls, whose regular expressions were built
 * while the entry script ran), then wait for reveal.js' start: building its
 * controls and backgrounds, reading the URL, stepping to slide 1, measuring
 * and scaling the deck (≈ 40 % of the main thread's time before slide 1).
 * None of that is needed to show a title. So the frame is ours: the first
 * slide's `<section>` gets reveal.js' "present" class and the same scale,
 * centring and offset reveal.js computes (`layoutFirstSlide`, the arithmetic
 * of reveal.js' own layout()), the browser paints it, and only then is the
 * reveal.js chunk imported and started on the same elements. It computes the
 * same numbers, so nothing on the slide moves; its controls, progress bar and
 * slide number appear then. Keys pressed in between are kept by the deck view
 * and replayed once reveal.js is ready (`pendingKeys` in DeckView).
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { RevealApi, RevealConfig } from 'reveal.js'
import { afterNextPaint } from '../../lib/shown'

/** The part of reveal.js' configuration the first slide's layout depends on. */
export type FirstSlideConfig = Pick<RevealConfig, 'width' | 'height' | 'margin' | 'minScale' | 'maxScale' | 'center'>

// reveal.js' own defaults (its config.js) for what the deck view leaves unset.
const DEFAULTS = { width: 960, height: 700, margin: 0.04, minScale: 0.2, maxScale: 2 }

/**
 * Shows the first `<section>` of `slides` as reveal.js would after its first layout (the page-level
 * classes it sets on `<html>` and `<body>` included), before reveal.js runs, and keeps it so until
 * the returned function is called. The scale and the centring are set from a ResizeObserver, which
 * runs after the browser's layout and before its paint: no layout is forced, and a web font that
 * arrives and changes the slide's height (the text is invisible until it does) re-centres the slide
 * before that text is painted.
 */
export function layoutFirstSlide(wrapper: HTMLElement, slides: HTMLElement, config: FirstSlideConfig): () => void {
  document.documentElement.classList.add('reveal-full-page')
  document.body.classList.add('reveal-viewport')
  const width = typeof config.width === 'number' ? config.width : DEFAULTS.width
  const height = typeof config.height === 'number' ? config.height : DEFAULTS.height
  const margin = config.margin ?? DEFAULTS.margin
  document.body.style.setProperty('--slide-width', `${width}px`)
  document.body.style.setProperty('--slide-height', `${height}px`)
  const first = slides.querySelector<HTMLElement>(':scope > section')
  if (!first) return () => undefined
  first.classList.add('present')
  slides.style.width = `${width}px`
  slides.style.height = `${height}px`
  // The arithmetic of reveal.js' layout(): the deck scaled to fit inside the margin, rounded to 1 %, centred.
  const place = (): void => {
    let scale = Math.min((wrapper.offsetWidth * (1 - margin)) / width, (wrapper.offsetHeight * (1 - margin)) / height)
    scale = Math.min(Math.max(scale, config.minScale ?? DEFAULTS.minScale), config.maxScale ?? DEFAULTS.maxScale)
    scale = Math.round(scale * 100) / 100
    const frame =
      scale === 1
        ? { left: '', top: '', bottom: '', right: '', transform: '' }
        : { left: '50%', top: '50%', bottom: 'auto', right: 'auto', transform: `translate(-50%, -50%) scale(${scale})` }
    Object.assign(slides.style, frame)
    if (config.center !== false) first.style.top = `${Math.max((height - first.scrollHeight) / 2, 0)}px`
  }
  const observer = new ResizeObserver(place)
  observer.observe(wrapper)
  observer.observe(first)
  return () => observer.disconnect()
}

/**
 * [Note: joining mid-talk]
 * A window opened during the talk (the audience screen reopened, a second screen plugged in) learns the
 * talk's slide once reveal.js has started on slide 1. Moving there with reveal.js' transition slid every
 * slide in between across the projector. The first move jumps instead: reveal.js' own "no-transition"
 * class (the one it sets while it starts) on the slides, their backgrounds and the progress bar, the move,
 * a style flush so the new positions are taken without transitions, then the class goes; removing it
 * changes no property, so nothing animates. Every later move has its usual transition.
 */
/** Moves reveal.js to slide `h`, fragment `f`, without any transition: see [Note: joining mid-talk]. */
export function slideWithoutTransition(reveal: RevealApi, h: number, f: number): void {
  const root = reveal.getRevealElement()
  const parts = root ? [...root.querySelectorAll<HTMLElement>(':scope > .slides, :scope > .backgrounds, :scope > .progress')] : []
  for (const part of parts) part.classList.add('no-transition')
  try {
    reveal.slide(h, 0, f)
    // Reading layout computes every style now, with transitions off.
    void root?.offsetHeight
  } finally {
    for (const part of parts) part.classList.remove('no-transition')
  }
}

interface Props {
  /** reveal.js' configuration; a change after start-up is applied with `configure()`. */
  config: RevealConfig
  /** reveal.js is ready: navigation, events and the API work from here on. */
  onReady: (reveal: RevealApi) => void
  /** The `<section>` elements, one per slide. */
  children: ReactNode
}

/** The reveal.js frame with slide 1 painted before reveal.js starts: see [Note: slide 1 before reveal.js]. */
export function RevealHost({ config, onReady, children }: Props): React.JSX.Element {
  const wrapperRef = useRef<HTMLDivElement>(null)
  const slidesRef = useRef<HTMLDivElement>(null)
  const revealRef = useRef<RevealApi | null>(null)
  const configRef = useRef(config)
  const onReadyRef = useRef(onReady)
  onReadyRef.current = onReady
  const [failure, setFailure] = useState<Error | null>(null)
  // reveal.js adds its own classes to this element: React sets them once and never again.
  const [frameClass] = useState(() => `reveal ${config.transition ?? 'slide'}${config.center === false ? '' : ' center'}`)
  if (failure) throw failure

  useLayoutEffect(() => {
    const wrapper = wrapperRef.current
    const slides = slidesRef.current
    if (!wrapper || !slides) return
    const release = layoutFirstSlide(wrapper, slides, configRef.current)
    let live = true
    let reveal: RevealApi | null = null
    afterNextPaint(() => {
      if (!live) return
      import('reveal.js')
        .then(async ({ default: Reveal }) => {
          if (!live) return
          // From here reveal.js lays the deck out (what was set here stays until it replaces it).
          release()
          reveal = new Reveal(wrapper, { ...configRef.current, plugins: [] })
          await reveal.initialize()
          if (!live) return
          revealRef.current = reveal
          onReadyRef.current(reveal)
        })
        .catch(
          (error: unknown) => live && setFailure(new Error(`reveal.js did not start: ${error instanceof Error ? error.message : String(error)}`))
        )
    })
    return () => {
      live = false
      release()
      revealRef.current = null
      try {
        reveal?.destroy()
      } catch {
        // destroying a half-started reveal.js on the way out: nothing left to undo
      }
    }
  }, [])

  useEffect(() => {
    if (configRef.current === config) return
    configRef.current = config
    const reveal = revealRef.current
    if (reveal?.isReady()) reveal.configure(config)
  }, [config])

  return (
    <div className={frameClass} ref={wrapperRef}>
      <div className="slides" ref={slidesRef}>
        {children}
      </div>
    </div>
  )
}
