/**
 * Maps slides to lines of their source files, so every finding can say
 * "slides/deck.md:42 (slide 3)". Splits the files exactly as the parser does
 * (same front matter and `---` rules).
 */
import { splitFrontMatter, splitSlideChunks, type SourceFile } from '../deck/parse-deck'

/** Where a slide starts: its file and 1-based line, plus the line after its last one. */
export interface SlideSpan {
  slide: number
  file: string
  line: number
  endLine: number
}

/** One span per slide, in deck order (index = slide index). */
export function slideSpans(sources: readonly SourceFile[]): SlideSpan[] {
  const spans: SlideSpan[] = []
  for (const file of sources) {
    const fm = splitFrontMatter(file.text, file.path)
    const chunks = splitSlideChunks(fm.body)
    for (const chunk of chunks) {
      const lines = chunk.text.split('\n')
      const start = fm.bodyLineOffset + chunk.line + 1
      // Point at the slide's first written line, not the blank line after `---`.
      const blank = Math.max(
        0,
        lines.findIndex((l) => l.trim() !== '')
      )
      spans.push({ slide: spans.length, file: file.path, line: start + blank, endLine: start + lines.length })
    }
  }
  return spans
}

/** The slide a line of a file belongs to, or undefined (front matter, or a file with no slides). */
export function slideAtLine(spans: readonly SlideSpan[], file: string, line: number): number | undefined {
  return spans.find((s) => s.file === file && line >= s.line && line < s.endLine)?.slide
}

/**
 * File and line of the first occurrence of `needle` inside a slide (e.g. a
 * directive's `model="x"`), else the slide's first line.
 */
export function locateInSlide(
  sources: readonly SourceFile[],
  spans: readonly SlideSpan[],
  slide: number,
  needles: readonly string[]
): { file?: string; line?: number } {
  const span = spans[slide]
  if (!span) return {}
  const text = sources.find((s) => s.path === span.file)?.text
  if (text === undefined) return { file: span.file, line: span.line }
  const lines = text.split(/\r?\n/)
  for (const needle of needles) {
    for (let i = span.line - 1; i < Math.min(lines.length, span.endLine - 1); i++) {
      if (lines[i]!.includes(needle)) return { file: span.file, line: i + 1 }
    }
  }
  return { file: span.file, line: span.line }
}
