/**
 * One slide's content rendered from its markdown, with live components in
 * place. The markdown is parsed once per change; which slide is active
 * reaches the live components through context, so navigating never
 * re-mounts a demo (it keeps its text and results).
 *
 * Each slide renders inside its own error boundary, markdown parsing
 * included, so one bad slide shows a notice and every other slide stays; a
 * slide the deck parser found too complex (see [Note: slide complexity
 * limits] in core/deck/parse-deck.ts) shows its notice without being parsed.
 */
import { createContext, memo, useContext, useMemo } from 'react'
import type { Deck, Slide } from '../../../../shared/types'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { renderMarkdown } from './markdown'
import { DirectiveHost } from './directives'

interface SlideContextValue {
  deck: Deck
  slideIndex: number
  active: boolean
  near: boolean
  surface: 'audience' | 'presenter'
}

const SlideContext = createContext<SlideContextValue | null>(null)

/** Stable component for `dd-directive` elements (a new function per render would remount demos). */
function DirectiveElement(props: Record<string, unknown>): React.JSX.Element | null {
  const context = useContext(SlideContext)
  if (!context) return null
  let attributes: Record<string, string> = {}
  try {
    attributes = JSON.parse(String(props['data-attributes'] ?? '{}')) as Record<string, string>
  } catch {
    // keep empty attributes; the component says what it misses
  }
  return (
    <DirectiveHost
      name={String(props['data-name'] ?? '')}
      attributes={attributes}
      deck={context.deck}
      slideIndex={context.slideIndex}
      active={context.active}
      near={context.near}
      surface={context.surface}
    />
  )
}

const components = { 'dd-directive': DirectiveElement } as never

interface Props {
  deck: Deck
  slide: Slide
  active: boolean
  /** The slide next to the current one: its live components load their data now (see DirectiveProps.near). */
  near?: boolean
  surface: 'audience' | 'presenter'
}

/** The slide's markdown as React elements; throws (into the slide's boundary) when the renderer cannot cope. */
function SlideBody({ deck, slide, active, near = false, surface }: Props): React.JSX.Element {
  const content = useMemo(() => renderMarkdown(slide.markdown, { assetBase: deck.assetBase, components }), [slide.markdown, deck.assetBase])
  const context = useMemo(() => ({ deck, slideIndex: slide.index, active, near, surface }), [deck, slide.index, active, near, surface])
  return (
    <SlideContext.Provider value={context}>
      <div className="dd-slide-content">{content}</div>
    </SlideContext.Provider>
  )
}

function SlideContentInner(props: Props): React.JSX.Element {
  const { slide } = props
  if (slide.notice) {
    return (
      <div className="dd-slide-content">
        <h2>{slide.title}</h2>
        <div className="dd-notice dd-notice-error" role="alert" data-testid="slide-notice">
          {slide.notice}
        </div>
      </div>
    )
  }
  return (
    <ErrorBoundary label={`slide ${slide.index + 1}`} resetKey={slide.markdown}>
      <SlideBody {...props} />
    </ErrorBoundary>
  )
}

export const SlideContent = memo(SlideContentInner)
