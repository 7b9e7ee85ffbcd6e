/**
 * A code block on a slide: highlighted lines (see shiki-bundle.ts), a line
 * number gutter, highlighted line ranges and ranges stepped through with
 * fragments. Used for fenced code in slide markdown and by `::code`.
 *
 * [Note: code steps are reveal.js fragments]
 * A block with `{1|3-5|7}` has three steps. It carries one empty `.fragment`
 * marker per step after the first, so reveal.js (and the presenter's "next")
 * count them like any other fragment and keep them in order with the rest of
 * the slide. The block watches its markers' `visible` class: the number of
 * visible markers is the current step, forwards and backwards alike.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import { parseCodeMeta } from '../../../../../core/code/line-ranges'
import { useTokenizer } from './highlighter'
import type { Token } from './shiki-bundle'
import './code.css'

/** Blocks longer than this are shown uncoloured (tokenizing them would stall the slide). */
const MAX_HIGHLIGHT_CHARS = 200_000
/** A block whose longest line is too wide shrinks down to this share of its font size; past that, lines are cut. */
const MIN_FIT_SCALE = 0.72

export interface CodeBlockProps {
  code: string
  lang?: string | undefined
  /** The fenced block's meta string, e.g. `{1|3-5} start=12`. */
  meta?: string | undefined
  /** Number of the first line; overrides `start=` (used by `::code` for file excerpts). */
  startLine?: number | undefined
  /** Shown above the block (the file name of a `::code` excerpt). */
  caption?: React.ReactNode
  testId?: string
}

function tokenStyle(token: Token): CSSProperties | undefined {
  if (!token.color && !token.fontStyle) return undefined
  const style: CSSProperties = {}
  if (token.color) style.color = token.color
  if (token.fontStyle) {
    if (token.fontStyle & 1) style.fontStyle = 'italic'
    if (token.fontStyle & 2) style.fontWeight = 'bold'
    if (token.fontStyle & 4) style.textDecoration = 'underline'
  }
  return style
}

/** Lines of a block; a final newline does not make an empty last line. */
export function splitCodeLines(code: string): string[] {
  const lines = code.replace(/\r\n?/g, '\n').split('\n')
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function CodeBlock({ code, lang, meta, startLine, caption, testId = 'code-block' }: CodeBlockProps): React.JSX.Element {
  const tokenizer = useTokenizer()
  const options = useMemo(() => parseCodeMeta(meta), [meta])
  const first = startLine ?? options.startLine
  const lines = useMemo(() => splitCodeLines(code), [code])
  const tokens = useMemo(() => {
    if (!tokenizer || !lang || code.length > MAX_HIGHLIGHT_CHARS) return null
    try {
      return tokenizer.tokenize(lines.join('\n'), lang)
    } catch {
      return null // a grammar that trips on this input: plain text, never a broken slide
    }
  }, [tokenizer, lang, code.length, lines])

  const steps = options.steps
  const [step, setStep] = useState(0)
  const rootRef = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    const root = rootRef.current
    if (!root || !steps || steps.length < 2) return
    const markers = [...root.querySelectorAll<HTMLElement>(':scope > .dd-code-step')]
    const read = (): void => setStep(markers.filter((marker) => marker.classList.contains('visible')).length)
    read()
    const observer = new MutationObserver(read)
    for (const marker of markers) observer.observe(marker, { attributes: true, attributeFilter: ['class'] })
    return () => observer.disconnect()
  }, [steps])

  // Shrink a block with a line wider than the slide (down to MIN_FIT_SCALE) rather than cut the line.
  const preRef = useRef<HTMLPreElement | null>(null)
  const [fit, setFit] = useState(1)
  // A block mounted on a slide that is not displayed yet has no width: measure again once it has one
  // (else the audience, arriving by the arrow keys, gets the unshrunk block, taller than the slide).
  const [laidOut, setLaidOut] = useState(0)
  useEffect(() => {
    const pre = preRef.current
    if (!pre) return
    const observer = new ResizeObserver(() => setLaidOut((n) => n + 1))
    observer.observe(pre)
    return () => observer.disconnect()
  }, [])
  useLayoutEffect(() => setFit(1), [code])
  useLayoutEffect(() => {
    const pre = preRef.current
    if (!pre || pre.clientWidth === 0 || pre.scrollWidth <= pre.clientWidth + 1) return
    const next = Math.max(MIN_FIT_SCALE, Math.floor(fit * (pre.clientWidth / pre.scrollWidth) * 100) / 100)
    if (next < fit) setFit(next)
  }, [fit, code, tokens, laidOut])

  const active = steps ? steps[Math.min(step, steps.length - 1)]! : null
  const widthCh = String(first + lines.length - 1).length
  return (
    <div
      ref={rootRef}
      className={`dd-code${options.lineNumbers ? ' dd-code-numbered' : ''}${active ? ' dd-code-focus' : ''}`}
      data-testid={testId}
      data-lang={lang ?? ''}
      data-highlighted={tokens ? 'true' : 'false'}
      data-step={steps ? step : undefined}
      style={{ '--dd-gutter': `${widthCh + 1}ch` } as CSSProperties}
    >
      {caption ? <div className="dd-code-caption">{caption}</div> : null}
      <pre ref={preRef} style={fit < 1 ? { fontSize: `${fit}em` } : undefined}>
        <code>
          {lines.map((line, i) => {
            const number = first + i
            const lit = active !== null && (active === 'all' || active.has(number))
            const lineTokens = tokens?.[i]
            return (
              <span key={i} className={`dd-code-line${lit ? ' dd-code-lit' : ''}`} data-line={number}>
                {lineTokens
                  ? lineTokens.map((token, k) => (
                      <span key={k} style={tokenStyle(token)}>
                        {token.content}
                      </span>
                    ))
                  : line}
                {'\n'}
              </span>
            )
          })}
        </code>
      </pre>
      {steps && steps.length > 1
        ? steps.slice(1).map((_, k) => <span key={k} className="fragment dd-code-step" data-code-step={k + 1} aria-hidden="true" />)
        : null}
      {options.problems.length > 0 ? (
        <div className="dd-code-problem" role="note">
          Code options ignored: {options.problems.join('; ')}.
        </div>
      ) : null}
    </div>
  )
}
