/**
 * Fenced code in slide markdown becomes a `dd-code` element carrying the
 * code, its language and its meta (` ```python {3-5} `), which the markdown
 * renderer maps to `CodeBlock`. The code travels as a property, never as HTML.
 */
import type { Code, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { createElement } from 'react'
import { CodeBlock } from './CodeBlock'

export function remarkCodeBlocks() {
  return (tree: Root) => {
    visit(tree, 'code', (node: Code, index, parent) => {
      if (!parent || index === undefined) return
      // A node type of our own: mdast-util-to-hast would wrap a renamed `code` node in a <pre>.
      const element = {
        type: 'ddCode',
        children: [],
        data: { hName: 'dd-code', hProperties: { dataCode: node.value, dataLang: node.lang ?? '', dataMeta: node.meta ?? '' } }
      }
      parent.children.splice(index, 1, element as unknown as Code)
    })
  }
}

/** The component for `dd-code` elements (stable, so re-rendering a slide never remounts its code). */
export function CodeBlockElement(props: Record<string, unknown>): React.JSX.Element {
  const lang = String(props['data-lang'] ?? '')
  const meta = String(props['data-meta'] ?? '')
  return createElement(CodeBlock, { code: String(props['data-code'] ?? ''), lang: lang || undefined, meta: meta || undefined })
}
