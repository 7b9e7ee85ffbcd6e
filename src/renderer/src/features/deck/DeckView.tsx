/**
 * The audience window: reveal.js lays out the slides (transitions, fragments,
 * overview, keyboard), the host keeps every window on the same slide, and
 * demodeck adds blackout, shortcut help, problem notices and the Q&A start.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { lastTalkIndex } from '../../../../core/deck/backup-slides'
import type { RevealApi } from 'reveal.js'
import 'reveal.js/reveal.css'
import 'reveal.js/theme/black.css'
import type { Deck, SyncState } from '../../../../shared/types'
import { pauseTimer, startTimer } from '../../../../core/timing/timer'
import { useSync } from '../../hooks/use-sync'
import { keyStaysInControl, navigationTakenFromControl } from '../../lib/keys'
import { SlideContent } from './SlideContent'
import { HelpOverlay } from './HelpOverlay'
import { ProblemsBanner } from './ProblemsBanner'
import { DeckErrorScreen } from './DeckErrorScreen'
import { useSlideMounting } from './use-slide-mounting'
import { RevealHost, slideWithoutTransition } from './RevealHost'
import { AudienceLink } from '../project/AudienceLink'
import './deck.css'
import './audience.css'

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', ' ', 'PageDown', 'n', 'N', 'l', 'j'])

export function DeckView({ deck }: { deck: Deck }): React.JSX.Element {
  const revealRef = useRef<RevealApi | null>(null)
  const [current, setCurrent] = useState(0)
  const [help, setHelp] = useState(false)
  const syncRef = useRef<SyncState | null>(null)
  const talkEndRef = useRef(-1)
  talkEndRef.current = lastTalkIndex(deck.slides)
  /** Indices we moved to because another window asked; their slidechanged events are not echoed back. */
  const applyingRemote = useRef<{ h: number; f: number } | null>(null)
  /**
   * false until this window has moved to the host's slide (and while a hot
   * reload re-syncs): reveal's own moves then are not user navigation and
   * must not be sent to the other windows.
   */
  const inSync = useRef(false)
  const [synced, setSynced] = useState(false)
  /** This window has moved to the host's slide once: later moves slide; the first jumps (see [Note: joining mid-talk]). */
  const joinedTalk = useRef(false)
  // Slide 1 is painted before the other slides' content is mounted: see [Note: slide 1 first].
  const mounting = useSlideMounting()
  const { all: allMounted, mountNow } = mounting
  /** Keys pressed while slide 1 shows and reveal.js is still starting: replayed once it is ready (see [Note: slide 1 before reveal.js]). */
  const pendingKeys = useRef<KeyboardEvent[]>([])

  const goTo = useCallback((state: SyncState) => {
    const reveal = revealRef.current
    if (!reveal || !reveal.isReady()) return
    inSync.current = true
    setSynced(true)
    const joining = !joinedTalk.current
    joinedTalk.current = true
    const indices = reveal.getIndices()
    const f = indices.f ?? -1
    if (indices.h === state.slide && f === state.fragment) return
    applyingRemote.current = { h: state.slide, f: state.fragment }
    if (joining) slideWithoutTransition(reveal, state.slide, state.fragment)
    else reveal.slide(state.slide, 0, state.fragment)
  }, [])

  const { sync, update, current: currentSync } = useSync(goTo)
  syncRef.current = currentSync() ?? sync

  const report = useCallback(() => {
    const reveal = revealRef.current
    if (!reveal) return
    const { h, f = -1 } = reveal.getIndices()
    setCurrent(h)
    if (!inSync.current) return
    const remote = applyingRemote.current
    if (remote && remote.h === h && remote.f === f) {
      applyingRemote.current = null
      return
    }
    applyingRemote.current = null
    const state = syncRef.current
    const patch: Parameters<typeof update>[0] = { slide: h, fragment: f }
    // The talk clock starts itself when the speaker first leaves the title slide.
    if (state && state.timer.status === 'idle' && h > 0) patch.timer = startTimer(state.timer, Date.now())
    void update(patch)
  }, [update])

  const reportRef = useRef(report)
  reportRef.current = report

  const toggleBlackout = useCallback(() => {
    void update({ blackout: !(syncRef.current?.blackout ?? false) })
  }, [update])

  const config = useMemo(
    () => ({
      width: 1280,
      height: 720,
      margin: 0.04,
      hash: false,
      history: false,
      controls: true,
      // No bouncing "next" arrow hint on the projector (it bounced on the talk's last slide when backups follow).
      controlsTutorial: false,
      progress: true,
      slideNumber: 'c/t' as const,
      transition: 'slide' as const,
      center: true,
      embedded: false,
      keyboard: {
        // End goes to the talk's last slide first, then on to the last Q&A backup slide.
        35: () => {
          const reveal = revealRef.current
          if (!reveal) return
          const end = talkEndRef.current
          reveal.slide(end >= 0 && reveal.getIndices().h < end ? end : reveal.getTotalSlides() - 1)
        },
        66: () => toggleBlackout(), // B
        190: () => toggleBlackout(), // .
        191: () => setHelp((open) => !open) // ?
      },
      help: false
    }),
    [toggleBlackout]
  )

  // Keys before reveal.js and the slide's controls see them (capture phase): clicker keys taken back from
  // controls (see [Note: keys in slide controls] in lib/keys.ts), and "next" on the last step of the last
  // slide starts the Q&A countdown.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!allMounted) mountNow()
      if (event.key === 'Escape' && help) {
        // Closing the help must not also toggle reveal's overview.
        event.stopImmediatePropagation()
        setHelp(false)
        return
      }
      const reveal = revealRef.current
      if (!reveal && !event.ctrlKey && !event.metaKey && !event.altKey && !keyStaysInControl(event.target)) {
        event.preventDefault()
        event.stopImmediatePropagation()
        pendingKeys.current.push(event)
        return
      }
      const state = syncRef.current
      if (!reveal || !state || event.ctrlKey || event.metaKey || event.altKey) return
      // The talk ends on its last slide that is not a Q&A backup (<!-- backup -->); backups follow the Q&A's start.
      const end = talkEndRef.current
      const atEnd = (end < 0 ? reveal.isLastSlide() : reveal.getIndices().h >= end) && !reveal.availableFragments().next
      const taken = navigationTakenFromControl(event.target, event.key)
      if (taken) {
        event.preventDefault()
        event.stopPropagation()
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
        if (taken === 'back') return void reveal.prev()
        if (!atEnd) return void reveal.next()
      } else if (!NEXT_KEYS.has(event.key) || keyStaysInControl(event.target)) {
        // Not "next", or typed into a demo rather than pressed to move on (this listener runs before the control's own).
        return
      }
      if (!atEnd || state.qa.status !== 'idle') return
      // Starting the Q&A is this key's whole effect: reveal.js must not also move on to a backup slide.
      event.preventDefault()
      event.stopPropagation()
      const now = Date.now()
      void update({ timer: pauseTimer(state.timer, now), qa: startTimer(state.qa, now) })
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [help, update, allMounted, mountNow])

  // Hot reload: keep the current slide after reveal re-syncs the new slides.
  useEffect(() => {
    const reveal = revealRef.current
    const state = syncRef.current
    if (!reveal || !reveal.isReady() || !state) return
    const timer = setTimeout(() => {
      inSync.current = false
      reveal.sync()
      goTo(state)
      setCurrent(reveal.getIndices().h)
    }, 0)
    return () => clearTimeout(timer)
  }, [deck.revision, goTo])

  if (deck.slides.length === 0) return <DeckErrorScreen deck={deck} />

  return (
    // Diagnostics stay on the presenter unless rehearsal mode is on: see [Note: audience-screen hygiene] in presenter/TalkControls.tsx.
    <div
      className={`dd-audience${sync?.rehearsal ? ' dd-rehearsal' : ''}`}
      data-testid="audience"
      data-synced={synced && allMounted ? 'true' : 'false'}
    >
      <RevealHost
        config={config}
        onReady={(reveal) => {
          revealRef.current = reveal
          // Listen before this window says it is in sync: a key pressed in between would move
          // this window without telling React (the demo stays inactive) or the other windows.
          const onMove = (): void => reportRef.current()
          for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden'] as const) reveal.on(event, onMove)
          keepUnscrolled(reveal.getRevealElement())
          // currentSync() is set the moment the host's state arrives; syncRef only on the next render,
          // which may come after this callback: reading it alone could miss the join for good.
          const state = currentSync() ?? syncRef.current
          if (state) goTo(state)
          setCurrent(revealRef.current?.getIndices().h ?? 0)
          mounting.mountRest()
          replayKeys(pendingKeys.current.splice(0))
        }}
      >
        {deck.slides.map((slide) => (
          <section
            key={slide.index}
            data-slide-index={slide.index}
            data-testid={`slide-${slide.index}`}
            {...(slide.backup && { 'data-visibility': 'uncounted', 'data-backup': 'true' })}
          >
            {mounting.mounted(slide.index, [current, sync?.slide ?? current]) ? (
              <SlideContent deck={deck} slide={slide} active={slide.index === current} near={isNear(slide.index, current)} surface="audience" />
            ) : null}
          </section>
        ))}
      </RevealHost>
      {sync?.blackout ? <div className="dd-blackout" data-testid="blackout" aria-label="Screen blacked out (press B)" /> : null}
      <AudienceLink deck={deck} sync={sync} />
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {sync?.rehearsal ? <ProblemsBanner deck={deck} /> : null}
    </div>
  )
}

