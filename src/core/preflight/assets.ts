/**
 * Finds every asset a slide file refers to — markdown images, raw HTML
 * `src`/`href`/`poster`/`data`, CSS `url()` and `@import`, links to media
 * files — with its line, so the preflight can say which ones need the network
 * (they fail in the exam room) and which local ones are missing.
 *
 * [Note: scan the text, not the rendered tree]
 * The renderer drops raw HTML and the CSP blocks remote loads, so a remote
 * `<iframe>` or font would only show up as a silent hole on the projector.
 * Scanning the source text catches what the student *meant* to show, wherever
 * they wrote it. Code (fenced blocks and `inline code`) is blanked first:
 * a slide that shows `url("https://…")` as code loads nothing.
 */

/** What kind of reference an asset is; decides how bad a remote one is. */
export type AssetKind = 'image' | 'frame' | 'media' | 'stylesheet' | 'font' | 'css-url' | 'media-link'

/** One asset reference in a slide file. */
export interface AssetRef {
  kind: AssetKind
  url: string
  /** 1-based line in the file. */
  line: number
}

const MEDIA_EXT = /\.(mp4|webm|mov|m4v|ogv|mp3|wav|ogg|m4a|gif|png|jpe?g|webp|svg|avif|pdf)(?:[?#].*)?$/i
const FONT_EXT = /\.(woff2?|ttf|otf|eot)(?:[?#].*)?$/i

/** Replaces fenced code blocks and inline code with spaces, keeping every line where it was. */
export function blankCode(text: string): string {
  const lines = text.split(/\r?\n/)
  let fence: string | null = null
  const out = lines.map((line) => {
    const match = /^\s{0,3}(```|~~~)/.exec(line)
    if (match) {
      if (fence === null) fence = match[1]!
      else if (match[1] === fence) fence = null
      return ''
    }
    if (fence !== null) return ''
    return line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length))
  })
  return out.join('\n')
}

/** true for URLs that need the network: `http(s)://`, protocol-relative `//host`, `ftp:`. */
export function isRemoteUrl(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim()) && !/^file:/i.test(url.trim())
}

/** true for URLs that point at a file of the deck (not data:, blob:, mailto:, #anchors or remote). */
export function isLocalUrl(url: string): boolean {
  const u = url.trim()
  return u !== '' && !u.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith('//')
}

function lineAt(text: string, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

const PATTERNS: Array<{ re: RegExp; kind: (match: RegExpExecArray) => AssetKind | null }> = [
  // ![alt](url "title") and ![alt](<url>)
  { re: /!\[[^\]]*\]\(\s*<?([^)\s>]+)/g, kind: () => 'image' },
  // [text](url) that is not an image: only media files count (a link to GitHub is fine, a video is not)
  { re: /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)/g, kind: (m) => (MEDIA_EXT.test(m[1]!) ? 'media-link' : null) },
  // reference definitions: [id]: url
  { re: /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)/gm, kind: (m) => (MEDIA_EXT.test(m[1]!) ? 'media-link' : null) },
  { re: /<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/gi, kind: () => 'image' },
  { re: /<(?:iframe|embed|frame)\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/gi, kind: () => 'frame' },
  { re: /<object\b[^>]*?\sdata\s*=\s*["']?([^"'\s>]+)/gi, kind: () => 'frame' },
  { re: /<(?:video|audio|source|track)\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/gi, kind: () => 'media' },
  { re: /\sposter\s*=\s*["']?([^"'\s>]+)/gi, kind: () => 'image' },
  { re: /<link\b[^>]*?\shref\s*=\s*["']?([^"'\s>]+)/gi, kind: (m) => (FONT_EXT.test(m[1]!) || /fonts\./i.test(m[1]!) ? 'font' : 'stylesheet') },
  { re: /<a\b[^>]*?\shref\s*=\s*["']?([^"'\s>]+)/gi, kind: (m) => (MEDIA_EXT.test(m[1]!) ? 'media-link' : null) },
  { re: /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi, kind: (m) => (/fonts\./i.test(m[1]!) ? 'font' : 'stylesheet') },
  { re: /url\(\s*["']?([^"')\s]+)/gi, kind: (m) => (FONT_EXT.test(m[1]!) ? 'font' : 'css-url') }
]

/** Every asset reference in a slide file's text, in file order (code blanked, see [Note: scan the text, not the rendered tree]). */
export function findAssetRefs(text: string): AssetRef[] {
  const clean = blankCode(text)
  const found: Array<AssetRef & { index: number }> = []
  const seen = new Set<string>()
  for (const { re, kind } of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(clean); m; m = re.exec(clean)) {
      const k = kind(m)
      const url = m[1]!
      if (!k) continue
      const at = m.index + m[0].lastIndexOf(url)
      // `@import url(…)` matches both the @import and the url() pattern: keep the first.
      const key = `${at}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push({ kind: k, url, line: lineAt(clean, at), index: at })
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ index: _index, ...ref }) => ref)
}

/** Resolves a local reference the way the renderer does (relative to `slides/`), or null when it is absolute or leaves the deck. */
export function resolveLocal(url: string): string | null {
  let path = url.trim().replace(/[?#].*$/, '')
  try {
    path = decodeURIComponent(path)
  } catch {
    // keep it as written
  }
  if (path.startsWith('/')) return null
  const parts: string[] = ['slides']
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}
