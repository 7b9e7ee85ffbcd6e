/**
 * reveal.js `<!-- .element: class="fragment" style="color: red" -->` comments:
 * which attributes a slide may set on an element. One reading for the
 * renderer (what it applies) and the deck loader (what it reports).
 *
 * [Note: an allow-list, not a block-list]
 * The attributes become React props. `dangerouslySetInnerHTML`, `ref`, event
 * handlers (`onclick`) and anything else React treats specially either blank
 * the slide with a React error or run code, so only plain presentational
 * attributes pass: class, id, data-* and style — and of style only layout,
 * text and colour properties whose values load nothing (no url(), no
 * expression(), no escapes). Everything else is dropped and reported.
 */

/** The comment, alone in an mdast `html` node. */
export const ELEMENT_COMMENT = /^\s*<!--\s*\.element:\s*(.*?)\s*-->\s*$/s

/** Every `.element:` comment in a slide's markdown. */
const ELEMENT_COMMENTS = /<!--\s*\.element:\s*(.*?)\s*-->/gs

/** Style properties a slide may set (also their -top/-left/… and logical variants, see `styleAllowed`). */
const STYLE_PROPERTIES = new Set([
  'color',
  'background',
  'background-color',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'font-family',
  'font-variant',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-decoration',
  'text-transform',
  'text-shadow',
  'text-indent',
  'vertical-align',
  'white-space',
  'margin',
  'padding',
  'border',
  'border-radius',
  'border-color',
  'border-width',
  'border-style',
  'outline',
  'width',
  'height',
  'min-width',
  'max-width',
  'min-height',
  'max-height',
  'display',
  'flex',
  'flex-direction',
  'flex-wrap',
  'justify-content',
  'align-items',
  'align-self',
  'gap',
  'float',
  'clear',
  'list-style',
  'list-style-type',
  'box-shadow',
  'object-fit',
  'transform',
  'filter'
])
const SIDES = /-(top|right|bottom|left|inline|block|inline-start|inline-end|block-start|block-end)$/

/** Values that could load something or escape the declaration. */
const UNSAFE_VALUE = /url\s*\(|image-set|expression|javascript:|@import|[\\<>{}]|\/\*/i

/** What a `.element:` comment sets, and what it asked for that was dropped. */
export interface ElementAttributes {
  /** HAST properties: `className` (array), `id`, `data-*`, `style` (string of the kept declarations). */
  properties: Record<string, string | string[]>
  /** Dropped attributes and style declarations, as written (`onclick`, `style: position`). */
  dropped: string[]
}

function styleAllowed(property: string): boolean {
  return STYLE_PROPERTIES.has(property) || STYLE_PROPERTIES.has(property.replace(SIDES, ''))
}

function readStyle(value: string, dropped: string[]): string | null {
  const kept: string[] = []
  for (const declaration of value.split(';')) {
    if (!declaration.trim()) continue
    const colon = declaration.indexOf(':')
    const property = (colon < 0 ? declaration : declaration.slice(0, colon)).trim().toLowerCase()
    const text = colon < 0 ? '' : declaration.slice(colon + 1).trim()
    if (colon < 0 || !/^[a-z-]+$/.test(property) || !styleAllowed(property) || !text || UNSAFE_VALUE.test(text)) {
      dropped.push(`style: ${property || declaration.trim()}`)
      continue
    }
    kept.push(`${property}: ${text}`)
  }
  return kept.length ? kept.join('; ') : null
}

/** Reads the inside of a `.element:` comment (`class="fragment" data-id="x"`). */
export function readElementAttributes(source: string): ElementAttributes {
  const properties: Record<string, string | string[]> = {}
  const dropped: string[] = []
  for (const match of source.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = match[1]!
    const value = match[2] ?? match[3] ?? ''
    const lower = name.toLowerCase()
    if (lower === 'class') {
      const classes = value.split(/\s+/).filter(Boolean)
      if (classes.length) properties['className'] = classes
    } else if (lower === 'id') {
      if (/^[A-Za-z][\w-]*$/.test(value)) properties['id'] = value
      else dropped.push(`id="${value}"`)
    } else if (/^data-[a-z0-9-]+$/.test(lower)) {
      properties[lower] = value
    } else if (lower === 'style') {
      const style = readStyle(value, dropped)
      if (style) properties['style'] = style
    } else {
      dropped.push(name)
    }
  }
  return { properties, dropped }
}

/** Everything the `.element:` comments of one slide's markdown asked for that will not be applied. */
export function droppedElementAttributes(markdown: string): string[] {
  if (!markdown.includes('.element')) return []
  const dropped: string[] = []
  for (const match of markdown.matchAll(ELEMENT_COMMENTS)) dropped.push(...readElementAttributes(match[1]!).dropped)
  return [...new Set(dropped)]
}
