/**
 * Slide markdown to React, CSP-safe: remark parses (GFM + directives), rehype
 * turns it into a HAST tree without raw HTML, and hast-util-to-jsx-runtime
 * builds React elements. No eval, no innerHTML. Live components are emitted
 * as `dd-directive` elements that `components` maps to the registry.
 */
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
import type { ReactNode } from 'react'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkDirective from 'remark-directive'
import remarkRehype from 'remark-rehype'
import { visit } from 'unist-util-visit'
import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime'
import type { Root, Nodes, Parent, Html } from 'mdast'
import { ELEMENT_COMMENT, readElementAttributes } from '../../../../core/deck/element-attributes'
import { CodeBlockElement, remarkCodeBlocks } from './code/remark-code-blocks'

interface DirectiveNode {
  type: 'leafDirective' | 'containerDirective' | 'textDirective'
  children: Parent['children']
  name: string
  attributes?: Record<string, string | null | undefined> | null
  data?: { hName?: string; hProperties?: Record<string, unknown> }
}

/**
 * Applies reveal.js `<!-- .element: class="fragment" -->` comments to the element they follow:
 * only the allow-listed attributes (class, id, data-*, safe style); the deck loader reports the rest.
 */
function remarkElementAttributes() {
  return (tree: Root) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      const match = ELEMENT_COMMENT.exec(node.value)
      if (!match || !parent || index === undefined) return
      const { properties } = readElementAttributes(match[1]!)
      // Inline comment: the target is the enclosing block (a list item when the paragraph sits in one).
      let target: Nodes | undefined
      if (parent.type === 'paragraph') {
        target = parent
      } else {
        target = parent.children[index - 1] as Nodes | undefined
      }
      if (target) {
        const data = (target.data ??= {}) as { hProperties?: Record<string, unknown> }
        const props = (data.hProperties ??= {})
        Object.assign(props, properties)
      }
      parent.children.splice(index, 1)
      return index
    })
    // A paragraph that is the only child of a list item hands its classes to the item (reveal's behaviour).
    visit(tree, 'listItem', (item) => {
      const only = item.children.length === 1 ? item.children[0] : undefined
      const props = (only?.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties
      if (only && props?.['className']) {
        item.data = { ...(item.data ?? {}), hProperties: { ...props } } as typeof item.data
        delete props['className']
      }
    })
  }
}

/** Leaf/container directives become `dd-directive` elements; text directives go back to plain text. */
function remarkDirectivesToElements() {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      const directive = node as unknown as DirectiveNode
      if (directive.type === 'textDirective') {
        if (parent && index !== undefined) {
          const text = `:${directive.name}`
          ;(parent.children as unknown[]).splice(index, 1, { type: 'text', value: text }, ...directive.children)
        }
        return
      }
      if (directive.type !== 'leafDirective' && directive.type !== 'containerDirective') return
      const attributes: Record<string, string> = {}
      for (const [key, value] of Object.entries(directive.attributes ?? {})) if (typeof value === 'string') attributes[key] = value
      if (directive.name === 'fragment' && directive.type === 'containerDirective') {
        directive.data = { hName: 'div', hProperties: { className: ['fragment', ...(attributes['animation'] ? [attributes['animation']] : [])] } }
        return
      }
      if (directive.name === 'columns' && directive.type === 'containerDirective') {
        directive.data = { hName: 'div', hProperties: { className: ['dd-columns'] } }
        return
      }
      directive.data = {
        hName: 'dd-directive',
        hProperties: { dataName: directive.name, dataAttributes: JSON.stringify(attributes) }
      }
      if (directive.type === 'leafDirective') directive.children = []
    })
  }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkElementAttributes)
  .use(remarkDirectivesToElements)
  .use(remarkCodeBlocks)
  .use(remarkRehype, { allowDangerousHtml: false })

/** Rewrites relative image/link URLs to the deck's asset base (slides/ is the base folder). */
function rewriteUrl(url: string, assetBase: string): string {
  if (/^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(url)) return url
  return `${assetBase}slides/${url.replace(/^\.\//, '')}`
}

export interface MarkdownRenderOptions {
  components: Partial<Components>
  assetBase: string
}

/** Renders slide markdown to React elements. */
export function renderMarkdown(markdown: string, options: MarkdownRenderOptions): ReactNode {
  const mdast = processor.parse(markdown)
  const hast = processor.runSync(mdast)
  visit(hast, 'element', (element: { tagName: string; properties: Record<string, unknown> }) => {
    if (element.tagName === 'img' && typeof element.properties['src'] === 'string') {
      element.properties['src'] = rewriteUrl(element.properties['src'], options.assetBase)
    }
    if (element.tagName === 'a' && typeof element.properties['href'] === 'string') {
      element.properties['target'] = '_blank'
      element.properties['rel'] = 'noreferrer'
    }
  })
  return toJsxRuntime(hast as Parameters<typeof toJsxRuntime>[0], {
    Fragment,
    jsx: jsx as never,
    jsxs: jsxs as never,
    components: { 'dd-code': CodeBlockElement, ...options.components } as Components,
    passKeys: true,
    passNode: false
  })
}
