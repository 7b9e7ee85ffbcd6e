/**
 * The offline HTML backup: the print view, complete, frozen into one file.
 * Styles are copied out of the page, every font and image it loaded becomes a
 * data: URL, canvases become images, form fields keep what they show, and
 * a small inline script presents the pages one at a time with the keyboard.
 * A CSP in the file allows nothing but its own inline content, so it can
 * never reach the network (or fail to when there is none).
 */
import { createHash } from 'node:crypto'
import type { Page } from 'playwright-core'

/** In the page: freezes live state into the DOM and returns the styles and the print root. */
const FREEZE = `(() => {
  document.querySelectorAll('[data-testid="print"] canvas').forEach((c) => {
    try {
      const img = document.createElement('img')
      img.src = c.toDataURL('image/png')
      img.className = c.className
      const box = c.getBoundingClientRect()
      img.style.width = box.width + 'px'
      img.style.height = box.height + 'px'
      c.replaceWith(img)
    } catch (e) {}
  })
  document.querySelectorAll('textarea').forEach((t) => { t.textContent = t.value })
  document.querySelectorAll('input').forEach((i) => {
    if (i.type === 'checkbox' || i.type === 'radio') i.checked ? i.setAttribute('checked', '') : i.removeAttribute('checked')
    else if (i.type !== 'file') i.setAttribute('value', i.value)
  })
  document.querySelectorAll('select').forEach((s) => {
    for (const o of s.options) o.selected ? o.setAttribute('selected', '') : o.removeAttribute('selected')
  })
  // A copy cannot run the model or redraw a chart: its controls are shown, not used.
  document.querySelectorAll('[data-testid="print"] :is(input, textarea, select, button)').forEach((el) => el.setAttribute('disabled', ''))
  const sheets = []
  for (const sheet of document.styleSheets) {
    try {
      sheets.push({ href: sheet.href || location.href, text: Array.from(sheet.cssRules, (r) => r.cssText).join('\\n') })
    } catch (e) {}
  }
  const root = document.querySelector('[data-testid="print"]')
  return { sheets, body: root ? root.outerHTML : '', htmlClass: document.documentElement.className, title: document.title, lang: document.documentElement.lang || 'en' }
})()`

/** The viewer: one page at a time, scaled to the window; keys as in the app. Kept tiny and dependency-free. */
const VIEWER_SCRIPT = `(() => {
  const pages = Array.from(document.querySelectorAll('.dd-print-slide'))
  let i = 0
  let all = false
  const n = parseInt(location.hash.slice(1), 10)
  if (n >= 1 && n <= pages.length) i = n - 1
  function show() {
    document.documentElement.classList.toggle('dd-all', all)
    pages.forEach((p, k) => p.classList.toggle('dd-current', k === i))
    document.documentElement.style.setProperty('--dd-scale', String(Math.min(innerWidth / 1280, innerHeight / 720)))
    try { history.replaceState(null, '', '#' + (i + 1)) } catch (e) {}
  }
  addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const k = e.key
    if (['ArrowRight', 'ArrowDown', 'PageDown', 'n', 'N', 'Enter'].includes(k) || (k === ' ' && !e.shiftKey)) i = Math.min(pages.length - 1, i + 1)
    else if (['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P', 'Backspace'].includes(k) || (k === ' ' && e.shiftKey)) i = Math.max(0, i - 1)
    else if (k === 'Home') i = 0
    else if (k === 'End') i = pages.length - 1
    else if (k === 'o' || k === 'O' || k === 'Escape') all = !all
    else return
    e.preventDefault()
    show()
  })
  addEventListener('click', (e) => {
    if (all) {
      const page = e.target.closest && e.target.closest('.dd-print-slide')
      if (page) { i = pages.indexOf(page); all = false; show() }
      return
    }
    if (!(e.target.closest && e.target.closest('a'))) { i = Math.min(pages.length - 1, i + 1); show() }
  })
  addEventListener('resize', show)
  show()
})()`

