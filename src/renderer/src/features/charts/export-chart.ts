/**
 * PNG and SVG export of a chart, entirely in the page: no network and
 * nothing the CSP forbids (blob: URLs only).
 *
 * [Note: self-contained SVG]
 * The chart is recharts' <svg class="recharts-surface"> (with the lines drawn
 * into it: TrainingChart.tsx); the pointer layer on top is not part of it.
 * recharts styles its SVG partly through CSS classes and inherited CSS
 * variables, which a stand-alone file does not have. We clone the live <svg>,
 * copy the computed value of the properties that matter onto each element's
 * `style`, add a background and a legend, and serialise that. The PNG is the
 * same SVG drawn onto a canvas at 2× scale.
 */

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display'
] as const

/** One legend entry to draw into the exported image. */
export interface ExportLegendItem {
  label: string
  color: string
  dash?: string
}

const SVG_NS = 'http://www.w3.org/2000/svg'
const LEGEND_ROW = 18

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source)
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';')
  target.setAttribute('style', style)
  const sourceChildren = source.children
  const targetChildren = target.children
  for (let i = 0; i < sourceChildren.length && i < targetChildren.length; i++) inlineStyles(sourceChildren[i]!, targetChildren[i]!)
}

/** Serialises a chart's <svg> into a stand-alone SVG document (see [Note: self-contained SVG]). */
export function chartSvgText(
  svg: SVGSVGElement,
  options: { background: string; foreground: string; legend: ExportLegendItem[]; title?: string }
): {
  text: string
  width: number
  height: number
} {
  // The SVG's own size (recharts gives it width/height attributes), not its box on screen: a reveal.js slide may be scaled.
  const box = svg.getBoundingClientRect()
  const width = Math.max(1, Math.round(svg.width?.baseVal?.value || box.width))
  const chartHeight = Math.max(1, Math.round(svg.height?.baseVal?.value || box.height))
  const titleHeight = options.title ? 24 : 0
  const legendHeight = options.legend.length * LEGEND_ROW + (options.legend.length ? 8 : 0)
  const height = titleHeight + chartHeight + legendHeight
  const clone = svg.cloneNode(true) as SVGSVGElement
  inlineStyles(svg, clone)
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null)
  const root = doc.documentElement
  root.setAttribute('xmlns', SVG_NS)
  root.setAttribute('width', String(width))
  root.setAttribute('height', String(height))
  root.setAttribute('viewBox', `0 0 ${width} ${height}`)
  const bg = doc.createElementNS(SVG_NS, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  bg.setAttribute('fill', options.background)
  root.appendChild(bg)
  const font = 'font-family:system-ui,sans-serif;font-size:13px'
  if (options.title) {
    const title = doc.createElementNS(SVG_NS, 'text')
    title.setAttribute('x', '12')
    title.setAttribute('y', '17')
    title.setAttribute('style', `${font};font-weight:600;fill:${options.foreground}`)
    title.textContent = options.title
    root.appendChild(title)
  }
  const chart = doc.createElementNS(SVG_NS, 'g')
  chart.setAttribute('transform', `translate(0 ${titleHeight})`)
  clone.setAttribute('x', '0')
  clone.setAttribute('y', '0')
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(chartHeight))
  chart.appendChild(doc.importNode(clone, true))
  root.appendChild(chart)
  options.legend.forEach((item, i) => {
    const y = titleHeight + chartHeight + 4 + i * LEGEND_ROW
    const line = doc.createElementNS(SVG_NS, 'line')
    line.setAttribute('x1', '12')
    line.setAttribute('x2', '36')
    line.setAttribute('y1', String(y + 9))
    line.setAttribute('y2', String(y + 9))
    line.setAttribute('style', `stroke:${item.color};stroke-width:2.5${item.dash ? `;stroke-dasharray:${item.dash}` : ''}`)
    root.appendChild(line)
    const text = doc.createElementNS(SVG_NS, 'text')
    text.setAttribute('x', '44')
    text.setAttribute('y', String(y + 13))
    text.setAttribute('style', `${font};fill:${options.foreground}`)
    text.textContent = item.label
    root.appendChild(text)
  })
  return { text: new XMLSerializer().serializeToString(doc), width, height }
}

/** Saves a blob under a file name through an <a download> (works in Electron and the browser). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Renders SVG text to a PNG blob at `scale`× resolution. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('This window cannot draw on a canvas.')
    ctx.scale(scale, scale)
    ctx.drawImage(image, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))), 'image/png')
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** A file-name-safe slug. */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart'
  )
}
