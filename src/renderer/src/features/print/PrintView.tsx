/**
 * The print view (`/print`, `/print/notes`): every slide on its own
 * 1280×720 page with its fragments shown and its live components drawn as
 * the audience sees them — charts with their smoothing, model cards, demos
 * with their first example's real prediction. `npm run export` prints it to
 * PDF and snapshots it to one offline HTML file; the notes variant puts each
 * slide above its speaker notes on an A4 page (a handout to rehearse from).
 *
 * [Note: print readiness]
 * The page sets no ready flag: the exporter (src/server/export/print-page.ts)
 * polls it until nothing is pending — no `.dd-directive-loading` or
 * `.dm-loading` element and no "Loading …" text left, every demo showing a
 * prediction (or its error), every chart and drift histogram drawn, the fonts
 * loaded — and reports whatever is still pending when its bounded wait ends.
 */
import { useEffect, useMemo } from 'react'
import 'reveal.js/reveal.css'
import 'reveal.js/theme/black.css'
import type { Deck } from '../../../../shared/types'
import { slideLabel } from '../../../../core/deck/backup-slides'
import { renderMarkdown } from '../deck/markdown'
import { SlideContent } from '../deck/SlideContent'
import '../deck/deck.css'
import { PrintingContext } from './printing'
import './print.css'

function Page({ deck, index }: { deck: Deck; index: number }): React.JSX.Element {
  const slide = deck.slides[index]!
  return (
    <div className="reveal dd-print-slide" data-slide-index={index} data-testid={`print-slide-${index}`}>
      <div className="dd-print-frame">
        <SlideContent deck={deck} slide={slide} active surface="audience" />
      </div>
      <span className="dd-print-number">{slideLabel(deck.slides, index).replace(/^Slide /, '')}</span>
    </div>
  )
}

function NotesPage({ deck, index }: { deck: Deck; index: number }): React.JSX.Element {
  const slide = deck.slides[index]!
  const notes = useMemo(
    () => (slide.notes ? renderMarkdown(slide.notes, { assetBase: deck.assetBase, components: {} }) : null),
    [slide.notes, deck.assetBase]
  )
  return (
    <div className="dd-print-notes-page" data-testid={`print-notes-${index}`}>
      <div className="dd-print-notes-head">
        <strong>
          {index + 1}. {slide.title}
        </strong>
        <span>{slide.backup ? 'Q&A backup' : `${Math.round(slide.budgetSec)} s`}</span>
      </div>
      <div className="dd-print-thumb">
        <Page deck={deck} index={index} />
      </div>
      <div className="dd-print-notes">{notes ?? <p className="dd-muted">No notes for this slide.</p>}</div>
    </div>
  )
}

/** The whole deck as printable pages; `notes` gives the speaker-notes handout instead. */
export default function PrintView({ deck, notes }: { deck: Deck; notes: boolean }): React.JSX.Element {
  useEffect(() => {
    document.title = notes ? `${deck.title} — speaker notes` : deck.title
    document.documentElement.classList.add('dd-printing', notes ? 'dd-printing-notes' : 'dd-printing-slides')
  }, [deck.title, notes])
  return (
    <PrintingContext.Provider value>
      <main className={`dd-print ${notes ? 'dd-print-handout' : 'dd-print-deck'}`} data-testid="print" data-slides={deck.slides.length}>
        {deck.slides.map((slide) =>
          notes ? <NotesPage key={slide.index} deck={deck} index={slide.index} /> : <Page key={slide.index} deck={deck} index={slide.index} />
        )}
      </main>
    </PrintingContext.Provider>
  )
}
