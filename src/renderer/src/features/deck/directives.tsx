/**
 * The component registry for `::name{…}` directives. Each live component is
 * loaded lazily (its code and its data only when a slide uses it) and wrapped
 * in an error boundary so a failing demo never takes the slide down.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import type { Deck } from '../../../../shared/types'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import type { DirectiveProps } from './directive-types'

type Registered = LazyExoticComponent<ComponentType<DirectiveProps>>

export const directiveRegistry: Record<string, Registered> = {
  demo: lazy(() => import('../demo/DemoDirective')),
  'model-card': lazy(() => import('../demo/ModelCardDirective')),
  chart: lazy(() => import('../charts/ChartDirective')),
  checklist: lazy(() => import('../project/ChecklistDirective')),
  code: lazy(() => import('../project/CodeDirective')),
  tree: lazy(() => import('../project/TreeDirective')),
  drift: lazy(() => import('../compare/DriftDirective'))
}

interface HostProps {
  name: string
  attributes: Record<string, string>
  deck: Deck
  slideIndex: number
  active: boolean
  surface: 'audience' | 'presenter'
  near?: boolean
}

/** Renders one directive: the registered component, or a friendly notice for an unknown name. */
export function DirectiveHost({ name, attributes, deck, slideIndex, active, surface, near = false }: HostProps): React.JSX.Element {
  const Registered = directiveRegistry[name]
  if (!Registered) {
    return (
      <div className="dd-notice dd-notice-warning" data-testid="unknown-directive" data-diagnostic="">
        <strong>::{name}</strong> is not a demodeck component. Known components:{' '}
        {Object.keys(directiveRegistry)
          .map((known) => `::${known}`)
          .join(', ')}
        .
      </div>
    )
  }
  return (
    <ErrorBoundary label={`::${name}`}>
      <Suspense fallback={<div className="dd-directive-loading">Loading {name}…</div>}>
        <div className={`dd-directive dd-directive-${name}`}>
          <Registered attributes={attributes} deck={deck} slideIndex={slideIndex} active={active} surface={surface} near={near} />
        </div>
      </Suspense>
    </ErrorBoundary>
  )
}
