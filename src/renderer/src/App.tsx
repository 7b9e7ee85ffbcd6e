/** Picks the view for this window and keeps every failure on screen as text. */
import { lazy, Suspense, useEffect, useState } from 'react'
import { ErrorBoundary } from './components/ErrorBoundary'
import { useDeck } from './hooks/use-deck'
import { currentRoute, type Route } from './lib/route'
import { reportShown } from './lib/shown'
import { DeckView } from './features/deck/DeckView'

// Only the audience view is in the entry script: it is what stands between navigation and slide 1.
const PresenterView = lazy(() => import('./features/presenter/PresenterView').then((m) => ({ default: m.PresenterView })))
const DemoPage = lazy(() => import('./features/demo/DemoPage'))
const RunsPage = lazy(() => import('./features/charts/RunsPage'))
const PrintView = lazy(() => import('./features/print/PrintView'))

function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute)
  useEffect(() => {
    const onChange = (): void => setRoute(currentRoute())
    window.addEventListener('hashchange', onChange)
    window.addEventListener('popstate', onChange)
    return () => {
      window.removeEventListener('hashchange', onChange)
      window.removeEventListener('popstate', onChange)
    }
  }, [])
  return route
}

export function App(): React.JSX.Element {
  const route = useRoute()
  const { deck, error } = useDeck()
  useEffect(() => {
    if (deck && route.view === 'deck') document.title = deck.title
  }, [deck, route.view])
  // Views are drawn (slide 1 on the audience screen): the host may warm the models up now.
  const drawn = deck !== null || error !== null || route.view === 'demo' || route.view === 'runs'
  useEffect(() => {
    if (drawn) reportShown()
  }, [drawn])

  if (route.view === 'demo' || route.view === 'runs') {
    return (
      <ErrorBoundary label={route.view === 'demo' ? 'the demo view' : 'the runs view'}>
        <Suspense fallback={<div className="dd-loading">Loading…</div>}>
          {route.view === 'demo' ? <DemoPage modelId={route.modelId} /> : <RunsPage />}
        </Suspense>
      </ErrorBoundary>
    )
  }
  if (error) {
    return (
      <main className="dd-error-screen" role="alert">
        <h1>demodeck cannot load the deck</h1>
        <p>{error}</p>
      </main>
    )
  }
  if (!deck) return <div className="dd-loading">Loading deck…</div>
  if (route.view === 'print') {
    return (
      <ErrorBoundary label="the print view" resetKey={deck.revision}>
        <Suspense fallback={<div className="dd-loading">Loading…</div>}>
          <PrintView deck={deck} notes={route.notes} />
        </Suspense>
      </ErrorBoundary>
    )
  }
  return (
    <ErrorBoundary label={route.view === 'presenter' ? 'the presenter view' : 'the deck'} resetKey={deck.revision}>
      {route.view === 'presenter' ? (
        <Suspense fallback={<div className="dd-loading">Loading the presenter view…</div>}>
          <PresenterView deck={deck} />
        </Suspense>
      ) : (
        <DeckView deck={deck} />
      )}
    </ErrorBoundary>
  )
}