// [Note: the next slide is ready before it is shown]
// A chart used to fetch and draw its runs only once its slide was current, so the audience watched
// "The chart loads when this slide is shown" and then a 300 ms first paint. Now the slides on either side of
// the current one are "near": their live components load their data and mount inside reveal.js' hidden
// (but laid-out) neighbour sections, so pressing → shows them complete in the transition's first frame.
// Only data is prepared: a demo predicts only when its slide is current. Two neighbours at most, so memory
// stays bounded however long the deck is.
/** Is slide `index` next to (or just before) the current slide? */
function isNear(index: number, current: number): boolean {
  return index === current + 1 || index === current - 1
}

/** Sends keys kept while reveal.js was starting through the usual listeners (ours, then reveal.js' own), in order. */
function replayKeys(events: readonly KeyboardEvent[]): void {
  for (const event of events) {
    const target = event.target instanceof Node && event.target.isConnected ? event.target : document.body
    const { key, code, keyCode, shiftKey } = event
    target.dispatchEvent(new KeyboardEvent('keydown', { key, code, keyCode, shiftKey, bubbles: true, cancelable: true }))
  }
}

/**
 * The browser scrolls reveal.js' overflow-hidden frame when something off the
 * current slide gets the focus (a clicked control, a form field on the next
 * slide), which shifts the whole slide sideways. reveal.js puts it back only
 * once a second; the audience should never see it, so undo it at once.
 */
function keepUnscrolled(frame: HTMLElement | null): void {
  if (!frame) return
  const reset = (): void => {
    if (frame.scrollLeft !== 0) frame.scrollLeft = 0
    if (frame.scrollTop !== 0) frame.scrollTop = 0
  }
  frame.addEventListener('scroll', reset, { passive: true })
}