const VIEWER_STYLE = `
html:not(.dd-all), html:not(.dd-all) body { height: 100%; overflow: hidden; background: #000; }
html:not(.dd-all) .dd-print-slide { display: none; position: fixed; left: 50%; top: 50%; margin: 0;
  transform: translate(-50%, -50%) scale(var(--dd-scale, 1)); transform-origin: 50% 50%; }
html:not(.dd-all) .dd-print-slide.dd-current { display: block; }
html.dd-all body { background: #000; }
html.dd-all .dd-print { zoom: 0.5; }
html.dd-all .dd-print-slide { margin: 16px auto; cursor: pointer; }
@media print {
  html, body { height: auto !important; overflow: visible !important; }
  .dd-print-slide { display: block !important; position: relative !important; left: 0 !important; top: 0 !important; transform: none !important; }
  .dd-print { zoom: 1 !important; }
}`

interface Frozen {
  sheets: Array<{ href: string; text: string }>
  body: string
  htmlClass: string
  title: string
  lang: string
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Replaces each match's URL (group 1, resolved against `base`) by what `inline` returns, awaiting all. */
async function replaceUrls(text: string, re: RegExp, base: string, inline: (url: string) => Promise<string | null>): Promise<string> {
  const jobs: Array<Promise<string>> = []
  text.replace(re, (match: string, raw: string) => {
    jobs.push(
      (async () => {
        if (/^data:/i.test(raw)) return match
        let absolute: string
        try {
          absolute = new URL(raw, base).href
        } catch {
          return match
        }
        const data = await inline(absolute)
        return data ? match.replace(raw, data) : match.replace(raw, '')
      })()
    )
    return match
  })
  const results = await Promise.all(jobs)
  let k = 0
  return text.replace(re, () => results[k++]!)
}

/** What the copy leaves out or could not inline, for the exporter's report. */
export interface SnapshotReport {
  html: string
  inlined: number
  dropped: string[]
}

/**
 * Freezes the (ready) print page into a self-contained HTML document.
 * `requested` lists the same-origin URLs the page loaded: only those fonts are
 * inlined (the emoji font comes in dozens of Unicode-range files, of which a
 * deck uses a few).
 */
export async function snapshotHtml(page: Page, requested: ReadonlySet<string>): Promise<SnapshotReport> {
  const frozen = (await page.evaluate(FREEZE)) as Frozen
  const origin = new URL(page.url()).origin
  const cache = new Map<string, Promise<string | null>>()
  const dropped: string[] = []
  let inlined = 0
  const inline = (url: string): Promise<string | null> => {
    if (!url.startsWith(origin)) {
      dropped.push(url)
      return Promise.resolve(null)
    }
    let job = cache.get(url)
    if (!job) {
      job = page
        .context()
        .request.get(url)
        .then(async (response) => {
          if (!response.ok()) {
            dropped.push(url)
            return null
          }
          inlined++
          const type = (response.headers()['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim()
          return `data:${type};base64,${(await response.body()).toString('base64')}`
        })
      cache.set(url, job)
    }
    return job
  }

  const css: string[] = []
  for (const sheet of frozen.sheets) {
    // @font-face rules of fonts the page never loaded go: their files would only bloat the copy.
    const kept = sheet.text.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
      const urls = [...rule.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => {
        try {
          return new URL(m[1]!, sheet.href).href
        } catch {
          return m[1]!
        }
      })
      return urls.some((u) => u.startsWith('data:') || requested.has(u)) ? rule : ''
    })
    css.push(await replaceUrls(kept, /url\(\s*["']?([^"')]+)["']?\s*\)/g, sheet.href, inline))
  }
  let body = await replaceUrls(frozen.body, /\s(?:src|poster)="([^"]+)"/g, page.url(), inline)
  body = body.replace(/\ssrcset="[^"]*"/g, '')

  const scriptHash = createHash('sha256').update(VIEWER_SCRIPT).digest('base64')
  const csp = `default-src 'none'; img-src data:; media-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'`
  const html = `<!doctype html>
<html lang="${escapeHtml(frozen.lang)}" class="${escapeHtml(frozen.htmlClass)} dd-offline-copy">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="demodeck">
<title>${escapeHtml(frozen.title)}</title>
<style>
${css.join('\n')}
${VIEWER_STYLE}
</style>
</head>
<body>
${body}
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`
  return { html, inlined, dropped: [...new Set(dropped)] }
}
